// Signed-in test clients: one user per role (bound to real seeded departments and units), a
// `gqlAs` that sends the bearer token, and row counts of every table (refused writes change none).
import type { MikroORM } from '@mikro-orm/core';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { AdminUnit } from '../src/modules/admin-units/admin-unit.entity.js';
import { Department } from '../src/modules/departments/department.entity.js';
import { User, type Role } from '../src/modules/users/user.entity.js';
import type { GqlResponse, TestApi } from './api.js';

export const PASSWORD = 'correct horse battery';

/** The actors of the authorisation matrix. */
export const ACTORS = {
  admin: { role: 'admin', department: null, unit: null },
  secretariat: { role: 'secretariat', department: null, unit: null },
  snnOfficer: { role: 'department_officer', department: 'SNN', unit: null },
  sctOfficer: { role: 'department_officer', department: 'SCT', unit: null },
  chauPhuOfficer: { role: 'district_officer', department: null, unit: 'chau-phu' },
  choMoiOfficer: { role: 'district_officer', department: null, unit: 'cho-moi' },
  viewer: { role: 'viewer', department: null, unit: null },
  chauPhuViewer: { role: 'viewer', department: null, unit: 'chau-phu' },
} as const satisfies Record<string, { role: Role; department: string | null; unit: string | null }>;
export type ActorName = keyof typeof ACTORS | 'anonymous';

export const emailOf = (name: string) => `${name.toLowerCase()}@ocop.test`;

/** Inserts one user per actor (directly, not through the API: the matrix tests the API). */
export async function createActors(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  const passwordHash = await hashPassword(PASSWORD);
  for (const [name, a] of Object.entries(ACTORS)) {
    em.create(User, {
      email: emailOf(name),
      displayName: name,
      role: a.role,
      department: a.department ? await em.findOneOrFail(Department, { code: a.department }) : null,
      unit: a.unit ? await em.findOneOrFail(AdminUnit, { code: a.unit }) : null,
      passwordHash,
      active: true,
    });
  }
  await em.flush();
}

export interface Client {
  token: string | null;
  gql(query: string, variables?: Record<string, unknown>): Promise<GqlResponse>;
}

let ipCounter = 0;

/** A client with its own address (so throttling in one test never blocks another). */
export function clientFor(
  api: TestApi,
  token: string | null,
  ip = `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
): Client {
  return {
    token,
    async gql(query, variables) {
      const res = await api.app.inject({
        method: 'POST',
        url: '/graphql',
        remoteAddress: ip,
        payload: { query, variables },
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: res.statusCode, ...res.json() };
    },
  };
}

export const SIGN_IN =
  'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token expiresAt user { id email role } } }';

export async function signIn(api: TestApi, name: string, password = PASSWORD): Promise<Client> {
  const res = await clientFor(api, null).gql(SIGN_IN, { e: emailOf(name), p: password });
  if (!res.data?.signIn)
    throw new Error(`sign-in of ${name} failed: ${JSON.stringify(res.errors)}`);
  return clientFor(api, res.data.signIn.token);
}

/** Signs every actor in; `anonymous` has no token. */
export async function signInAll(api: TestApi): Promise<Record<ActorName, Client>> {
  const clients = { anonymous: clientFor(api, null) } as Record<ActorName, Client>;
  for (const name of Object.keys(ACTORS) as (keyof typeof ACTORS)[])
    clients[name] = await signIn(api, name);
  return clients;
}

/** Row count of every table the ORM knows (entities and pivot tables). */
export async function rowCounts(orm: MikroORM): Promise<Record<string, number>> {
  const tables = [
    ...new Set(
      Object.values(orm.getMetadata().getAll())
        .map((m) => m.tableName)
        // Every import leaves its run and report in the import journal, refused ones included.
        .filter((t) => t && t !== 'import_run' && t !== 'import_problem'),
    ),
  ].sort();
  const conn = orm.em.fork().getConnection();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = await conn.execute<{ n: number | string }[]>(
      `select count(*) as n from ${conn.getPlatform().quoteIdentifier(table)}`,
    );
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

export const errorOf = (res: GqlResponse) => res.errors?.[0]?.extensions ?? {};
