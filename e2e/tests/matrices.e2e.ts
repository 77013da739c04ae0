// The two matrices of issue 12 in Chromium: /departments fits in two screens of a 1366×768
// desktop for plan 152 with a row per task and links to each body's page, whose chart draws;
// /districts has a scorecard row per district-level unit whose cells link to the unit and its
// products with the period in the link. Screenshots at 1366×768 and 390×844 in test-artifacts/e2e.
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from '../src/browser';
import { gql } from '../src/api';
import { horizontalOverflow, open, settled } from '../src/app';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let session: BrowserSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

async function pageHeight(): Promise<number> {
  return session!.page.evaluate(() => document.documentElement.scrollHeight);
}

describe('responsibility matrix (/departments)', () => {
  it('fits in two desktop screens for plan 152, with a row per task and a link per body', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    const { plan } = await gql<{
      plan: { responsibilities: { task: { code: string }; department: { code: string } }[] };
    }>(
      `{ plan(year: 2021) { responsibilities(asOf: "2021-12-31") { task { code } department { code } } } }`,
    );
    expect(plan.responsibilities).toHaveLength(16);

    await page.setViewportSize(DESKTOP);
    await open(page, '/departments?year=2021&lang=vi');
    await settled(page, '[data-testid="matrix-row"]');
    const rows = page.getByTestId('matrix-row');
    // One row per task, grouped by body in the order of each body's first task.
    const order = [...new Set(plan.responsibilities.map((r) => r.department.code))];
    const grouped = order.flatMap((code) =>
      plan.responsibilities.filter((r) => r.department.code === code).map((r) => r.task.code),
    );
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-task')))).toEqual(
      grouped,
    );
    const height = await pageHeight();
    console.log(`/departments at ${DESKTOP.width}×${DESKTOP.height}: page height ${height} px`);
    await screenshot(page, 'departments-1366');
    expect(height).toBeLessThanOrEqual(2 * DESKTOP.height);
    expect(await horizontalOverflow(page)).toBe(0);

    // Each body once, its name linking to its page with the period.
    const bodies = [...new Set(plan.responsibilities.map((r) => r.department.code))];
    const links = page.getByTestId('matrix-body-link');
    expect(await links.count()).toBe(bodies.length);
    expect(await links.first().getAttribute('href')).toBe(
      `/departments/${bodies[0]}?lang=vi&year=2021`,
    );

    await page.setViewportSize(PHONE);
    await screenshot(page, 'departments-390');
    console.log(
      `/departments at ${PHONE.width}×${PHONE.height}: page height ${await pageHeight()} px`,
    );
    // On a phone the matrix scrolls inside its labelled region, not the page.
    expect(await horizontalOverflow(page)).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('a body’s name opens its page with its tasks, the activities chart and the recorded list', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    await page.setViewportSize(DESKTOP);
    await open(page, '/departments?year=2021&lang=vi');
    await settled(page, '[data-testid="matrix-row"]');
    await page.getByTestId('matrix-body-SCT').getByTestId('matrix-body-link').click();
    await page.waitForURL((url) => url.pathname === '/departments/SCT');
    expect(new URL(page.url()).searchParams.get('year')).toBe('2021');
    await settled(page, '[data-testid="activity-chart-SCT"]');
    await page
      .getByTestId('activity-chart-SCT')
      .locator('canvas')
      .first()
      .waitFor({ state: 'visible' });
    expect(await page.getByTestId('matrix-row').count()).toBe(3); // SCT-1, SCT-2, SCT-3
    // The seed has sample activities only: the chart shows them flagged, the recorded list is empty.
    await page.getByTestId('sample-label').waitFor({ state: 'visible' });
    await page.getByTestId('activity-list-empty').waitFor({ state: 'visible' });
    await screenshot(page, 'department-sct-1366');
    console.log(
      `/departments/SCT at ${DESKTOP.width}×${DESKTOP.height}: page height ${await pageHeight()} px`,
    );
    await page.setViewportSize(PHONE);
    await screenshot(page, 'department-sct-390');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});

describe('scorecard matrix (/districts)', () => {
  it('has a row per district-level unit whose cells link to the unit and its products', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    const { districts } = await gql<{
      districts: { unit: { code: string; name: string }; unitTargets: { status: string }[] }[];
    }>(
      `{ districts(planYear: 2021, asOf: "2021-12-31") { unit { code name } unitTargets { status } } }`,
    );
    expect(districts).toHaveLength(11);
    await page.setViewportSize(DESKTOP);
    await open(page, '/districts?year=2021&asOf=2021-12-31&lang=vi');
    await settled(page, '[data-testid="scorecard-row"]');
    const rows = page.getByTestId('scorecard-row');
    expect(await rows.count()).toBe(districts.length);
    for (const [i, d] of districts.entries()) {
      const row = rows.nth(i);
      expect(await row.locator('th').innerText()).toContain(d.unit.name);
      const target = row.getByTestId('scorecard-target').locator('a');
      expect(await target.getAttribute('data-status')).toBe(d.unitTargets[0]!.status);
      expect(await target.getAttribute('href')).toBe(
        `/districts?lang=vi&year=2021&asOf=2021-12-31&unit=${d.unit.code}`,
      );
      // Certified, 3★, 4★, 5★: each links to the unit's products of the year.
      const counts = await row
        .locator('td.num a')
        .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
      expect(counts).toHaveLength(4);
      for (const href of counts) expect(href).toContain(`unit=${d.unit.code}`);
    }
    await screenshot(page, 'districts-1366');
    // A target cell opens the unit's detail on the same page.
    await rows.first().getByTestId('scorecard-target').locator('a').click();
    await page.getByTestId('district-detail').waitFor({ state: 'visible' });
    await page.setViewportSize(PHONE);
    await screenshot(page, 'districts-390');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
