// createUser / updateUser: ADMIN only. Deactivating a user revokes their sessions; the last
// active admin cannot be demoted or deactivated.
import type { EntityManager } from '@mikro-orm/core';
import { builder } from '../../graphql/builder.js';
import { notFound, validationFailed } from '../../graphql/errors.js';
import { expectVersion, runWrite } from '../audit/run-write.js';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.js';
import { revokeSessionsOf } from '../auth/session.repository.js';
import { requireText, toId } from '../shared/input-checks.js';
import { normalizeEmail, resolveBinding, userCurrentView, userSnapshot } from './user-binding.js';
import { User as UserEntity } from './user.entity.js';
import { RoleEnum, User } from './user.graphql.js';

const UserInput = builder.inputType('UserInput', {
  description:
    'A new user. departmentCode for DEPARTMENT_OFFICER; unitCode for DISTRICT_OFFICER (optional for VIEWER).',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Sign-in email.' }),
    displayName: t.string({ required: true, description: 'Name shown in the app.' }),
    role: t.field({ type: RoleEnum, required: true, description: 'Role.' }),
    departmentCode: t.string({ description: 'Department code (e.g. "SNN").' }),
    unitCode: t.string({ description: 'District-level unit code (e.g. "chau-phu").' }),
    password: t.string({ required: true, description: 'Initial password (10–200 characters).' }),
  }),
});

async function assertAnotherAdmin(em: EntityManager, user: UserEntity): Promise<void> {
  const others = await em.count(UserEntity, { role: 'admin', active: true, id: { $ne: user.id } });
  if (others === 0) {
    throw validationFailed('role', {
      en: 'This is the last active admin; create another admin first.',
      vi: 'Đây là quản trị viên cuối cùng còn hoạt động; hãy tạo quản trị viên khác trước.',
    });
  }
}

builder.mutationFields((t) => ({
  createUser: t.field({
    type: User,
    description: 'Creates a user. ADMIN only.',
    args: { input: t.arg({ type: UserInput, required: true }) },
    authScopes: { admin: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, { action: 'createUser', recordType: 'User' }, async (tx) => {
        const email = normalizeEmail('email', input.email);
        const displayName = requireText('displayName', input.displayName, 200);
        checkPasswordPolicy('password', input.password);
        if (await tx.count(UserEntity, { email })) {
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
        const user = tx.create(UserEntity, {
          email,
          displayName,
          role: input.role,
          ...binding,
          passwordHash: await hashPassword(input.password),
          active: true,
        });
        return { result: user, audit: () => ({ recordId: user.id, after: userSnapshot(user) }) };
      }),
  }),
  updateUser: t.field({
    type: User,
    description:
      'Changes a user’s role, binding or active flag. ADMIN only. Omitted arguments keep their value; pass null to clear a binding.',
    args: {
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true, description: 'The version you read.' }),
      role: t.arg({ type: RoleEnum }),
      active: t.arg.boolean(),
      departmentCode: t.arg.string(),
      unitCode: t.arg.string(),
      displayName: t.arg.string(),
    },
    authScopes: { admin: true },
    resolve: (_root, args, ctx) => {
      const id = toId('id', args.id);
      return runWrite(
        ctx,
        {
          action: 'updateUser',
          recordType: 'User',
          current: async (em) =>
            await em.findOne(UserEntity, id).then((u) => u && userCurrentView(u)),
        },
        async (tx) => {
          const user = await tx.findOne(UserEntity, id, { populate: ['department', 'unit'] });
          if (!user) throw notFound('User', id);
          expectVersion('User', user, args.version, () => userCurrentView(user));
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
        },
      );
    },
  }),
}));
