// Codes in filters must name a record: an unknown code is an error listing close matches, never
// a silent zero (a reader would print "0 products in tinh bien").
import type { EntityManager } from '@mikro-orm/core';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { Department } from '../departments/department.entity.js';
import { validationFailed } from '../../graphql/errors.js';
import { closeMatches, type Candidate } from './close-matches.js';

function unknownCode(
  field: string,
  code: string,
  suggestions: string[],
  what: { en: string; vi: string },
) {
  const list = suggestions.map((s) => `"${s}"`).join(', ');
  return validationFailed(
    field,
    {
      en: `There is no ${what.en} with code "${code}".${list ? ` Did you mean ${list}?` : ''}`,
      vi: `Không có ${what.vi} mang mã "${code}".${list ? ` Có phải bạn muốn nhập ${list}?` : ''}`,
    },
    { suggestions },
  );
}

/** Throws VALIDATION_FAILED on `field` unless `code` is null or an administrative unit's code. */
export async function requireUnitCode(
  em: EntityManager,
  code: string | null | undefined,
  field: string,
): Promise<void> {
  if (code == null) return;
  if (await em.count(AdminUnit, { code })) return;
  const units = await em.find(
    AdminUnit,
    { type: { $ne: 'commune' } },
    { fields: ['code', 'name'] },
  );
  const candidates: Candidate[] = units.map((u) => ({ code: u.code, aliases: [u.name] }));
  throw unknownCode(field, code, closeMatches(code, candidates), {
    en: 'administrative unit',
    vi: 'đơn vị hành chính',
  });
}

/** Throws VALIDATION_FAILED on `field` unless `code` is null or a department's code. */
export async function requireDepartmentCode(
  em: EntityManager,
  code: string | null | undefined,
  field: string,
): Promise<void> {
  if (code == null) return;
  if (await em.count(Department, { code })) return;
  const departments = await em.find(Department, {}, { fields: ['code', 'nameVi', 'nameEn'] });
  const candidates: Candidate[] = departments.map((d) => ({
    code: d.code,
    aliases: [d.nameVi, d.nameEn],
  }));
  throw unknownCode(field, code, closeMatches(code, candidates), {
    en: 'department',
    vi: 'sở, ngành',
  });
}
