// Authorisation matrix: EVERY mutation as every role and anonymously; refused calls get
// UNAUTHENTICATED (anonymous) or FORBIDDEN and change no table. Then every private field as
// public / viewer / other-unit officer / own-unit officer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json, type TestApi } from './api.js';
import {
  ACTORS,
  createActors,
  emailOf,
  errorOf,
  PASSWORD,
  rowCounts,
  signIn,
  signInAll,
  type ActorName,
  type Client,
} from './auth-helpers.js';
import { DIALECTS } from './db.js';
import { csvBase64, csvRow, IMPORT, loadFixtures, type Fixtures } from './write-fixtures.js';

const ALL: ActorName[] = ['anonymous', ...(Object.keys(ACTORS) as ActorName[])];

interface Case {
  allowed: ActorName[];
  /** Builds the operation for one actor (i = actor index, so allowed writes never collide). */
  op: (
    i: number,
    f: Fixtures,
    as: Record<ActorName, Client>,
  ) => Promise<[string, Record<string, unknown>]> | [string, Record<string, unknown>];
}

const entityInput = (name: string) => ({
  name,
  type: 'HOUSEHOLD_BUSINESS',
  unitCode: 'chau-phu',
  ownerName: 'Chủ hộ',
  ownerPhone: '0900 111 222',
});
const versionOf = async (
  as: Record<ActorName, Client>,
  query: string,
  pick: (data: Json) => number,
) => pick((await as.admin.gql(query)).data);

const CASES: Record<string, Case> = {
  registerEntity: {
    allowed: ['admin', 'secretariat', 'chauPhuOfficer'],
    op: (i) => [
      'mutation($i: EntityInput!) { registerEntity(input: $i) { id } }',
      { i: entityInput(`Hộ ma trận ${i}`) },
    ],
  },
  updateEntity: {
    allowed: ['admin', 'secretariat', 'chauPhuOfficer'],
    op: async (i, f, as) => {
      const v = await versionOf(
        as,
        `{ entities(first: 100, filter: { unitCode: "chau-phu" }) { edges { node { id version } } } }`,
        (d) =>
          d.entities.edges.find(
            (e: { node: { id: string } }) => e.node.id === String(f.chauPhuEntityId),
          ).node.version,
      );
      return [
        'mutation($id: ID!, $v: Int!, $i: EntityInput!) { updateEntity(id: $id, version: $v, input: $i) { id } }',
        { id: f.chauPhuEntityId, v, i: entityInput(`Hộ Tư Sáu ${i}`) },
      ];
    },
  },
  registerProduct: {
    allowed: ['admin', 'secretariat', 'chauPhuOfficer'],
    op: (i, f) => [
      'mutation($i: ProductInput!) { registerProduct(input: $i) { id } }',
      {
        i: {
          name: `Bánh ma trận ${i}`,
          entityId: f.chauPhuEntityId,
          unitCode: 'chau-phu',
          group1048: 'food',
        },
      },
    ],
  },
  updateProduct: {
    allowed: ['admin', 'secretariat', 'chauPhuOfficer'],
    op: async (i, f, as) => {
      const id = f.chauPhuProductIds[0]!;
      const v = await versionOf(
        as,
        `{ product(id: "${id}") { version } }`,
        (d) => d.product.version,
      );
      return [
        'mutation($id: ID!, $v: Int!, $i: ProductInput!) { updateProduct(id: $id, version: $v, input: $i) { id } }',
        {
          id,
          v,
          i: { name: `Sản phẩm sửa ${i}`, entityId: f.chauPhuEntityId, unitCode: 'chau-phu' },
        },
      ];
    },
  },
  'recordEvaluation (province)': {
    allowed: ['secretariat'],
    op: (i, f) => [
      'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id } }',
      {
        i: {
          productId: f.chauPhuProductIds[1],
          level: 'PROVINCE',
          date: `2024-03-${10 + i}`,
          parts: [
            { part: 'A', score: 30 },
            { part: 'B', score: 20 },
            { part: 'C', score: 25 },
          ],
        },
      },
    ],
  },
  'recordEvaluation (district, 2024: 148 gives districts 3★)': {
    allowed: ['secretariat', 'chauPhuOfficer'],
    op: (i, f) => [
      'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id } }',
      {
        i: {
          productId: f.chauPhuProductIds[2],
          level: 'DISTRICT',
          date: `2024-04-${10 + i}`,
          parts: [
            { part: 'A', score: 25 },
            { part: 'B', score: 15 },
            { part: 'C', score: 20 },
          ],
        },
      },
    ],
  },
  'recordEvaluation (district, 2021: 1048 gives districts no role)': {
    allowed: ['secretariat'],
    op: (i, f) => [
      'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id } }',
      {
        i: {
          productId: f.chauPhuProductIds[3],
          level: 'DISTRICT',
          date: `2021-04-${10 + i}`,
          parts: [
            { part: 'A', score: 25 },
            { part: 'B', score: 15 },
            { part: 'C', score: 20 },
          ],
        },
      },
    ],
  },
  recordDecision: {
    allowed: ['secretariat'],
    op: async (i, f, as) => {
      // A recognition rests on an evaluation result (78.5 points under 148: 4★).
      const evaluation = await as.secretariat.gql(
        'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id } }',
        {
          i: {
            productId: f.chauPhuProductIds[4 + i],
            level: 'PROVINCE',
            date: '2024-06-20',
            parts: [
              { part: 'A', score: 30 },
              { part: 'B', score: 20 },
              { part: 'C', score: 28.5 },
            ],
          },
        },
      );
      expect(evaluation.errors).toBeUndefined();
      return [
        'mutation($i: DecisionInput!) { recordDecision(input: $i) { id } }',
        {
          i: {
            number: `M-${i}/QĐ-UBND`,
            date: '2024-07-01',
            issuingLevel: 'PROVINCE',
            items: [{ productId: f.chauPhuProductIds[4 + i], stars: 4, action: 'RECOGNISE' }],
          },
        },
      ];
    },
  },
  'recordActivity (SNN)': {
    allowed: ['admin', 'secretariat', 'snnOfficer'],
    op: (i, f) => [
      'mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }',
      {
        i: {
          departmentCode: 'SNN',
          kind: f.snnKind,
          date: '2024-05-02',
          unitCode: 'chau-phu',
          count: i + 1,
          note: 'ma trận',
        },
      },
    ],
  },
  'updateTaskProgress (SNN task)': {
    allowed: ['snnOfficer'],
    op: async (i, f, as) => {
      const v = await versionOf(
        as,
        '{ department(code: "SNN") { tasks { id version } } }',
        (d) => d.department.tasks.find((t: { id: string }) => t.id === String(f.snnTaskId)).version,
      );
      return [
        'mutation($id: ID!, $v: Int!, $i: TaskProgressInput!) { updateTaskProgress(id: $id, version: $v, input: $i) { id } }',
        { id: f.snnTaskId, v, i: { status: 'IN_PROGRESS', progressNote: `ghi chú ${i}` } },
      ];
    },
  },
  importDecisionList: {
    allowed: ['secretariat'],
    op: (i) => [
      IMPORT,
      { f: `m${i}.csv`, c: csvBase64(csvRow(`Bánh nhập ${i}`)), fmt: 'CSV', d: false },
    ],
  },
  createUser: {
    allowed: ['admin'],
    op: (i) => [
      'mutation($i: UserInput!) { createUser(input: $i) { id } }',
      {
        i: {
          email: `matrix${i}@ocop.test`,
          displayName: 'X',
          role: 'VIEWER',
          password: 'long enough password',
        },
      },
    ],
  },
  updateUser: {
    allowed: ['admin'],
    op: async (i, _f, as) => {
      const u = (
        (await as.admin.gql('{ users { id email version } }')).data!.users as {
          id: string;
          email: string;
          version: number;
        }[]
      ).find((x) => x.email === emailOf('viewer'))!;
      return [
        'mutation($id: ID!, $v: Int!, $n: String) { updateUser(id: $id, version: $v, displayName: $n) { id } }',
        { id: u.id, v: u.version, n: `Người xem ${i}` },
      ];
    },
  },
  createPlan: {
    allowed: ['secretariat'],
    op: (i) => [
      'mutation($i: PlanInput!) { createPlan(input: $i) { id } }',
      {
        i: {
          code: `M${i}/KH-UBND`,
          year: 2026,
          title: 'Kế hoạch',
          issuedOn: '2026-01-05',
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
        },
      },
    ],
  },
  addTarget: {
    allowed: ['secretariat'],
    op: async (i, _f, as) => [
      'mutation($p: ID!, $i: TargetInput!) { addTarget(planId: $p, input: $i) { id } }',
      {
        p: (await as.admin.gql('{ plan(year: 2022) { id } }')).data!.plan.id,
        i: {
          code: `M${i}`,
          kind: 'COUNT_AT_LEAST',
          metric: 'products_certified_4star',
          targetValue: 5,
          unitLabel: 'products',
          scope: 'province',
          labelVi: 'Sản phẩm 4 sao',
          labelEn: '4★ products',
          definition: 'distinct products certified 4★ in the plan year',
        },
      },
    ],
  },
  updateTarget: {
    allowed: ['secretariat'],
    op: async (i, _f, as) => {
      const t = (await as.admin.gql('{ plan(year: 2023) { targets { id version } } }')).data!.plan
        .targets[0];
      return [
        'mutation($id: ID!, $v: Int!, $i: TargetUpdateInput!) { updateTarget(id: $id, version: $v, input: $i) { id } }',
        { id: t.id, v: t.version, i: { targetValue: 40 + i } },
      ];
    },
  },
  addTask: {
    allowed: ['secretariat'],
    op: async (i, _f, as) => [
      'mutation($p: ID!, $i: TaskInput!) { addTask(planId: $p, input: $i) { id } }',
      {
        p: (await as.admin.gql('{ plan(year: 2022) { id } }')).data!.plan.id,
        i: {
          code: `M${i}`,
          departmentCode: 'SCT',
          role: 'LEAD',
          summaryVi: 'Nhiệm vụ',
          summaryEn: 'Task',
        },
      },
    ],
  },
  copyPlan: {
    allowed: ['secretariat'],
    op: async (i, _f, as) => [
      'mutation($p: ID!, $c: String!) { copyPlan(fromPlanId: $p, toYear: 2028, code: $c, issuedOn: "2026-11-01") { id } }',
      { p: (await as.admin.gql('{ plan(year: 2023) { id } }')).data!.plan.id, c: `C${i}/KH` },
    ],
  },
  amendPlan: {
    allowed: ['secretariat'],
    op: async (i, _f, as) => [
      'mutation($p: ID!, $i: PlanAmendmentInput!) { amendPlan(planId: $p, input: $i) { number } }',
      {
        p: (await as.admin.gql('{ plan(year: 2025) { id } }')).data!.plan.id,
        i: {
          documentCode: `A${i}/KH`,
          issuedOn: '2025-06-01',
          effectiveFrom: '2025-06-01',
          changes: [{ code: 'T1-CERTIFIED-3STAR', targetValue: 55, targetMax: 65 }],
        },
      },
    ],
  },
};

describe.each(DIALECTS)('authorisation matrix on %s', (kind) => {
  let api: TestApi;
  let as: Record<ActorName, Client>;
  let fixtures: Fixtures;
  beforeAll(async () => {
    api = await createTestApi(kind);
    await createActors(api.orm);
    fixtures = await loadFixtures(api.orm);
    as = await signInAll(api);
  });
  afterAll(() => api?.close());

  for (const [mutation, c] of Object.entries(CASES)) {
    it(`${mutation}: allowed for ${c.allowed.join(', ')}; refused for everyone else`, async () => {
      const outcome: Record<string, string> = {};
      for (const [i, actor] of ALL.entries()) {
        const [query, variables] = await c.op(i, fixtures, as);
        const before = c.allowed.includes(actor) ? null : await rowCounts(api.orm);
        const res = await as[actor].gql(query, variables);
        outcome[actor] = res.errors ? String(errorOf(res).code) : 'OK';
        if (before)
          expect(await rowCounts(api.orm), `${actor} changed the database`).toEqual(before);
      }
      const expected = Object.fromEntries(
        ALL.map((a) => [
          a,
          c.allowed.includes(a) ? 'OK' : a === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        ]),
      );
      expect(outcome).toEqual(expected);
    });
  }

  it('signOut and changePassword: every signed-in role, never anonymous', async () => {
    for (const actor of ALL) {
      const client = actor === 'anonymous' ? as.anonymous : await signIn(api, actor);
      const out = await client.gql('mutation { signOut }');
      expect(out.errors ? errorOf(out).code : 'OK', actor).toBe(
        actor === 'anonymous' ? 'UNAUTHENTICATED' : 'OK',
      );
      const again = actor === 'anonymous' ? as.anonymous : await signIn(api, actor);
      const change = await again.gql(
        'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
        { c: PASSWORD, n: PASSWORD },
      );
      expect(change.errors ? errorOf(change).code : 'OK', actor).toBe(
        actor === 'anonymous' ? 'UNAUTHENTICATED' : 'OK',
      );
    }
  });

  it('queries: users for ADMIN; auditLog for ADMIN (all) and SECRETARIAT (its area); lastImportProgress for both', async () => {
    as = await signInAll(api);
    const codeOf = async (actor: ActorName, q: string) => {
      const r = await as[actor].gql(q);
      return r.errors ? String(errorOf(r).code) : 'OK';
    };
    for (const actor of ALL) {
      const staff = actor === 'admin' || actor === 'secretariat';
      const refused = actor === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(await codeOf(actor, '{ users { id } }'), actor).toBe(
        actor === 'admin' ? 'OK' : refused,
      );
      expect(await codeOf(actor, '{ auditLog(first: 5) { totalCount } }'), actor).toBe(
        staff ? 'OK' : refused,
      );
      expect(
        await codeOf(actor, '{ auditLog(first: 5, recordType: "User") { totalCount } }'),
        actor,
      ).toBe(actor === 'admin' ? 'OK' : refused);
      expect(await codeOf(actor, '{ lastImportProgress { done } }'), actor).toBe(
        staff ? 'OK' : refused,
      );
    }
    const area = await as.secretariat.gql(
      '{ auditLog(first: 100) { edges { node { recordType } } } }',
    );
    const types = new Set(
      area.data!.auditLog.edges.map((e: { node: { recordType: string } }) => e.node.recordType),
    );
    expect(
      [...types].every((t) =>
        ['Evaluation', 'Decision', 'ImportRun', 'Entity', 'Product'].includes(t as string),
      ),
    ).toBe(true);
    const all = await as.admin.gql(
      '{ auditLog(first: 100, recordType: "Session") { totalCount } }',
    );
    expect(all.data!.auditLog.totalCount).toBeGreaterThan(0);
  });

  it('owner name and phone (private fields): own-unit officer/viewer, secretariat and admin see them; public, other units and plain viewers get null', async () => {
    const query = `{ entities(first: 1, filter: { search: "ho tu sau" }) { edges { node { name ownerName ownerPhone } } } }`;
    const seen: Record<string, boolean> = {};
    for (const actor of ALL) {
      const res = await as[actor].gql(query);
      expect(res.errors, actor).toBeUndefined();
      const node = res.data!.entities.edges[0].node;
      expect(node.ownerName === null, actor).toBe(node.ownerPhone === null);
      seen[actor] = node.ownerName !== null;
    }
    expect(seen).toEqual({
      anonymous: false,
      admin: true,
      secretariat: true,
      snnOfficer: false,
      sctOfficer: false,
      chauPhuOfficer: true,
      choMoiOfficer: false,
      viewer: false,
      chauPhuViewer: true,
    });
  });
});
