// createUser / updateUser: ADMIN only. The checks and writes live in user.service.ts.
import { builder } from '../../graphql/builder.js';
import { runWrite } from '../audit/run-write.js';
import { toId } from '../shared/input-checks.js';
import { RoleEnum, User } from './user.graphql.js';
import { createUser, updateUser, userCurrentViewOf } from './user.service.js';

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

builder.mutationFields((t) => ({
  createUser: t.field({
    type: User,
    description: 'Creates a user. ADMIN only.',
    args: { input: t.arg({ type: UserInput, required: true }) },
    authScopes: { admin: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(ctx, { action: 'createUser', recordType: 'User' }, (tx) => createUser(tx, input)),
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
          current: (em) => userCurrentViewOf(em, id),
        },
        (tx) => updateUser(tx, id, args),
      );
    },
  }),
}));
