// Which department/unit a role is bound to, checked against the database.
import type { EntityManager } from '@mikro-orm/core';
import { validationFailed } from '../../graphql/errors.js';
import type { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { Department } from '../departments/department.entity.js';
import { findDistrictUnit } from '../shared/input-checks.js';
import type { Role, User } from './user.entity.js';

export interface Binding {
  department: Department | null;
  unit: AdminUnit | null;
}

/** DEPARTMENT_OFFICER needs a department; DISTRICT_OFFICER a unit; VIEWER may have a unit; others neither. */
export async function resolveBinding(
  em: EntityManager,
  role: Role,
  departmentCode: string | null,
  unitCode: string | null,
): Promise<Binding> {
  const needsDepartment = role === 'department_officer';
  const unitAllowed = role === 'district_officer' || role === 'viewer';
  if (needsDepartment && !departmentCode) {
    throw validationFailed('departmentCode', {
      en: 'A department officer needs a department.',
      vi: 'Cán bộ sở, ngành phải gắn với một sở, ngành.',
    });
  }
  if (!needsDepartment && departmentCode) {
    throw validationFailed('departmentCode', {
      en: `Role ${role.toUpperCase()} is not bound to a department.`,
      vi: `Vai trò ${role.toUpperCase()} không gắn với sở, ngành.`,
    });
  }
  if (role === 'district_officer' && !unitCode) {
    throw validationFailed('unitCode', {
      en: 'A district officer needs a unit.',
      vi: 'Cán bộ cấp huyện phải gắn với một đơn vị cấp huyện.',
    });
  }
  if (!unitAllowed && unitCode) {
    throw validationFailed('unitCode', {
      en: `Role ${role.toUpperCase()} is not bound to a unit.`,
      vi: `Vai trò ${role.toUpperCase()} không gắn với đơn vị hành chính.`,
    });
  }
  let department: Department | null = null;
  if (departmentCode) {
    department = await em.findOne(Department, { code: departmentCode });
    if (!department)
      throw validationFailed('departmentCode', {
        en: `Unknown department "${departmentCode}".`,
        vi: `Không có sở, ngành "${departmentCode}".`,
      });
  }
  const unit = unitCode ? await findDistrictUnit(em, 'unitCode', unitCode) : null;
  return { department, unit };
}

/** What the audit log and VERSION_CONFLICT show of a user (never the password hash). */
export function userSnapshot(u: User): Record<string, unknown> {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.department?.id ?? null,
    unitId: u.unit?.id ?? null,
    active: u.active,
    version: u.version,
  };
}

/** extensions.current of a VERSION_CONFLICT: the snapshot with `role` as the User type shows it (ADMIN). */
export function userCurrentView(u: User): Record<string, unknown> {
  return { ...userSnapshot(u), role: u.role.toUpperCase() };
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(field: string, email: string, strict = true): string {
  const normalized = email.trim().toLowerCase();
  if (strict && (!EMAIL_RE.test(normalized) || normalized.length > 254)) {
    throw validationFailed(field, {
      en: `"${email}" is not an email address.`,
      vi: `"${email}" không phải là địa chỉ email.`,
    });
  }
  return normalized;
}
