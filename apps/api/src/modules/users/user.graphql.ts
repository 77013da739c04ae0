// User and Role: who signs in and what they are bound to. `me` for anyone; `users` for ADMIN.
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { AdminUnit } from '../admin-units/admin-unit.graphql.js';
import { Department } from '../departments/department.graphql.js';
import { ROLES, type User as UserEntity } from './user.entity.js';
import { listUsers } from './user.service.js';

export const RoleEnum = dbEnum('Role', ROLES, {
  description: 'What a signed-in user may do (see README "Roles and sign-in").',
  valueDescriptions: {
    admin: 'Manages users; may edit entities, products and activities.',
    secretariat: 'OCOP secretariat (standing agency Sở NN&PTNT): evaluations, decisions, imports.',
    department_officer: 'Officer of one department: its activities and task progress.',
    district_officer:
      'Officer of one district-level unit: its entities and products; district evaluations where the rule set gives districts a role.',
    viewer: 'Signed-in reader; sees personal data of its own unit when bound to one.',
  },
});

export const User = builder.objectRef<UserEntity>('User');
User.implement({
  description: 'A person who signs in.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id.' }),
    email: t.exposeString('email', { description: 'Sign-in email (lower case).' }),
    displayName: t.exposeString('displayName', {
      description: 'Name shown in the app and the audit log.',
    }),
    role: t.field({ type: RoleEnum, description: 'Role.', resolve: (u) => u.role }),
    department: t.field({
      type: Department,
      nullable: true,
      description: 'Department of a DEPARTMENT_OFFICER.',
      resolve: (u, _a, ctx) => (u.department ? ctx.loaders.department.load(u.department.id) : null),
    }),
    unit: t.field({
      type: AdminUnit,
      nullable: true,
      description: 'Unit of a DISTRICT_OFFICER (or of a unit-bound VIEWER).',
      resolve: (u, _a, ctx) => (u.unit ? ctx.loaders.adminUnit.load(u.unit.id) : null),
    }),
    active: t.exposeBoolean('active', {
      description: 'False: cannot sign in; open sessions were revoked.',
    }),
    version: t.exposeInt('version', {
      description: 'Optimistic-concurrency version; pass it to updateUser.',
    }),
  }),
});

builder.queryFields((t) => ({
  me: t.field({
    type: User,
    nullable: true,
    description: 'The signed-in user; null when anonymous.',
    resolve: (_root, _args, ctx) =>
      ctx.viewer.user ? ctx.loaders.user.load(ctx.viewer.user.id) : null,
  }),
  users: t.field({
    type: [User],
    description: 'All users, by email. ADMIN only.',
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => listUsers(ctx.em),
  }),
}));
