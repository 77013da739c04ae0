import type { Role } from '../graphql/session';

/** The data-entry forms of the dashboard (one lazy route each under /entry). */
export type EntryForm =
  'evaluation' | 'decision' | 'round' | 'activity' | 'entity' | 'product' | 'import' | 'plans';
export const ENTRY_FORMS: readonly EntryForm[] = [
  'evaluation',
  'decision',
  'round',
  'activity',
  'entity',
  'product',
  'import',
  'plans',
];

/**
 * Who may open each form, as the API's scope rules grant the mutations (README, 'Roles and sign-in'). The API checks
 * again (own department, own unit, district level only where the rule set allows); this table only
 * keeps users away from forms that would always be refused.
 */
export const FORM_ROLES: Readonly<Record<EntryForm, readonly Role[]>> = {
  evaluation: ['SECRETARIAT', 'DISTRICT_OFFICER'],
  decision: ['SECRETARIAT'],
  round: ['SECRETARIAT'],
  activity: ['DEPARTMENT_OFFICER', 'SECRETARIAT', 'ADMIN'],
  entity: ['DISTRICT_OFFICER', 'SECRETARIAT', 'ADMIN'],
  product: ['DISTRICT_OFFICER', 'SECRETARIAT', 'ADMIN'],
  import: ['SECRETARIAT'],
  plans: ['SECRETARIAT'],
};

export function canOpenForm(role: Role | null | undefined, form: EntryForm): boolean {
  return role != null && FORM_ROLES[form].includes(role);
}

/** Forms a role may open, in menu order. */
export function formsFor(role: Role | null | undefined): EntryForm[] {
  return ENTRY_FORMS.filter((form) => canOpenForm(role, form));
}

/** Whether the role writes anything at all (drives the "Nhập liệu" menu). */
export function canWrite(role: Role | null | undefined): boolean {
  return formsFor(role).length > 0;
}
