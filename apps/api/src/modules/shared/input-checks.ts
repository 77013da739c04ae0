// Input checks shared by mutations. Each throws VALIDATION_FAILED naming the field, in vi and en.
import type { EntityManager } from '@mikro-orm/core';
import { PROGRAMME_START } from '@ocop/domain';
import { validationFailed } from '../../graphql/errors.js';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { FORMULA_START } from './formula-text.js';

/** Trimmed required text of 1..max characters, never formula-like. */
export function requireText(field: string, value: string | null | undefined, max: number): string {
  const text = (value ?? '').trim();
  if (!text)
    throw validationFailed(field, {
      en: `${field} is required.`,
      vi: `Trường ${field} không được để trống.`,
    });
  return checkText(field, text, max)!;
}

/** Optional text: blank → null; otherwise as requireText. */
export function optionalText(
  field: string,
  value: string | null | undefined,
  max: number,
): string | null {
  const text = (value ?? '').trim();
  return text ? checkText(field, text, max) : null;
}

function checkText(field: string, text: string, max: number): string {
  if (text.length > max) {
    throw validationFailed(field, {
      en: `${field} is longer than ${max} characters.`,
      vi: `Trường ${field} dài quá ${max} ký tự.`,
    });
  }
  if (FORMULA_START.test(text)) {
    throw validationFailed(field, {
      en: `${field} may not start with =, +, -, @ or a tab (spreadsheet formula).`,
      vi: `Trường ${field} không được bắt đầu bằng =, +, -, @ hoặc ký tự tab (công thức bảng tính).`,
    });
  }
  return text;
}

/** A day of the programme: not before 1048/QĐ-TTg (2019-08-21) and not after today. */
export function checkProgrammeDate(field: string, date: string, today: string): void {
  if (date > today) {
    throw validationFailed(field, {
      en: `${field} ${date} is in the future (today is ${today}).`,
      vi: `Ngày ${date} (${field}) ở tương lai (hôm nay là ${today}).`,
    });
  }
  if (date < PROGRAMME_START) {
    throw validationFailed(field, {
      en: `${field} ${date} is before the OCOP programme started (1048/QĐ-TTg, ${PROGRAMME_START}).`,
      vi: `Ngày ${date} (${field}) trước khi có Chương trình OCOP (QĐ 1048/QĐ-TTg, 21/8/2019).`,
    });
  }
}

/** A district-level unit (city, town, district) by code. */
export async function findDistrictUnit(
  em: EntityManager,
  field: string,
  code: string,
): Promise<AdminUnit> {
  const unit = await em.findOne(AdminUnit, { code, type: { $in: ['city', 'town', 'district'] } });
  if (!unit) {
    throw validationFailed(field, {
      en: `Unknown district-level unit "${code}".`,
      vi: `Không có đơn vị cấp huyện "${code}".`,
    });
  }
  return unit;
}

/** Parses a GraphQL ID into a database id or refuses it naming the field. */
export function toId(field: string, value: string | number): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw validationFailed(field, {
      en: `${field} "${value}" is not a valid id.`,
      vi: `Mã ${field} "${value}" không hợp lệ.`,
    });
  }
  return id;
}
