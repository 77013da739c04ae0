/** How much of a stored date the source actually gave; a year-only date is stored as its 31 December, or as an earlier day the source shows it existed by. */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
