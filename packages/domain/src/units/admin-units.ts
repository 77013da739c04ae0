/** Administrative units with validity dates, so 2021 targets stay on 2021's units. */
import { addDays, compareIso, parseIsoDate, type IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';

/** Unit types. 'city' here is a provincial city (thành phố thuộc tỉnh), a district-level unit. */
export type UnitType = 'province' | 'city' | 'town' | 'district' | 'commune';

/** One unit for one stretch of time. A change of type or code ends a record and starts a successor. */
export interface AdminUnitRecord {
  code: string;
  name: string;
  type: UnitType;
  /** First day in force; null = before our records start. */
  validFrom: IsoDate | null;
  /** Last day in force (inclusive); null = still in force. */
  validTo: IsoDate | null;
  successorCode?: string | null;
  /** Legal basis of the record's start or end, for the UI. */
  basis?: string | null;
}

const UNIT_TYPES: readonly UnitType[] = ['province', 'city', 'town', 'district', 'commune'];

const LABELS: Record<UnitType, { vi: string; en: string }> = {
  province: { vi: 'tỉnh', en: 'province' },
  city: { vi: 'thành phố', en: 'city' },
  town: { vi: 'thị xã', en: 'town' },
  district: { vi: 'huyện', en: 'district' },
  commune: { vi: 'xã', en: 'commune' },
};

/** True for a string that is a {@link UnitType}. */
export function isUnitType(value: string): value is UnitType {
  return (UNIT_TYPES as readonly string[]).includes(value);
}

/** District level = thành phố thuộc tỉnh, thị xã, huyện (abolished 2025-07-01). */
export function isDistrictLevel(type: UnitType): boolean {
  return type === 'city' || type === 'town' || type === 'district';
}

/** 'thành phố' / 'city', 'thị xã' / 'town', 'huyện' / 'district', … */
export function unitTypeLabel(type: UnitType, lang: 'vi' | 'en' = 'vi'): string {
  return LABELS[type][lang];
}

/** Filter for {@link unitsInForce}. */
export interface UnitFilter {
  type?: UnitType | readonly UnitType[];
  districtLevel?: boolean;
}

/** Units in force on `date`, validity inclusive at both ends; null bounds are open. */
export function unitsInForce(
  units: readonly AdminUnitRecord[],
  date: IsoDate,
  filter: UnitFilter = {},
): AdminUnitRecord[] {
  parseIsoDate(date);
  const types =
    filter.type === undefined ? null : Array.isArray(filter.type) ? filter.type : [filter.type];
  return units.filter(
    (unit) =>
      (unit.validFrom === null || compareIso(unit.validFrom, date) <= 0) &&
      (unit.validTo === null || compareIso(date, unit.validTo) <= 0) &&
      (types === null || types.includes(unit.type)) &&
      (filter.districtLevel === undefined || isDistrictLevel(unit.type) === filter.districtLevel),
  );
}

/** A row of data/seed/districts-2021.csv (extra columns ignored). */
export interface DistrictRow {
  code: string;
  name: string;
  type: string;
  [column: string]: string | undefined;
}

/** A change of type of one district-level unit, as data. */
export interface UnitTypeChange {
  code: string;
  /** First day under the new type. */
  on: IsoDate;
  newType: UnitType;
  newCode: string;
  basis: string;
}

/** An Giang's district-level changes after 2021. */
export const AN_GIANG_UNIT_CHANGES: readonly UnitTypeChange[] = Object.freeze([
  // NQ 721/NQ-UBTVQH15 of 13/02/2023: huyện Tịnh Biên becomes thị xã Tịnh Biên.
  {
    code: 'tinh-bien',
    on: '2023-02-13',
    newType: 'town',
    newCode: 'tinh-bien-town',
    basis: 'NQ 721/NQ-UBTVQH15',
  },
]);

/** Last day of the district level: NQ 203/2025/QH15 abolishes it from 2025-07-01. */
export const DISTRICT_LEVEL_LAST_DAY: IsoDate = '2025-06-30';

/**
 * Builds An Giang's district-level unit records from the districts-2021.csv rows: each unit from
 * (unknown) until 2025-06-30, split at a type change into a record and its successor (Tịnh Biên:
 * huyện until 2023-02-12, thị xã 'tinh-bien-town' from 2023-02-13). Throws INVALID_UNIT naming
 * the row.
 */
export function buildDistrictUnits(
  rows: readonly DistrictRow[],
  changes: readonly UnitTypeChange[] = AN_GIANG_UNIT_CHANGES,
): AdminUnitRecord[] {
  const records: AdminUnitRecord[] = [];
  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    const code = (row.code ?? '').trim();
    const name = (row.name ?? '').trim();
    const type = (row.type ?? '').trim();
    if (!code || !name) {
      throw new DomainError('INVALID_UNIT', `Row ${rowNumber}: code and name are required`, {
        row: rowNumber,
      });
    }
    if (!isUnitType(type) || !isDistrictLevel(type)) {
      throw new DomainError(
        'INVALID_UNIT',
        `Row ${rowNumber}, column type: "${type}" is not city, town or district`,
        {
          row: rowNumber,
          column: 'type',
          value: type,
        },
      );
    }
    const change = changes.find((c) => c.code === code);
    if (!change) {
      records.push({
        code,
        name,
        type,
        validFrom: null,
        validTo: DISTRICT_LEVEL_LAST_DAY,
        successorCode: null,
        basis: null,
      });
      return;
    }
    records.push({
      code,
      name,
      type,
      validFrom: null,
      validTo: addDays(change.on, -1),
      successorCode: change.newCode,
      basis: change.basis,
    });
    records.push({
      code: change.newCode,
      name,
      type: change.newType,
      validFrom: change.on,
      validTo: DISTRICT_LEVEL_LAST_DAY,
      successorCode: null,
      basis: change.basis,
    });
  });
  return records;
}
