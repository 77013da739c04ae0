// FactDate: a date at the precision the source gave (many 2020–2021 records give only a year).
import { formatFactDate } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { DATE_PRECISIONS, type DatePrecision } from './date-precision.js';

export interface FactDateShape {
  date: string;
  precision: DatePrecision;
}

export const DatePrecisionEnum = dbEnum('DatePrecision', DATE_PRECISIONS, {
  description: 'How much of a date the source actually gave.',
  valueDescriptions: {
    day: 'Exact day.',
    month: 'Month only; stored as the last day of the month.',
    year: 'Year only; stored as 31 December (as-of queries count it from the end of the year), or as an earlier day the source shows it existed by, e.g. the certificates\' hand-over (the label then reads "2021 (≤ 22/04/2021)").',
  },
});

export const FactDate = builder.objectRef<FactDateShape>('FactDate');
FactDate.implement({
  description: 'A date as the source gives it: an exact day, or only a month or a year.',
  fields: (t) => ({
    value: t.field({
      type: 'Date',
      description: 'Stored day. A month- or year-only date is the last day of that month/year.',
      resolve: (d) => d.date,
    }),
    precision: t.field({
      type: DatePrecisionEnum,
      description: 'Precision of the source.',
      resolve: (d) => d.precision,
    }),
    label: t.string({
      description:
        'Label at the source precision, Vietnamese style: "2021", "04/2021" or "22/04/2021".',
      resolve: (d) => formatFactDate({ date: String(d.date).slice(0, 10), precision: d.precision }),
    }),
  }),
});

/** Builds a FactDate shape from an entity's date and precision columns. */
export function factDate(
  date: string | Date,
  precision: DatePrecision | null | undefined,
): FactDateShape {
  const iso = date instanceof Date ? date.toISOString().slice(0, 10) : String(date).slice(0, 10);
  return { date: iso, precision: precision ?? 'day' };
}
