// Bad input across the mutations and the importer: each case gets a clear error naming the field
// (or the file/row) and leaves EVERY table unchanged (row counts before/after, audit_log included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type GqlResponse, type TestApi } from './api.js';
import {
  createActors,
  errorOf,
  rowCounts,
  signInAll,
  type ActorName,
  type Client,
} from './auth-helpers.js';
import { DIALECTS } from './db.js';
import {
  CSV_HEADER,
  csvBase64,
  csvRow,
  IMPORT,
  loadFixtures,
  xlsxBase64,
  type Fixtures,
} from './write-fixtures.js';

const EVAL = 'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id } }';
const DECIDE = 'mutation($i: DecisionInput!) { recordDecision(input: $i) { id } }';
const ENTITY = 'mutation($i: EntityInput!) { registerEntity(input: $i) { id } }';
const UPDATE_ENTITY =
  'mutation($id: ID!, $v: Int!, $i: EntityInput!) { updateEntity(id: $id, version: $v, input: $i) { id } }';
const PRODUCT = 'mutation($i: ProductInput!) { registerProduct(input: $i) { id } }';
const ACTIVITY = 'mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }';
const TASK =
  'mutation($id: ID!, $v: Int!, $i: TaskProgressInput!) { updateTaskProgress(id: $id, version: $v, input: $i) { id } }';
const USER = 'mutation($i: UserInput!) { createUser(input: $i) { id } }';

const parts = (a: number | string, b: number, c: number) => [
  { part: 'A', score: a },
  { part: 'B', score: b },
  { part: 'C', score: c },
];
const entity = (over: Record<string, unknown> = {}) => ({
  name: 'Hộ mới',
  type: 'HOUSEHOLD_BUSINESS',
  unitCode: 'chau-phu',
  ...over,
});

interface Case {
  actor?: ActorName;
  op: (
    f: Fixtures & { evaluationId: string },
  ) => [string, Record<string, unknown>] | Promise<[string, Record<string, unknown>]>;
  /** Expected extensions (code, field, …) of the first error, or a check of an import report. */
  expect: Record<string, unknown> | ((res: GqlResponse) => void);
}

const rowIssue = (res: GqlResponse) => res.data!.importDecisionList.rows[0].issues[0];
const fileIssue = (res: GqlResponse) => res.data!.importDecisionList.fileErrors[0];

const CASES: Record<string, Case> = {
  // recordEvaluation
  'part A above the 1048 maximum (36 > 35)': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2021-06-01',
          parts: parts(36, 20, 30),
        },
      },
    ],
    expect: { code: 'PART_ABOVE_MAX', field: 'parts.A', params: { part: 'A', max: 35 } },
  },
  'part A above the 148 maximum (41 > 40)': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts(41, 20, 30),
        },
      },
    ],
    expect: { code: 'PART_ABOVE_MAX', field: 'parts.A', params: { max: 40 } },
  },
  'part C above the 148 maximum (36 > 35)': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts(30, 20, 36),
        },
      },
    ],
    expect: { code: 'PART_ABOVE_MAX', field: 'parts.C', params: { max: 35 } },
  },
  'part B above 25': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts(30, 25.5, 30),
        },
      },
    ],
    expect: { code: 'PART_ABOVE_MAX', field: 'parts.B' },
  },
  'negative score': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts(-1, 20, 30),
        },
      },
    ],
    expect: { code: 'PART_NEGATIVE', field: 'parts.A' },
  },
  'non-numeric score': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts('ba mươi', 20, 30),
        },
      },
    ],
    expect: { code: 'BAD_USER_INPUT', field: 'i.parts[0].score' },
  },
  'missing part C': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts(30, 20, 30).slice(0, 2),
        },
      },
    ],
    expect: { code: 'PART_MISSING', field: 'parts.C' },
  },
  'unknown part D': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: [...parts(30, 20, 30), { part: 'D', score: 1 }],
        },
      },
    ],
    expect: { code: 'UNKNOWN_PART', field: 'parts.D' },
  },
  'part given twice': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: [...parts(30, 20, 30), { part: 'A', score: 1 }],
        },
      },
    ],
    expect: { code: 'DUPLICATE_PART', field: 'parts.A' },
  },
  'unknown rule set': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts(30, 20, 30),
          ruleSet: 'QD999',
        },
      },
    ],
    expect: { code: 'UNKNOWN_RULE_SET', field: 'ruleSet' },
  },
  'rule set not in force on the date': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts(30, 20, 30),
          ruleSet: 'QD1048',
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'ruleSet' },
  },
  'evaluation before 2019-08-21': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2019-08-20',
          parts: parts(30, 20, 30),
        },
      },
    ],
    expect: { code: 'DATE_BEFORE_PROGRAMME', field: 'date' },
  },
  'evaluation in the future': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2099-01-01',
          parts: parts(30, 20, 30),
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'date' },
  },
  'impossible date 2021-02-30': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2021-02-30',
          parts: parts(30, 20, 30),
        },
      },
    ],
    expect: { code: 'INVALID_DATE', field: 'i.date' },
  },
  'unknown product': {
    op: () => [
      EVAL,
      {
        i: { productId: '999999', level: 'PROVINCE', date: '2024-06-01', parts: parts(30, 20, 30) },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'productId' },
  },
  'non-numeric product id': {
    op: () => [
      EVAL,
      { i: { productId: 'abc', level: 'PROVINCE', date: '2024-06-01', parts: parts(30, 20, 30) } },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'productId' },
  },
  'unknown evaluation level': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'COMMUNE',
          date: '2024-06-01',
          parts: parts(30, 20, 30),
        },
      },
    ],
    expect: { code: 'BAD_USER_INPUT', field: 'i.level' },
  },
  'mandatory criteria level 7': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[0],
          level: 'PROVINCE',
          date: '2024-06-01',
          parts: parts(30, 20, 30),
          mandatoryCriteriaMet: [3, 7],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'mandatoryCriteriaMet' },
  },
  'the same product, level and day with other scores': {
    op: (f) => [
      EVAL,
      {
        i: {
          productId: f.chauPhuProductIds[1],
          level: 'PROVINCE',
          date: '2024-05-10',
          parts: parts(30, 20, 25),
        },
      },
    ],
    expect: { code: 'DUPLICATE', field: 'date' },
  },
  // recordDecision
  '5★ at provincial level': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D1',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[2], stars: 5, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'issuingLevel' },
  },
  '3★ at provincial level under 148 (district recognises)': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D2',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[2], stars: 3, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'issuingLevel' },
  },
  '4★ at district level': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D3',
          date: '2024-06-01',
          issuingLevel: 'DISTRICT',
          items: [{ productId: f.chauPhuProductIds[2], stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'issuingLevel' },
  },
  '2★ is not an OCOP class': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D4',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[2], stars: 2, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'items.0.stars' },
  },
  '6★': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D5',
          date: '2024-06-01',
          issuingLevel: 'NATIONAL',
          items: [{ productId: f.chauPhuProductIds[2], stars: 6, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'items.0.stars' },
  },
  'duplicate decision number (same level)': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: '500/QĐ-UBND',
          date: '2024-06-02',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[3], stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'DUPLICATE', field: 'number' },
  },
  'decision dated before its evaluation': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D6',
          date: '2024-05-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[1], stars: 4, action: 'RECOGNISE' }],
          evaluationIds: [f.evaluationId],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'date' },
  },
  'decision before its product’s latest evaluation (implicit)': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D7',
          date: '2024-05-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[1], stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'date' },
  },
  'unknown product in a decision': {
    op: () => [
      DECIDE,
      {
        i: {
          number: 'D8',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: '999999', stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'items.0.productId' },
  },
  'same product twice in a decision': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D9',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          items: [
            { productId: f.chauPhuProductIds[2], stars: 4, action: 'RECOGNISE' },
            { productId: f.chauPhuProductIds[2], stars: 4, action: 'RECOGNISE' },
          ],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'items.1.productId' },
  },
  'decision without items': {
    op: () => [
      DECIDE,
      { i: { number: 'D10', date: '2024-06-01', issuingLevel: 'PROVINCE', items: [] } },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'items' },
  },
  'revoking a product without a certificate': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D11',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[5], stars: 4, action: 'REVOKE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'items.0.productId' },
  },
  'decision in the future': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D12',
          date: '2099-06-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[2], stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'date' },
  },
  'decision before 2019-08-21': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D13',
          date: '2019-01-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[2], stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'date' },
  },
  'source URL that is not http(s)': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: 'D14',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          sourceUrl: 'javascript:alert(1)',
          items: [{ productId: f.chauPhuProductIds[2], stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'sourceUrl' },
  },
  'blank decision number': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: '   ',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[2], stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'number' },
  },
  'formula-like decision number': {
    op: (f) => [
      DECIDE,
      {
        i: {
          number: '=1+1',
          date: '2024-06-01',
          issuingLevel: 'PROVINCE',
          items: [{ productId: f.chauPhuProductIds[2], stars: 4, action: 'RECOGNISE' }],
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'number' },
  },
  // registerEntity / updateEntity / registerProduct
  'entity name starting with =': {
    op: () => [ENTITY, { i: entity({ name: '=HYPERLINK("http://x","y")' }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'name' },
  },
  'entity name starting with +': {
    op: () => [ENTITY, { i: entity({ name: '+cmd|calc' }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'name' },
  },
  'entity name starting with -': {
    op: () => [ENTITY, { i: entity({ name: '-2+3' }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'name' },
  },
  'entity name starting with @': {
    op: () => [ENTITY, { i: entity({ name: '@SUM(A1)' }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'name' },
  },
  'owner name starting with =': {
    op: () => [ENTITY, { i: entity({ ownerName: '=A1' }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'ownerName' },
  },
  'unknown unit': {
    op: () => [ENTITY, { i: entity({ unitCode: 'atlantis' }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'unitCode' },
  },
  'wrong entity type': {
    op: () => [ENTITY, { i: entity({ type: 'CORPORATION' }) }],
    expect: { code: 'BAD_USER_INPUT', field: 'i.type' },
  },
  'phone that is not a phone': {
    op: () => [ENTITY, { i: entity({ ownerPhone: 'call me maybe' }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'ownerPhone' },
  },
  'blank entity name': {
    op: () => [ENTITY, { i: entity({ name: '  ' }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'name' },
  },
  'entity name over 300 characters': {
    op: () => [ENTITY, { i: entity({ name: 'A'.repeat(301) }) }],
    expect: { code: 'VALIDATION_FAILED', field: 'name' },
  },
  'entity already registered in the unit': {
    op: () => [ENTITY, { i: entity({ name: 'hộ tư  sáu' }) }],
    expect: { code: 'DUPLICATE', field: 'name' },
  },
  'updating an entity that does not exist': {
    op: () => [UPDATE_ENTITY, { id: '999999', v: 1, i: entity() }],
    expect: { code: 'NOT_FOUND', field: 'id' },
  },
  'updating from a stale version': {
    op: (f) => [UPDATE_ENTITY, { id: f.chauPhuEntityId, v: 0, i: entity({ name: 'Hộ Tư Sáu' }) }],
    expect: { code: 'VERSION_CONFLICT' },
  },
  'unknown 1048 product group': {
    op: (f) => [
      PRODUCT,
      {
        i: {
          name: 'Bánh',
          entityId: f.chauPhuEntityId,
          unitCode: 'chau-phu',
          group1048: 'weapons',
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'group1048' },
  },
  'product of an unknown entity': {
    op: () => [PRODUCT, { i: { name: 'Bánh', entityId: '999999', unitCode: 'chau-phu' } }],
    expect: { code: 'VALIDATION_FAILED', field: 'entityId' },
  },
  // recordActivity / updateTaskProgress / createUser
  'activity kind not among the department’s tasks': {
    op: () => [
      ACTIVITY,
      { i: { departmentCode: 'SNN', kind: 'trade_promotion', date: '2024-05-01', count: 1 } },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'kind' },
  },
  'activity count 0': {
    op: (f) => [
      ACTIVITY,
      { i: { departmentCode: 'SNN', kind: f.snnKind, date: '2024-05-01', count: 0 } },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'count' },
  },
  'activity of an unknown department': {
    op: (f) => [
      ACTIVITY,
      { i: { departmentCode: 'XYZ', kind: f.snnKind, date: '2024-05-01', count: 1 } },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'departmentCode' },
  },
  'activity in the future': {
    op: (f) => [
      ACTIVITY,
      { i: { departmentCode: 'SNN', kind: f.snnKind, date: '2099-05-01', count: 1 } },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'date' },
  },
  'updating a task from a stale version': {
    actor: 'snnOfficer',
    op: (f) => [TASK, { id: f.snnTaskId, v: 0, i: { status: 'DONE' } }],
    expect: {
      code: 'VERSION_CONFLICT',
      current: { status: expect.stringMatching(/^(NOT_STARTED|IN_PROGRESS|DONE)$/) },
    },
  },
  'task status that does not exist': {
    actor: 'snnOfficer',
    op: (f) => [TASK, { id: f.snnTaskId, v: 1, i: { status: 'FINISHED' } }],
    // TaskStatus is an enum: refused before execution, like every closed value.
    expect: { code: 'BAD_USER_INPUT', field: 'i.status' },
  },
  'user with a short password': {
    actor: 'admin',
    op: () => [
      USER,
      { i: { email: 'a@ocop.test', displayName: 'A', role: 'VIEWER', password: 'short' } },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'password' },
  },
  'district officer without a unit': {
    actor: 'admin',
    op: () => [
      USER,
      {
        i: {
          email: 'b@ocop.test',
          displayName: 'B',
          role: 'DISTRICT_OFFICER',
          password: 'long enough password',
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'unitCode' },
  },
  'user email that is not an email': {
    actor: 'admin',
    op: () => [
      USER,
      {
        i: {
          email: 'not-an-email',
          displayName: 'C',
          role: 'VIEWER',
          password: 'long enough password',
        },
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'email' },
  },
  // importDecisionList
  'oversized upload (over 2 MB)': {
    op: () => [
      IMPORT,
      {
        f: 'big.csv',
        c: Buffer.alloc(2 * 1024 * 1024 + 10, 65).toString('base64'),
        fmt: 'CSV',
        d: false,
      },
    ],
    expect: { code: 'VALIDATION_FAILED', field: 'contentBase64' },
  },
  'content that is not base64': {
    op: () => [IMPORT, { f: 'x.csv', c: 'not base64 !!!', fmt: 'CSV', d: false }],
    expect: { code: 'VALIDATION_FAILED', field: 'contentBase64' },
  },
  'malformed CSV (unclosed quote)': {
    op: () => [
      IMPORT,
      {
        f: 'x.csv',
        c: Buffer.from(`${CSV_HEADER}\n"Bánh,unclosed`).toString('base64'),
        fmt: 'CSV',
        d: false,
      },
    ],
    expect: (r) => expect(fileIssue(r)).toMatchObject({ field: 'file', code: 'csv_syntax' }),
  },
  'UTF-16 file': {
    op: () => [
      IMPORT,
      {
        f: 'x.csv',
        c: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV_HEADER, 'utf16le')]).toString(
          'base64',
        ),
        fmt: 'CSV',
        d: false,
      },
    ],
    expect: (r) => expect(fileIssue(r)).toMatchObject({ field: 'file', code: 'encoding' }),
  },
  'Windows-1258 / Latin-1 bytes': {
    op: () => [
      IMPORT,
      {
        f: 'x.csv',
        c: Buffer.from(`${CSV_HEADER}\n${csvRow('B\u00e1nh')}`, 'latin1').toString('base64'),
        fmt: 'CSV',
        d: false,
      },
    ],
    expect: (r) => expect(fileIssue(r)).toMatchObject({ field: 'file', code: 'encoding' }),
  },
  'wrong column set': {
    op: () => [
      IMPORT,
      { f: 'x.csv', c: Buffer.from('ten,so_sao\nBánh,4').toString('base64'), fmt: 'CSV', d: false },
    ],
    expect: (r) => expect(fileIssue(r)).toMatchObject({ code: 'missing_column' }),
  },
  'CSV product name starting with =': {
    op: () => [
      IMPORT,
      {
        f: 'x.csv',
        c: csvBase64(csvRow('=HYPERLINK("http://evil","click")')),
        fmt: 'CSV',
        d: false,
      },
    ],
    expect: (r) => expect(rowIssue(r)).toMatchObject({ field: 'product_name', code: 'formula' }),
  },
  'CSV entity name starting with @': {
    op: () => [
      IMPORT,
      {
        f: 'x.csv',
        c: csvBase64(csvRow('Bánh', { entity_name: '@SUM(1)' })),
        fmt: 'CSV',
        d: false,
      },
    ],
    expect: (r) => expect(rowIssue(r)).toMatchObject({ field: 'entity_name', code: 'formula' }),
  },
  'CSV star 7': {
    op: () => [
      IMPORT,
      { f: 'x.csv', c: csvBase64(csvRow('Bánh', { stars: '7' })), fmt: 'CSV', d: false },
    ],
    expect: (r) => expect(rowIssue(r)).toMatchObject({ field: 'stars', code: 'invalid' }),
  },
  'CSV unknown district': {
    op: () => [
      IMPORT,
      { f: 'x.csv', c: csvBase64(csvRow('Bánh', { district: 'Atlantis' })), fmt: 'CSV', d: false },
    ],
    expect: (r) => expect(rowIssue(r)).toMatchObject({ field: 'district', code: 'unknown' }),
  },
  'XLSX formula cell': {
    op: async () => [
      IMPORT,
      {
        f: 'x.xlsx',
        c: await xlsxBase64([
          [
            { formula: 'CONCAT("Bánh","x")' },
            'Cty',
            'enterprise',
            'Xã',
            'Châu Phú',
            'food',
            4,
            75,
            'province',
            '9/QĐ',
            '2021-12-10',
            2021,
            'Đợt',
            'https://example.vn/a',
          ],
        ]),
        fmt: 'XLSX',
        d: false,
      },
    ],
    expect: (r) => expect(rowIssue(r)).toMatchObject({ field: 'product_name', code: 'formula' }),
  },
  'XLSX that is not a workbook': {
    op: () => [
      IMPORT,
      {
        f: 'x.xlsx',
        c: Buffer.from('PK not really a zip').toString('base64'),
        fmt: 'XLSX',
        d: false,
      },
    ],
    expect: (r) => expect(fileIssue(r)).toMatchObject({ field: 'file', code: 'xlsx' }),
  },
  'dry run of a valid file writes nothing': {
    op: () => [IMPORT, { f: 'ok.csv', c: csvBase64(csvRow('Bánh chạy thử')), fmt: 'CSV', d: true }],
    expect: (r) =>
      expect(r.data!.importDecisionList).toMatchObject({
        dryRun: true,
        applied: false,
        accepted: 1,
        rejected: 0,
      }),
  },
};

describe.each(DIALECTS)('bad input on %s', (kind) => {
  let api: TestApi;
  let as: Record<ActorName, Client>;
  let f: Fixtures & { evaluationId: string };
  beforeAll(async () => {
    api = await createTestApi(kind);
    await createActors(api.orm);
    const fixtures = await loadFixtures(api.orm);
    as = await signInAll(api);
    const evaluation = await as.secretariat.gql(EVAL, {
      i: {
        productId: fixtures.chauPhuProductIds[1],
        level: 'PROVINCE',
        date: '2024-05-10',
        parts: parts(30, 20, 30),
      },
    });
    await as.secretariat.gql(DECIDE, {
      i: {
        number: '500/QĐ-UBND',
        date: '2024-06-01',
        issuingLevel: 'PROVINCE',
        items: [{ productId: fixtures.chauPhuProductIds[1], stars: 4, action: 'RECOGNISE' }],
      },
    });
    f = { ...fixtures, evaluationId: evaluation.data!.recordEvaluation.id };
  });
  afterAll(() => api?.close());

  it(`covers at least 40 cases (${Object.keys(CASES).length})`, () =>
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(40));

  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const before = await rowCounts(api.orm);
    const [query, variables] = await c.op(f);
    const res = await as[c.actor ?? 'secretariat'].gql(query, variables);
    if (typeof c.expect === 'function') {
      expect(res.errors).toBeUndefined();
      c.expect(res);
      expect(res.data!.importDecisionList.applied).toBe(false);
    } else {
      expect(res.errors, JSON.stringify(res.data)).toBeDefined();
      expect(errorOf(res)).toMatchObject(c.expect);
      expect(String(errorOf(res).messageVi ?? '')).not.toBe('');
      expect(String(errorOf(res).messageEn ?? '')).not.toBe('');
    }
    expect(await rowCounts(api.orm)).toEqual(before);
  });

  it('names the part and the limit in Vietnamese', async () => {
    const res = await as.secretariat.gql(EVAL, {
      i: {
        productId: f.chauPhuProductIds[0],
        level: 'PROVINCE',
        date: '2021-06-01',
        parts: parts(36, 20, 30),
      },
    });
    expect(errorOf(res).messageVi).toBe(
      'Điểm phần A (36) vượt mức tối đa 35 của bộ tiêu chí 1048/QĐ-TTg.',
    );
  });
});
