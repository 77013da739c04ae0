// Issue 5, write side, in Chromium: people sign in through /sign-in and record through the /entry
// forms, and the public pages move. This file writes, so it runs its own API on its own seeded
// SQLite file (src/server.ts) and the shared server's seeded figures stay as the other files expect.
// Users: the first admin from the project's CLI (`cli create-admin`) on that file, then a secretariat
// and a department officer (Sở Công Thương) created by that admin through `createUser`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from '../src/browser';
import { gql, targetActual } from '../src/api';
import { afterOperation, formattedInt, open, responseData, settled, tableCells } from '../src/app';
import { createUser, signInApi, signInThroughPage, type Credentials } from '../src/auth';
import { createAdminWithCli, startApi, type ApiServer } from '../src/server';
import { productsFirstCertifiedIn, seedProducts } from '../src/seed';
import { vi as viMessages } from '../../apps/web/src/i18n/vi';

const ADMIN: Credentials = { email: 'admin@e2e.test', password: 'Admin-e2e-pass-2021' };
const SECRETARIAT: Credentials = {
  email: 'secretariat@e2e.test',
  password: 'Secretariat-e2e-pass',
};
const SCT_OFFICER: Credentials = { email: 'sct-officer@e2e.test', password: 'Officer-e2e-pass-21' };

/** A seeded product with no evaluation or decision in the seed (no stars, no year). */
const PRODUCT = 'Sa tế Thái Hòa';
/** Under 1048/QĐ-TTg (in force 2019-08-21 … 2023-02-23) the parts are A ≤ 35, B ≤ 25, C ≤ 40; 50–69 points is 3★. */
const EVALUATION_DATE = '2021-09-15';
const SCORES = { A: '20', B: '15', C: '25' } as const; // 60 points → 3★
const DECISION = { number: '4321/QĐ-UBND', date: '2021-10-20' };
/** Sở Công Thương: task SCT-1 lists trade_promotion; the seed's sample activities include April 2021. */
const DEPARTMENT = 'SCT';
const KIND = 'trade_promotion';
const ACTIVITY = { date: '2021-04-15', month: '2021-04', count: 2 };

const T1 = '[data-testid="target-card-T1-CERTIFIED"] [data-testid="target-actual"]';

let server: ApiServer;
let session: BrowserSession | null = null;

beforeAll(async () => {
  server = await startApi();
  // The CLI is how an operator creates the first admin; it runs against the same SQLite file while the server runs.
  expect(await createAdminWithCli(server, ADMIN.email, ADMIN.password)).toContain(ADMIN.email);
  const token = await signInApi(server.baseUrl, ADMIN);
  const as = { baseUrl: server.baseUrl, token };
  const secretariat = await createUser(as, {
    ...SECRETARIAT,
    displayName: 'Văn phòng Điều phối (e2e)',
    role: 'SECRETARIAT',
  });
  expect(secretariat.role).toBe('SECRETARIAT');
  const officer = await createUser(as, {
    ...SCT_OFFICER,
    displayName: 'Cán bộ Sở Công Thương (e2e)',
    role: 'DEPARTMENT_OFFICER',
    departmentCode: DEPARTMENT,
  });
  expect(officer).toMatchObject({ role: 'DEPARTMENT_OFFICER', department: { code: DEPARTMENT } });
});

afterAll(async () => {
  await server?.stop();
});

afterEach(async () => {
  await session?.close();
  session = null;
});

function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return gql<T>(query, variables, { baseUrl: server.baseUrl });
}

/** Types into a search picker, waits for the option naming `label` and chooses it. */
async function pick(page: Page, testid: string, search: string, label: string): Promise<void> {
  await page.getByTestId(testid).fill(search);
  const option = page.getByTestId(`${testid}-option`).filter({ hasText: label });
  await option.first().waitFor({ state: 'visible' });
  expect(await option.count(), `one "${label}" among the ${testid} results`).toBe(1);
  await option.click();
}

/** The number a body's page (/departments/:code) shows for a kind in a month, from the chart's data table. */
async function shownActivityCount(
  page: Page,
  department: string,
  kindLabel: string,
  month: string,
): Promise<number | null> {
  const [header, ...rows] = await tableCells(
    page.getByTestId(`activity-chart-${department}`).getByTestId('chart-table'),
  );
  const column = header!.indexOf(kindLabel);
  expect(column, `column "${kindLabel}" in ${JSON.stringify(header)}`).toBeGreaterThan(0);
  // Month labels follow the locale ("tháng 04, 2021"); match on the month and year digits.
  const [year, mm] = month.split('-');
  const matching = rows.filter(
    (r) => r[0]!.includes(year!) && new RegExp(`(^|\\D)${mm}(\\D|$)`).test(r[0]!),
  );
  expect(
    matching.map((r) => r[0]),
    `one row for ${month}`,
  ).toHaveLength(1);
  return formattedInt(matching[0]![column]!);
}

/** What the API says for a kind in a month (the chart adds the sample and the recorded rows). */
async function apiActivityCount(department: string, kind: string, month: string): Promise<number> {
  const { department: d } = await api<{
    department: { activityCounts: { kind: string; month: string; count: number }[] };
  }>(
    `query ($code: String!) { department(code: $code) { activityCounts(year: 2021) { kind month count } } }`,
    { code: department },
  );
  return d.activityCounts
    .filter((c) => c.kind === kind && c.month === month)
    .reduce((sum, c) => sum + c.count, 0);
}

describe('write side: sign in, record, and the public pages move', () => {
  it('the secretariat records an evaluation and a 3★ decision; T1-CERTIFIED of 2021 goes from 12 to 13', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    const row = seedProducts().find((r) => r.product_name === PRODUCT);
    expect(row, `${PRODUCT} in the seed`).toBeDefined();
    expect([row!.stars, row!.year, row!.decision_date]).toEqual(['', '', '']);
    const { products } = await api<{
      products: { edges: { node: { id: string; name: string; evaluations: { id: string }[] } }[] };
    }>(
      `query ($s: String) { products(first: 5, filter: { search: $s }) { edges { node { id name evaluations { id } } } } }`,
      { s: PRODUCT },
    );
    const product = products.edges.map((e) => e.node).find((p) => p.name === PRODUCT)!;
    expect(product.evaluations).toEqual([]);

    // Before: the seed's 12, on the API and on the overview card.
    const before = productsFirstCertifiedIn(2021, '2021-12-31').length;
    expect(before).toBe(12);
    expect(
      await targetActual(2021, 'T1-CERTIFIED', '2021-12-31', { baseUrl: server.baseUrl }),
    ).toBe(before);
    await open(page, '/?year=2021', server.baseUrl);
    await settled(page, T1);
    expect(await page.getByTestId('asof-input').inputValue()).toBe('2021-12-31');
    expect(await page.locator(T1).innerText()).toBe(String(before));

    // Sign in through the page.
    await signInThroughPage(page, server.baseUrl, SECRETARIAT, {
      beforeSubmit: () => screenshot(page, 'signin'),
    });
    expect(await page.getByTestId('nav-role').innerText()).toBe(viMessages.roles.SECRETARIAT);

    // Evaluation: product picker, provincial council, a 2021 day, part scores; the preview rates live.
    await page.getByTestId('entry-link-evaluation').click();
    await page.waitForURL((url) => url.pathname === '/entry/evaluation');
    await page.getByTestId('entry-evaluation-form').waitFor({ state: 'visible' });
    await pick(page, 'entry-evaluation-product', 'sa te thai hoa', PRODUCT);
    expect(await page.getByTestId('entry-evaluation-product-chosen').innerText()).toContain(
      PRODUCT,
    );
    await page.getByTestId('entry-evaluation-level').selectOption('PROVINCE');
    await page.getByTestId('entry-evaluation-date').fill(EVALUATION_DATE);
    await page
      .getByTestId('entry-evaluation-ruleset')
      .filter({ hasText: '1048/QĐ-TTg' })
      .waitFor({ state: 'visible' });
    await page.getByTestId('entry-evaluation-preview-waiting').waitFor({ state: 'visible' });
    await page.getByTestId('entry-evaluation-score-A').fill(SCORES.A);
    await page.getByTestId('entry-evaluation-score-B').fill(SCORES.B);
    // 20 + 15 + 5 = 40 → 2★ first, then C = 25 → 60 → 3★: the preview follows the typing.
    await page.getByTestId('entry-evaluation-score-C').fill('5');
    await page
      .locator('[data-testid="entry-evaluation-preview-stars"][data-stars="2"]')
      .waitFor({ state: 'visible' });
    await page.getByTestId('entry-evaluation-score-C').fill(SCORES.C);
    await page
      .locator('[data-testid="entry-evaluation-preview-stars"][data-stars="3"]')
      .waitFor({ state: 'visible' });
    expect(
      formattedInt(
        (await page.getByTestId('entry-evaluation-preview-total').innerText()).split('/')[0]!,
      ),
    ).toBe(60);
    // 1048: the province recognises 3★.
    expect(await page.getByTestId('entry-evaluation-preview-recogniser').innerText()).toBe(
      viMessages.level.PROVINCE,
    );
    expect(await page.locator('[data-testid$="-error"]').count(), 'no inline errors').toBe(0);
    const evaluationResponse = await afterOperation(page, 'mutation RecordEvaluation', () =>
      page.getByTestId('entry-evaluation-submit').click(),
    );
    const { recordEvaluation } = await responseData<{
      recordEvaluation: { id: string; total: number; stars: number; ruleSet: string };
    }>(evaluationResponse);
    expect(recordEvaluation).toMatchObject({ total: 60, stars: 3, ruleSet: 'QD1048' });
    await page.getByTestId('entry-evaluation-success').waitFor({ state: 'visible' });
    expect(await page.getByTestId('entry-evaluation-success').innerText()).toContain(PRODUCT);
    await screenshot(page, 'entry-evaluation');

    // Decision: recognise the product at 3★ by the province, after the evaluation, still in 2021.
    await open(page, '/entry/decision', server.baseUrl);
    await page.getByTestId('entry-decision-form').waitFor({ state: 'visible' });
    await page.getByTestId('entry-decision-number').fill(DECISION.number);
    await page.getByTestId('entry-decision-date').fill(DECISION.date);
    await page.getByTestId('entry-decision-level').selectOption('PROVINCE');
    await pick(page, 'entry-decision-product', 'sa te thai hoa', PRODUCT);
    const item = page.getByTestId('entry-decision-item');
    await item.first().waitFor({ state: 'visible' });
    expect(await item.count()).toBe(1);
    expect(await item.locator('th').innerText()).toContain(PRODUCT);
    await item.getByTestId('entry-decision-item-stars').selectOption('3');
    await item.getByTestId('entry-decision-item-action').selectOption('RECOGNISE');
    const decisionResponse = await afterOperation(page, 'mutation RecordDecision', () =>
      page.getByTestId('entry-decision-submit').click(),
    );
    const { recordDecision } = await responseData<{
      recordDecision: {
        number: string;
        items: { stars: number; action: string; product: { id: string } }[];
      };
    }>(decisionResponse);
    expect(recordDecision).toMatchObject({
      number: DECISION.number,
      items: [{ stars: 3, action: 'RECOGNISE', product: { id: product.id } }],
    });
    await page.getByTestId('entry-decision-success').waitFor({ state: 'visible' });
    expect(await page.getByTestId('entry-decision-success').innerText()).toContain(DECISION.number);
    await screenshot(page, 'entry-decision');

    // The API has both facts.
    const { product: stored } = await api<{
      product: {
        currentStars: number | null;
        evaluations: {
          level: string;
          total: number;
          stars: number;
          ruleSet: string;
          date: { value: string };
        }[];
        latestDecision: { number: string; issuingLevel: string; date: { value: string } } | null;
      };
    }>(
      `query ($id: ID!) { product(id: $id) { currentStars evaluations { level total stars ruleSet date { value } }
        latestDecision { number issuingLevel date { value } } } }`,
      { id: product.id },
    );
    expect(stored.evaluations).toEqual([
      {
        level: 'PROVINCE',
        total: 60,
        stars: 3,
        ruleSet: 'QD1048',
        date: { value: EVALUATION_DATE },
      },
    ]);
    expect(stored.latestDecision).toEqual({
      number: DECISION.number,
      issuingLevel: 'PROVINCE',
      date: { value: DECISION.date },
    });
    expect(stored.currentStars).toBe(3);

    // After: 13 on the API and on the overview of 2021.
    expect(
      await targetActual(2021, 'T1-CERTIFIED', '2021-12-31', { baseUrl: server.baseUrl }),
    ).toBe(before + 1);
    await open(page, '/?year=2021', server.baseUrl);
    await settled(page, T1);
    expect(await page.getByTestId('asof-input').inputValue()).toBe('2021-12-31');
    expect(await page.locator(T1).innerText()).toBe(String(before + 1));
    expect(consoleErrors).toEqual([]);
  });

  it('a Sở Công Thương officer records an activity; /departments/SCT shows the month’s count go up, /departments the task’s', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    const kindLabel = viMessages.activityKinds[KIND];
    const { department } = await api<{
      department: { nameVi: string; tasks: { activityKinds: string[] }[] };
    }>(`query ($code: String!) { department(code: $code) { nameVi tasks { activityKinds } } }`, {
      code: DEPARTMENT,
    });
    const kinds = [...new Set(department.tasks.flatMap((t) => t.activityKinds))];
    expect(kinds).toContain(KIND);

    // Before, on the API and on the page.
    const before = await apiActivityCount(DEPARTMENT, KIND, ACTIVITY.month);
    expect(before).toBeGreaterThan(0);
    await open(page, `/departments/${DEPARTMENT}?year=2021`, server.baseUrl);
    await settled(page, `[data-testid="activity-chart-${DEPARTMENT}"]`);
    expect(await shownActivityCount(page, DEPARTMENT, kindLabel, ACTIVITY.month)).toBe(before);
    // No recorded (non-sample) activity yet: the list says so.
    await page.getByTestId('activity-list-empty').waitFor({ state: 'visible' });

    // Sign in through the page: the officer may only record activities.
    await signInThroughPage(page, server.baseUrl, SCT_OFFICER);
    expect(await page.getByTestId('nav-role').innerText()).toBe(
      viMessages.roles.DEPARTMENT_OFFICER,
    );
    const links = await page
      .locator('[data-testid^="entry-link-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(links).toEqual(['entry-link-activity']);

    await page.getByTestId('entry-link-activity').click();
    await page.waitForURL((url) => url.pathname === '/entry/activity');
    await page.getByTestId('entry-activity-form').waitFor({ state: 'visible' });
    // The officer's own department, fixed; the kinds are that department's.
    expect(await page.getByTestId('entry-activity-department').inputValue()).toBe(
      department.nameVi,
    );
    const kindSelect = page.getByTestId('entry-activity-kind');
    await kindSelect.locator(`option[value="${KIND}"]`).waitFor({ state: 'attached' });
    expect(
      (
        await kindSelect
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
      ).sort(),
    ).toEqual([...kinds].sort());
    await kindSelect.selectOption(KIND);
    await page.getByTestId('entry-activity-date').fill(ACTIVITY.date);
    await page.getByTestId('entry-activity-count').fill(String(ACTIVITY.count));
    const activityResponse = await afterOperation(page, 'mutation RecordActivity', () =>
      page.getByTestId('entry-activity-submit').click(),
    );
    const { recordActivity } = await responseData<{ recordActivity: { id: string } }>(
      activityResponse,
    );
    expect(recordActivity.id).toBeTruthy();
    await page.getByTestId('entry-activity-success').waitFor({ state: 'visible' });
    await screenshot(page, 'entry-activity');

    // After, on the API and on the page.
    expect(await apiActivityCount(DEPARTMENT, KIND, ACTIVITY.month)).toBe(before + ACTIVITY.count);
    await open(page, `/departments/${DEPARTMENT}?year=2021`, server.baseUrl);
    await settled(page, `[data-testid="activity-chart-${DEPARTMENT}"]`);
    expect(await shownActivityCount(page, DEPARTMENT, kindLabel, ACTIVITY.month)).toBe(
      before + ACTIVITY.count,
    );
    // The recorded activity is listed; the matrix counts it for the task it evidences (the
    // first of SCT's tasks with that kind, as recordActivity chooses).
    expect(await page.getByTestId('activity-list').locator('tbody tr').count()).toBe(1);
    await open(page, '/departments?year=2021', server.baseUrl);
    await settled(page, '[data-testid="matrix-row"]');
    const task = page.locator(`[data-testid="matrix-row"][data-task="${DEPARTMENT}-1"]`);
    expect(formattedInt(await task.getByTestId('matrix-recorded-count').innerText())).toBe(
      ACTIVITY.count,
    );
    expect(consoleErrors).toEqual([]);
  });

  it('the secretariat records council round 2/2021 by its counts, and T5 reads them on the overview', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    const T5 = `{ plan(year: 2021) { targets(asOf: "2021-12-31") { code progress { numerator denominator publishedRounds } } } }`;
    const t5 = async () =>
      (
        await gql<{
          plan: {
            targets: {
              code: string;
              progress: { numerator: number; denominator: number; publishedRounds: string[] };
            }[];
          };
        }>(T5, {}, { baseUrl: server.baseUrl })
      ).plan.targets.find((t) => t.code === 'T5-PASS-RATE')!.progress;
    // Round 1/2021's published counts (17 evaluated, 12 passed) no longer cover the recorded
    // evaluations once the first test added one: T5 counts the records, not the rounds.
    expect((await t5()).publishedRounds).not.toContain('2/2021');

    await signInThroughPage(page, server.baseUrl, SECRETARIAT);
    await page.getByTestId('entry-link-round').click();
    await page.waitForURL((url) => url.pathname === '/entry/round');
    await page.getByTestId('entry-round-form').waitFor({ state: 'visible' });
    await page.getByTestId('entry-round-year').fill('2021');
    await page.getByTestId('entry-round-round').fill('2');
    await page.getByTestId('entry-round-date').fill('2021-11-15');
    await page.getByTestId('entry-round-evaluated').fill('15');
    await page.getByTestId('entry-round-passed').fill('11');
    await page
      .getByTestId('entry-round-source')
      .fill('https://baotintuc.vn/dia-phuong/an-giang-ocop-2021.htm');
    await afterOperation(page, 'mutation RecordCouncilRound', () =>
      page.getByTestId('entry-round-submit').click(),
    );
    await page.getByTestId('entry-round-success').waitFor({ state: 'visible' });
    expect(await page.getByTestId('entry-round-success').innerText()).toContain(
      'Đã lưu đợt 2/2021: 15 sản phẩm được đánh giá, 11 đạt.',
    );
    await screenshot(page, 'entry-round');

    // With round 2/2021 (15 evaluated, 11 passed) the published counts cover the records again:
    // T5 = (12 + 11) / (17 + 15), and its card names both rounds.
    expect(await t5()).toEqual({
      numerator: 23,
      denominator: 32,
      publishedRounds: ['1/2021', '2/2021'],
    });
    await open(page, '/?year=2021', server.baseUrl);
    await settled(page, T1);
    expect(
      await page
        .getByTestId('target-card-T5-PASS-RATE')
        .getByTestId('target-published-rounds')
        .innerText(),
    ).toContain('2/2021');
    expect(consoleErrors).toEqual([]);
  });
});
