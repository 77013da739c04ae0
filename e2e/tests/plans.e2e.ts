// Issue 12, point 1, in Chromium: the secretariat manages plans in the app. Signed in through
// /sign-in, it creates the 2026 plan on /entry/plans, adds two targets, follows the page's link to
// the overview (a page change inside the app, no reload) and sees 2026 in the year selector and the
// plan with its two targets. This file writes, so it runs its own API on its own seeded SQLite file.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from '../src/browser';
import { gql } from '../src/api';
import { afterOperation, horizontalOverflow, responseData, settled } from '../src/app';
import { axeViolations, describeViolations } from '../src/axe';
import { createUser, signInApi, signInThroughPage, type Credentials } from '../src/auth';
import { createAdminWithCli, startApi, type ApiServer } from '../src/server';

const ADMIN: Credentials = { email: 'admin-plans@e2e.test', password: 'Admin-plans-e2e-2026' };
const SECRETARIAT: Credentials = {
  email: 'secretariat-plans@e2e.test',
  password: 'Secretariat-plans-2026',
};

const PLAN = {
  code: '35/KH-UBND',
  issuedOn: '2026-02-10',
  year: '2026',
  title: 'Kế hoạch thực hiện Chương trình OCOP tỉnh An Giang năm 2026',
};
const TARGETS = [
  {
    code: 'T1-CERTIFIED',
    kind: 'COUNT_AT_LEAST',
    metric: 'products_first_certified',
    value: '40',
    owner: 'SNN',
    labelVi: 'Sản phẩm được công nhận OCOP từ 3 sao trở lên trong năm',
    labelEn: 'Products newly certified 3★ or more in the year',
  },
  {
    code: 'T2-PASS-RATE',
    kind: 'SHARE_AT_LEAST',
    metric: 'provincial_pass_rate',
    value: '80',
    owner: 'SNN',
    labelVi: 'Tỷ lệ sản phẩm đánh giá cấp tỉnh đạt từ 3 sao',
    labelEn: 'Share of provincially evaluated products reaching 3★',
  },
] as const;

let server: ApiServer;
let session: BrowserSession | null = null;

beforeAll(async () => {
  server = await startApi();
  expect(await createAdminWithCli(server, ADMIN.email, ADMIN.password)).toContain(ADMIN.email);
  const token = await signInApi(server.baseUrl, ADMIN);
  const secretariat = await createUser(
    { baseUrl: server.baseUrl, token },
    { ...SECRETARIAT, displayName: 'Văn phòng Điều phối (e2e kế hoạch)', role: 'SECRETARIAT' },
  );
  expect(secretariat.role).toBe('SECRETARIAT');
});

afterAll(async () => {
  await server?.stop();
});

afterEach(async () => {
  await session?.close();
  session = null;
});

async function addTarget(page: Page, target: (typeof TARGETS)[number]): Promise<void> {
  await page.getByTestId('plan-target-kind').selectOption(target.kind);
  await page.getByTestId('plan-target-metric').selectOption(target.metric);
  await page.getByTestId('plan-target-code').fill(target.code);
  await page.getByTestId('plan-target-value').fill(target.value);
  await page.getByTestId('plan-target-owner').selectOption(target.owner);
  await page.getByTestId('plan-target-label-vi').fill(target.labelVi);
  await page.getByTestId('plan-target-label-en').fill(target.labelEn);
  // The metric's definition is filled in by the form; it is required by the API.
  expect(await page.getByTestId('plan-target-definition').inputValue()).not.toBe('');
  const response = await afterOperation(page, 'mutation AddTarget', () =>
    page.getByTestId('plan-target-submit').click(),
  );
  await responseData(response);
  await page.getByTestId(`plan-target-row-${target.code}`).waitFor({ state: 'visible' });
}

describe('plans managed in the app', () => {
  it('the secretariat creates the 2026 plan with two targets; the overview shows them', async () => {
    const before = await gql<{ planYears: number[] }>(
      '{ planYears }',
      {},
      {
        baseUrl: server.baseUrl,
      },
    );
    expect(before.planYears).not.toContain(2026);

    session = await openBrowser();
    const { page, consoleErrors } = session;
    await signInThroughPage(page, server.baseUrl, SECRETARIAT, { redirect: '/entry/plans' });
    await settled(page, '[data-testid="plan-list"]');

    // A plan without its fields is refused on the page, field by field, before anything is sent.
    await page.getByTestId('plan-create-submit').click();
    await page.getByTestId('plan-create-code-error').waitFor({ state: 'visible' });
    expect(await page.getByTestId('plan-create-title-error').count()).toBe(1);

    await page.getByTestId('plan-create-code').fill(PLAN.code);
    await page.getByTestId('plan-create-issued').fill(PLAN.issuedOn);
    await page.getByTestId('plan-create-kind').selectOption('year');
    await page.getByTestId('plan-create-year').fill(PLAN.year);
    await page.getByTestId('plan-create-title').fill(PLAN.title);
    expect(await page.getByTestId('plan-create-start').inputValue()).toBe('2026-01-01');
    expect(await page.getByTestId('plan-create-end').inputValue()).toBe('2026-12-31');
    const created = await responseData<{ createPlan: { id: string; year: number } }>(
      await afterOperation(page, 'mutation CreatePlan', () =>
        page.getByTestId('plan-create-submit').click(),
      ),
    );
    expect(created.createPlan.year).toBe(2026);
    await page.getByTestId('plan-create-success').waitFor({ state: 'visible' });
    await page.getByTestId('plan-row-2026').waitFor({ state: 'visible' });
    await page.getByTestId('plan-no-targets').waitFor({ state: 'visible' });

    for (const target of TARGETS) await addTarget(page, target);
    expect(await page.getByTestId('plan-targets').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('plan-target-row-T2-PASS-RATE').innerText()).toContain('≥ 80 %');
    await screenshot(page, 'entry-plans');
    // The page with its forms, list and tables: no critical or serious axe-core violation.
    const blocking = (await axeViolations(page)).filter(
      (v) => v.impact === 'critical' || v.impact === 'serious' || v.id === 'heading-order',
    );
    expect(describeViolations(blocking)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await horizontalOverflow(page), 'no sideways scrolling at 360 px').toBe(0);
    await screenshot(page, 'entry-plans-360');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The API has the plan and both targets.
    const { plan } = await gql<{ plan: { code: string; targets: { code: string }[] } }>(
      '{ plan(year: 2026) { code targets { code } } }',
      {},
      { baseUrl: server.baseUrl },
    );
    expect(plan).toEqual({ code: PLAN.code, targets: TARGETS.map((t) => ({ code: t.code })) });

    // The link under the success message goes to /?year=2026 inside the app (no reload).
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.getByTestId('plan-create-overview').click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('year') === '2026');
    await settled(page, '[data-testid="target-grid"]');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    const years = await page
      .getByTestId('year-select')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(years).toContain('2026');
    expect(await page.getByTestId('year-select').inputValue()).toBe('2026');
    expect(await page.getByTestId('plan-name').innerText()).toContain(PLAN.code);
    const cards = page.getByTestId('target-grid').locator('[data-testid^="target-card-"]');
    expect(await cards.count()).toBe(2);
    for (const target of TARGETS)
      expect(await page.getByTestId(`target-card-${target.code}`).innerText()).toContain(
        target.labelVi,
      );
    await screenshot(page, 'overview-2026');
    expect(consoleErrors).toEqual([]);
  });
});
