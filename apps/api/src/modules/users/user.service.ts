// User writes: createUser and updateUser (ADMIN only, checked by the schema). Deactivating a user
// revokes their sessions; the last active admin cannot be demoted or deactivated.
import type { EntityManager } from '@mikro-orm/core';
import { validationFailed } from '../../graphql/errors.js';
import { recordAtVersion, type WriteOutcome } from '../audit/run-write.js';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.js';
import { revokeSessionsOf } from '../auth/session.repository.js';
import { requireText } from '../shared/input-checks.js';
import { normalizeEmail, resolveBinding, userCurrentView, userSnapshot } from './user-binding.js';
import { User, type Role } from './user.entity.js';

/** A new user as the admin form or the API gives it. */
export interface UserInputData {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  departmentCode?: string | null;
  unitCode?: string | null;
}

/** Changes to a user; an omitted (undefined) field keeps its value, null clears a binding. */
export interface UserChanges {
  version: number;
  role?: Role | null;
  active?: boolean | null;
  departmentCode?: string | null;
  unitCode?: string | null;
  displayName?: string | null;
}

/** Refuses to demote or deactivate the last active admin. */
async function assertAnotherAdmin(em: EntityManager, user: User): Promise<void> {
  const others = await em.count(User, { role: 'admin', active: true, id: { $ne: user.id } });
  if (others === 0) {
    throw validationFailed('role', {
      en: 'This is the last active admin; create another admin first.',
      vi: 'Đây là quản trị viên cuối cùng còn hoạt động; hãy tạo quản trị viên khác trước.',
    });
  }
}

/** createUser: a unique email, the password policy, the role's binding. */
export async function createUser(
  tx: EntityManager,
  input: UserInputData,
): Promise<WriteOutcome<User>> {
  const email = normalizeEmail('email', input.email);
  const displayName = requireText('displayName', input.displayName, 200);
  checkPasswordPolicy('password', input.password);
  if (await tx.count(User, { email })) {
    throw validationFailed('email', {
      en: `A user with email ${email} already exists.`,
      vi: `Đã có người dùng với email ${email}.`,
    });
  }
  const binding = await resolveBinding(
    tx,
    input.role,
    input.departmentCode ?? null,
    input.unitCode ?? null,
  );
  const user = tx.create(User, {
    email,
    displayName,
    role: input.role,
    ...binding,
    passwordHash: await hashPassword(input.password),
    active: true,
  });
  return { result: user, audit: () => ({ recordId: user.id, after: userSnapshot(user) }) };
}

/** A user's current values as VERSION_CONFLICT shows them (null when gone). */
export async function userCurrentViewOf(em: EntityManager, id: number) {
  const user = await em.findOne(User, id);
  return user && userCurrentView(user);
}

/** updateUser: role, binding, active flag and display name of a user read at `changes.version`. */
export async function updateUser(
  tx: EntityManager,
  id: number,
  args: UserChanges,
): Promise<WriteOutcome<User>> {
  const user = await recordAtVersion(
    'User',
    () => tx.findOne(User, id, { populate: ['department', 'unit'] }),
    id,
    args.version,
    userCurrentView,
  );
  const before = userSnapshot(user);
  const role = args.role ?? user.role;
  const departmentCode =
    args.departmentCode !== undefined
      ? args.departmentCode
      : (user.department?.getEntity().code ?? null);
  const unitCode =
    args.unitCode !== undefined ? args.unitCode : (user.unit?.getEntity().code ?? null);
  const binding = await resolveBinding(
    tx,
    role,
    role === 'department_officer' ? departmentCode : (args.departmentCode ?? null),
    role === 'district_officer' || role === 'viewer' ? unitCode : (args.unitCode ?? null),
  );
  const active = args.active ?? user.active;
  if (user.role === 'admin' && user.active && (role !== 'admin' || !active))
    await assertAnotherAdmin(tx, user);
  tx.assign(user, { role, active, department: binding.department, unit: binding.unit });
  if (args.displayName != null)
    user.displayName = requireText('displayName', args.displayName, 200);
  if (!active && before.active) await revokeSessionsOf(tx, user.id);
  return {
    result: user,
    audit: () => ({ recordId: user.id, before, after: userSnapshot(user) }),
  };
}

/** Every user, by email (the admin's user list). */
export function listUsers(em: EntityManager): Promise<User[]> {
  return em.find(User, {}, { orderBy: { email: 'asc' } });
}
