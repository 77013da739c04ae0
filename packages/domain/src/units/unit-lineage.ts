// Units with lineage: a unit renamed or upgraded is a new record and the old one names it as its
// successor (huyện Tịnh Biên → thị xã Tịnh Biên on 13/02/2023, NQ 721/NQ-UBTVQH15). Figures by unit
// can follow a unit through such changes to the unit in force on their as-of date.
import type { IsoDate } from '../dates.js';

/** What lineage needs to know of a unit. */
export interface UnitLineageRecord {
  code: string;
  /** Last day in force (inclusive); null = still in force. */
  validTo: IsoDate | null;
  successorCode: string | null;
}

/**
 * The code of the unit that carries `code` on `asOf`: its successor (and theirs) when it had
 * ended before that day, else itself. A unit that ended without a successor (the district level
 * after 30/06/2025) stays itself; an unknown code is returned as given. `units` needs only the
 * units that have a successor.
 */
export function unitInForceOn(
  units: ReadonlyMap<string, UnitLineageRecord>,
  code: string,
  asOf: IsoDate,
): string {
  let current = code;
  let unit = units.get(code);
  const seen = new Set<string>();
  while (unit && unit.validTo !== null && unit.validTo < asOf && unit.successorCode) {
    if (seen.has(unit.code)) break; // a cycle in the data: stop rather than loop
    seen.add(unit.code);
    // A successor without a record of its own (still in force, no successor) ends the chain.
    current = unit.successorCode;
    unit = units.get(current);
  }
  return current;
}
