// The decision-list importer on both dialects: per-row report, all-or-nothing, idempotence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { seedDatabase } from '../src/db/seed.js';
import { Certificate } from '../src/modules/certificates/certificate.entity.js';
import { Decision } from '../src/modules/decisions/decision.entity.js';
import { EconomicEntity } from '../src/modules/entities/economic-entity.entity.js';
import { Evaluation } from '../src/modules/evaluations/evaluation.entity.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { ImportRun } from '../src/modules/imports/import-run.entity.js';
import { Product } from '../src/modules/products/product.entity.js';
import { Source } from '../src/modules/sources/source.entity.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

const HEADER =
  'product_name,entity_name,entity_type,commune,district,product_group,stars,score,level,decision,decision_date,year,batch,source_url';
const URL = 'https://example.org/decision';
const GOOD = `Bánh bò thốt nốt,Hộ kinh doanh Thử Nghiệm,household_business,xã Tân Lợi,Tịnh Biên,food,3,55.5,province,123/QĐ-UBND,2022-05-10,2022,đợt 1/2022,${URL}`;
const BAD = [
  HEADER, // line 1
  GOOD, // line 2: accepted
  `Trà sen,,,,Chợ Mới,beverage,6,,province,,,2022,,${URL}`, // line 3: bad star
  `Khô cá,Cơ sở A,household_business,,Atlantis,food,3,,province,,,2022,,${URL}`, // line 4: unknown district
  `,Cơ sở B,household_business,,An Phú,food,3,,province,,,2022,,${URL}`, // line 5: empty name
  GOOD, // line 6: duplicate of line 2
  `Mắm,Cơ sở C,household_business,,An Phú,food,4,120,province,,,2022,,${URL}`, // line 7: score out of range
  `Gạo,Cơ sở D,enterprise,,An Phú,food,3,,provincial,,,2022,,${URL}`, // line 8: bad level
  `Muối ớt,,,,,,,,,,,2022,,${URL}`, // line 9: flagged (no entity, district, group, star)
].join('\n');

async function counts(orm: MikroORM): Promise<number[]> {
  const em = orm.em.fork();
  // Every run leaves an import_run row (dry runs and refused files too): count applied ones.
  return Promise.all([
    ...[Product, EconomicEntity, Evaluation, Decision, Certificate, Source].map((e) =>
      em.count(e as never, {}),
    ),
    em.count(ImportRun, { appliedSha256: { $ne: null } }),
  ]);
}

describe.each(DIALECTS)('importDecisionList on %s', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await seedDatabase(orm, { sampleActivities: false });
  });
  afterAll(() => destroyTestOrm(orm));

  it('rejects the bad rows with line and field, flags missing facts, and writes nothing', async () => {
    const before = await counts(orm);
    const report = await importDecisionList(orm.em.fork(), { fileName: 'bad.csv', content: BAD });
    const byLine = Object.fromEntries(report.rows.map((r) => [r.line, r]));
    // Accepted rows are not listed: the report lists rows with something to say.
    expect(byLine[2]).toBeUndefined();
    expect(byLine[3]!.status).toBe('rejected');
    expect(byLine[3]!.issues[0]).toMatchObject({ field: 'stars', code: 'invalid' });
    expect(byLine[4]!.status).toBe('rejected');
    expect(byLine[4]!.issues[0]).toMatchObject({ field: 'district', code: 'unknown' });
    expect(byLine[5]!.issues[0]).toMatchObject({ field: 'product_name', code: 'required' });
    expect(byLine[6]!.issues[0]).toMatchObject({ field: 'row', code: 'duplicate' });
    expect(byLine[6]!.issues[0]!.message).toContain('line 2');
    expect(byLine[7]!.issues[0]).toMatchObject({ field: 'score', code: 'invalid' });
    expect(byLine[8]!.issues[0]).toMatchObject({ field: 'level', code: 'invalid' });
    expect(byLine[9]!.status).toBe('flagged');
    expect(byLine[9]!.issues.map((i) => i.field).sort()).toEqual([
      'district',
      'entity_name',
      'product_group',
      'stars',
    ]);
    expect(report.totals).toEqual({ rows: 8, accepted: 1, flagged: 1, rejected: 6 });
    expect(report.applied).toBe(false);
    expect(await counts(orm)).toEqual(before);
  });

  it('rejects a wrong column set naming the missing and extra columns', async () => {
    const before = await counts(orm);
    const content = `${HEADER.replace('batch', 'round')},extra\n`;
    const report = await importDecisionList(orm.em.fork(), { fileName: 'cols.csv', content });
    expect(report.fileErrors.map((i) => `${i.code}:${i.field}`).sort()).toEqual([
      'missing_column:batch',
      'unexpected_column:extra',
      'unexpected_column:round',
    ]);
    expect(report.message).toContain('missing: batch');
    expect(await counts(orm)).toEqual(before);
  });

  it('refuses invalid UTF-8 and UTF-16 with a clear message', async () => {
    const before = await counts(orm);
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\n`),
      Buffer.from([0x42, 0xe1, 0x6e, 0x68]),
      Buffer.from(`,,,,,,,,,,,2022,,${URL}\n`),
    ]);
    expect(
      (await importDecisionList(orm.em.fork(), { fileName: 'latin1.csv', content: latin1 }))
        .message,
    ).toContain('not valid UTF-8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le')]);
    expect(
      (await importDecisionList(orm.em.fork(), { fileName: 'utf16.csv', content: utf16 })).message,
    ).toContain('UTF-16');
    expect(await counts(orm)).toEqual(before);
  });

  it('imports a next decision list with or without BOM, extends history, and says "no changes" on re-import', async () => {
    const before = await counts(orm);
    const dry = await importDecisionList(orm.em.fork(), {
      fileName: 'next.csv',
      content: `${HEADER}\n${GOOD}\n`,
      dryRun: true,
    });
    expect(dry.created.products).toBe(1);
    expect(await counts(orm)).toEqual(before);

    // 2022 upgrade of a 2021 product (Cà na muối, Tịnh Biên): same product, a new decision.
    const upgrade = `Cà na muối,Hộ kinh doanh Hòa Kiều,household_business,xã Tân Lập,Tịnh Biên,food,4,72,province,45/QĐ-UBND,2022-09-01,2022,đợt 2/2022,${URL}`;
    const content = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${HEADER}\r\n${GOOD}\r\n${upgrade}\r\n`),
    ]);
    const report = await importDecisionList(orm.em.fork(), { fileName: 'next.csv', content });
    expect(report.applied).toBe(true);
    expect(report.created).toMatchObject({
      products: 1,
      entities: 1,
      decisions: 2,
      certificates: 2,
      evaluations: 2,
    });
    expect(report.reused).toMatchObject({ products: 1, entities: 1 });
    const em = orm.em.fork();
    const canaMuoi = await em.findOneOrFail(Product, { normalizedName: 'ca na muoi' });
    const certificates = await em.find(
      Certificate,
      { product: canaMuoi },
      { orderBy: { issuedOn: 'asc' } },
    );
    expect(certificates.map((c) => [c.stars, c.issuedOn, c.validUntil, c.supersededOn])).toEqual([
      [3, '2021-04-22', '2024-04-22', '2022-09-01'],
      [4, '2022-09-01', '2025-09-01', null],
    ]);
    const decision = await em.findOneOrFail(Decision, { number: '45/QĐ-UBND' });
    expect([decision.date, decision.datePrecision, decision.batch]).toEqual([
      '2022-09-01',
      'day',
      'đợt 2/2022',
    ]);

    const after = await counts(orm);
    const again = await importDecisionList(orm.em.fork(), { fileName: 'next.csv', content });
    expect(again.noChanges).toBe(true);
    expect(again.message).toContain('No changes');
    const sameRowsNoBom = await importDecisionList(orm.em.fork(), {
      fileName: 'next-no-bom.csv',
      content: `${HEADER}\n${GOOD}\n${upgrade}\n`,
    });
    expect(sameRowsNoBom.noChanges).toBe(true);
    expect(sameRowsNoBom.created.products).toBe(0);
    expect(await counts(orm)).toEqual([...after.slice(0, 6), after[6]! + 1]);
  });

  it('writes only the valid rows when the caller asks to skip rejected rows', async () => {
    const before = await counts(orm);
    const content = `${HEADER}\nNước mắm chay,Cơ sở E,household_business,,Phú Tân,food,3,,province,,,2022,,${URL}\nX,,,,Atlantis,food,3,,province,,,2022,,${URL}\n`;
    const report = await importDecisionList(orm.em.fork(), {
      fileName: 'partial.csv',
      content,
      skipRejected: true,
    });
    expect(report.applied).toBe(true);
    expect(report.totals.rejected).toBe(1);
    expect((await counts(orm))[0]).toBe(before[0]! + 1);
  });
});
