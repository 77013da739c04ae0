// The importer applies the decision rules every decision goes through
// (packages/domain/src/rules/decision-checks.ts), on both dialects: the recogniser for the stars
// under the rule set in force, no future dates, one date per decision number + level (a batch
// label never splits a decision), stars not above the row's score, unknown communes flagged, and
// a re-imported row whose stars changed reported as a conflict naming the row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { seedDatabase } from '../src/db/seed.js';
import { Certificate } from '../src/modules/certificates/certificate.entity.js';
import { Decision } from '../src/modules/decisions/decision.entity.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { Product } from '../src/modules/products/product.entity.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

const HEADER =
  'product_name,entity_name,entity_type,commune,district,product_group,stars,score,level,decision,decision_date,year,batch,source_url';
const URL = 'https://example.org/rules';
const TODAY = '2026-11-30';

/** A row: name, stars, score, level, decision, date, year, batch, commune and district. */
function row(p: {
  name: string;
  stars?: string;
  score?: string;
  level?: string;
  decision?: string;
  date?: string;
  year?: string;
  batch?: string;
  commune?: string;
  district?: string;
}): string {
  return [
    p.name,
    'Cơ sở Quy Tắc',
    'household_business',
    p.commune ?? '',
    p.district ?? 'An Phú',
    'food',
    p.stars ?? '3',
    p.score ?? '',
    p.level ?? 'province',
    p.decision ?? '',
    p.date ?? '',
    p.year ?? '',
    p.batch ?? '',
    URL,
  ].join(',');
}
const file = (...rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

describe.each(DIALECTS)('decision rules in the importer on %s', (kind) => {
  let orm: MikroORM;
  const run = (name: string, content: string, dryRun = false) =>
    importDecisionList(orm.em.fork(), { fileName: name, content, dryRun, today: TODAY });
  const issueOf = async (content: string, line = 2) => {
    const report = await run('check.csv', content, true);
    return { report, row: report.rows.find((r) => r.line === line) };
  };
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await seedDatabase(orm, { sampleActivities: false });
  });
  afterAll(() => destroyTestOrm(orm));

  it('refuses a 5★ decision at provincial level (5★ is national under every rule set)', async () => {
    const { report, row: r } = await issueOf(
      file(
        row({
          name: 'Mắm năm sao',
          stars: '5',
          score: '92',
          date: '2021-06-01',
          year: '2021',
          decision: '7/QĐ-UBND',
        }),
      ),
    );
    expect(report.totals.rejected).toBe(1);
    expect(r!.issues[0]).toEqual({
      field: 'level',
      code: 'wrong_recogniser',
      message: '5★ is recognised at national level under 1048/QĐ-TTg, not province',
    });
  });

  it('refuses 3★ by the province under 148/QĐ-TTg and accepts it from the district', async () => {
    const province = await issueOf(
      file(
        row({
          name: 'Bánh ba sao',
          stars: '3',
          date: '2024-03-01',
          year: '2024',
          decision: '8/QĐ-UBND',
        }),
      ),
    );
    expect(province.row!.issues[0]).toMatchObject({ field: 'level', code: 'wrong_recogniser' });
    expect(province.row!.issues[0]!.message).toContain('district level under 148/QĐ-TTg');
    const district = await issueOf(
      file(
        row({
          name: 'Bánh ba sao',
          stars: '3',
          level: 'district',
          date: '2024-03-01',
          year: '2024',
          decision: '8/QĐ-UBND',
        }),
      ),
    );
    expect(district.report.totals.rejected).toBe(0);
  });

  it('refuses a decision dated in the future (2099)', async () => {
    const { row: r } = await issueOf(
      file(
        row({
          name: 'Trà tương lai',
          stars: '4',
          date: '2099-01-10',
          year: '2099',
          decision: '9/QĐ-UBND',
        }),
      ),
    );
    expect(r!.issues[0]).toMatchObject({ field: 'decision_date', code: 'date_in_future' });
    expect(r!.issues[0]!.message).toBe(
      'decision date 2099-01-10 is in the future (today is 2026-11-30)',
    );
  });

  it('refuses stars above what the row’s score reaches', async () => {
    const { row: r } = await issueOf(
      file(
        row({
          name: 'Khô bốn sao',
          stars: '4',
          score: '65',
          date: '2022-06-01',
          year: '2022',
          decision: '10/QĐ-UBND',
        }),
      ),
    );
    expect(r!.issues[0]).toEqual({
      field: 'stars',
      code: 'stars_above_evaluation',
      message: '4★ is above an evaluation of 65 points (3★)',
    });
  });

  it('refuses a second date for one decision number, naming the first line', async () => {
    const { report, row: r } = await issueOf(
      file(
        row({ name: 'Gạo A', date: '2022-03-01', year: '2022', decision: '15/QĐ-UBND' }),
        row({ name: 'Gạo B', date: '2022-03-05', year: '2022', decision: '15/QĐ-UBND' }),
      ),
      3,
    );
    expect(report.totals).toMatchObject({ rejected: 1 });
    expect(r!.issues[0]).toEqual({
      field: 'decision_date',
      code: 'decision_date_conflict',
      message: 'decision 15/QĐ-UBND (province) is dated 2022-03-01 on line 2, not 2022-03-05',
    });
  });

  it('keeps rows of one decision whose batch text differs as ONE decision (912/QĐ-UBND)', async () => {
    const report = await run(
      'one-decision.csv',
      file(
        row({
          name: 'Nem Chợ Mới',
          stars: '4',
          score: '74',
          date: '2023-04-20',
          year: '2023',
          decision: '912/QĐ-UBND',
          batch: 'đợt 1/2023',
          commune: 'xã Long Kiến',
          district: 'Chợ Mới',
        }),
        row({
          name: 'Mắm Chợ Mới',
          stars: '4',
          score: '71',
          date: '2023-04-20',
          year: '2023',
          decision: '912/QĐ-UBND',
          batch: 'đợt 1/2023 (bổ sung)',
          commune: 'xã Long Kiến',
          district: 'Chợ Mới',
        }),
      ),
    );
    expect(report.applied).toBe(true);
    expect(report.created).toMatchObject({ decisions: 1, decisionItems: 2, certificates: 2 });
    const decisions = await orm.em.fork().find(Decision, { number: '912/QĐ-UBND' });
    expect(decisions.map((d) => [d.date, d.issuingLevel])).toEqual([['2023-04-20', 'province']]);
  });

  it('flags a commune it does not know, and not one an earlier list recorded', async () => {
    const report = await run(
      'communes.csv',
      file(
        row({
          name: 'Bánh xã lạ',
          date: '2022-06-01',
          year: '2022',
          decision: '16/QĐ-UBND',
          commune: 'xã Không Có',
          district: 'Chợ Mới',
        }),
        row({
          name: 'Bánh xã quen',
          date: '2022-06-01',
          year: '2022',
          decision: '16/QĐ-UBND',
          commune: 'xã Long Kiến',
          district: 'Chợ Mới',
        }),
      ),
      true,
    );
    expect(report.totals).toMatchObject({ flagged: 1, rejected: 0, accepted: 1 });
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ line: 2, status: 'flagged', productName: 'Bánh xã lạ' });
    expect(report.rows[0]!.issues).toEqual([
      {
        field: 'commune',
        code: 'unknown',
        message:
          '"xã Không Có" is not a known commune of Chợ Mới (not in the unit list nor in earlier records); kept as given',
      },
    ]);
  });

  it('reports a re-imported row whose stars changed as a conflict naming the row, and writes nothing', async () => {
    // The seed recognised "Đường thốt nốt sệt Palmania" (Tri Tôn) with 4★ in đợt 1/2020.
    const changed =
      'Đường thốt nốt sệt Palmania,Công ty Cổ phần Palmania,enterprise,thị trấn Tri Tôn,Tri Tôn,food,3,,province,,,2020,đợt 1/2020 (HĐ tỉnh họp 11/3/2020),https://ocop.angiang.gov.vn/';
    const before = await orm.em.fork().count(Certificate, {});
    const report = await run('changed.csv', file(changed));
    expect(report.applied).toBe(false);
    expect(report.totals.rejected).toBe(1);
    expect(report.rows[0]).toMatchObject({ line: 2, status: 'rejected' });
    expect(report.rows[0]!.issues[0]).toMatchObject({ field: 'stars', code: 'conflict' });
    expect(report.rows[0]!.issues[0]!.message).toBe(
      'stars 3 in the file, 4 already recorded for this product in decision province 2020-12-31',
    );
    expect(await orm.em.fork().count(Certificate, {})).toBe(before);
    const palmania = await orm.em
      .fork()
      .findOneOrFail(Product, { normalizedName: 'duong thot not set palmania' });
    expect(palmania.name).toBe('Đường thốt nốt sệt Palmania');
  });

  it('refuses a known decision number with another date than the one recorded', async () => {
    const report = await run(
      'redate.csv',
      file(
        row({
          name: 'Chả Chợ Mới',
          stars: '4',
          score: '80',
          date: '2023-05-02',
          year: '2023',
          decision: '912/QĐ-UBND',
          district: 'Chợ Mới',
          commune: 'xã Long Kiến',
        }),
      ),
    );
    expect(report.applied).toBe(false);
    expect(report.rows[0]!.issues[0]).toEqual({
      field: 'decision_date',
      code: 'decision_date_conflict',
      message: 'decision 912/QĐ-UBND (province) is dated 2023-04-20, not 2023-05-02',
    });
  });
});
