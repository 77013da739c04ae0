// What each role may do, as Pothos scope loaders (the schema states per field which scopes it
// needs; resource checks pass the record's unit or department code as the scope parameter).
//   ADMIN                manages users; edits entities/products; records activities; reads everything
//   SECRETARIAT          (standing agency, Sở NN&PTNT) evaluations, decisions, imports, entities, products, activities
//   DEPARTMENT_OFFICER   its own department's activities and task progress
//   DISTRICT_OFFICER     entities/products of its own unit; district-level evaluations of its unit
//                        only on dates whose rule set gives districts a role (148/QĐ-TTg: 3★)
//   VIEWER               signed-in read; personal data of its own unit when bound to one
// Personal data (entity owner name/phone) is visible to ADMIN, SECRETARIAT, and the DISTRICT_OFFICER
// or unit-bound VIEWER of the entity's own unit; never to anonymous requests or other units.
import { recogniserFor, ruleSetInForce } from '@ocop/domain';
import type { SessionUser } from '../../graphql/context.js';

export interface AuthScopes {
  signedIn: boolean;
  admin: boolean;
  secretariat: boolean;
  /** Department code: a DEPARTMENT_OFFICER of that department. */
  departmentOfficer: string;
  /** Unit code(s): a DISTRICT_OFFICER bound to that unit (every code given must be its unit). */
  districtOfficer: string | readonly string[];
  /** A DISTRICT_OFFICER of the unit, on a date whose rule set lets districts recognise (3★ under 148). */
  districtEvaluator: { unitCode: string | null; date: string };
  /** Unit code of a record holding personal data (null: a record without a unit). */
  personalDataOf: string | null;
}

type ScopeLoaders = {
  [K in keyof AuthScopes]: boolean | ((param: AuthScopes[K]) => boolean);
};

/** True when the rule set in force on `date` gives the district level a recognising role. */
export function districtsRecogniseOn(date: string): boolean {
  try {
    const ruleSet = ruleSetInForce(date);
    return ([3, 4, 5] as const).some((stars) => recogniserFor(ruleSet, stars) === 'district');
  } catch {
    return false;
  }
}

export function scopesFor(user: SessionUser | null): ScopeLoaders {
  const role = user?.role;
  const ownUnit = (code: string | null) => code !== null && user?.unitCode === code;
  return {
    signedIn: !!user,
    admin: role === 'admin',
    secretariat: role === 'secretariat',
    departmentOfficer: (code) => role === 'department_officer' && user?.departmentCode === code,
    districtOfficer: (codes) => {
      const list = typeof codes === 'string' ? [codes] : codes;
      return role === 'district_officer' && list.length > 0 && list.every((c) => ownUnit(c));
    },
    districtEvaluator: ({ unitCode, date }) =>
      role === 'district_officer' && ownUnit(unitCode) && districtsRecogniseOn(date),
    personalDataOf: (unitCode) =>
      role === 'admin' ||
      role === 'secretariat' ||
      ((role === 'district_officer' || role === 'viewer') && ownUnit(unitCode)),
  };
}
