import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { Department } from '../departments/department.entity.js';

/** Roles of issue 5; what each may do is stated once, in auth/scopes.ts and the authScopes of each field. */
export const ROLES = [
  'admin',
  'secretariat',
  'department_officer',
  'district_officer',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * A person who signs in. Department officers are bound to one department, district officers to
 * one district-level unit; a viewer may be bound to a unit (then sees that unit's personal data).
 */
export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.integer().primary(),
    /** Lower-cased and trimmed, so sign-in is case-insensitive. */
    email: p.string().length(254).unique(),
    displayName: p.string().length(200),
    role: p.enum([...ROLES]).index(),
    department: () => p.manyToOne(Department).ref().nullable(),
    unit: () => p.manyToOne(AdminUnit).ref().nullable(),
    /** argon2id PHC string (@node-rs/argon2). */
    passwordHash: p.string().length(200),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    version: p.integer().version(),
  },
});
export type User = InferEntity<typeof User>;
