// Issue 12, programme view: /programme shows every year 2020–2025 (2024 without a plan of its own)
// with each year's targets against the API's figures, the 2021–2025 programme's goals, and the
// cumulative line of P1 against 170 with the published totals as marked points.
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserSession } from '../src/browser';
import { gql } from '../src/api';
import { open, settled, tableCells } from '../src/app';

let session: BrowserSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

interface PlanRow {
  year: number;
  code: string;
  programme: boolean;
  targets: { code: string; kind: string; progress: { actual: number | null } }[];
}

describe('programme view', () => {
  it('shows 2021–2025 year by year and the programme against its 2025 goal', async () => {
    const { plans } = await gql<{ plans: PlanRow[] }>(
      '{ plans { year code programme targets { code kind progress { actual } } } }',
    );
    const programme = plans.find((p) => p.programme)!;
    session = await openBrowser();
    const { page, consoleErrors } = session;
    await open(page, '/programme');
    await settled(page, '[data-testid="programme-years"]');
    await page.getByTestId('programme-chart-P1-PRODUCTS-BY-2025').waitFor({ state: 'visible' });

    for (const year of [2021, 2022, 2023, 2024, 2025])
      expect(await page.getByTestId(`year-${year}`).count(), `row group for ${year}`).toBe(1);
    expect(await page.getByTestId('year-2024').innerText()).toContain(
      'Không có kế hoạch năm riêng',
    );
    // Every yearly plan's targets are listed; counts show the API's actual as the number.
    for (const plan of plans.filter((p) => !p.programme && p.year >= 2021)) {
      for (const target of plan.targets) {
        const row = page.getByTestId(`year-target-${plan.year}-${target.code}`);
        expect(await row.count(), `${plan.year} ${target.code}`).toBe(1);
        if (target.kind.startsWith('COUNT_') && target.progress.actual != null)
          expect(await row.innerText()).toContain(String(target.progress.actual));
      }
    }
    // 2022: both published targets (50–70 and at least 35) are shown.
    expect(await page.getByTestId('year-2022').getByTestId('sources-disagree').count()).toBe(2);
    // The programme's goals, P1 = 170 with its actual from the API.
    const p1 = programme.targets.find((t) => t.code === 'P1-PRODUCTS-BY-2025')!;
    const goal = page.getByTestId('goal-P1-PRODUCTS-BY-2025');
    expect(await goal.innerText()).toContain('170');
    expect(await goal.innerText()).toContain(String(p1.progress.actual));
    // The cumulative chart's table: 20 quarters 2021–2025, the last one equal to P1's actual.
    const chart = page.getByTestId('programme-chart-P1-PRODUCTS-BY-2025');
    const cells = await tableCells(chart.getByTestId('chart-table'));
    expect(cells.slice(1).map((r) => r[0])).toEqual(
      [2021, 2022, 2023, 2024, 2025].flatMap((y) => [1, 2, 3, 4].map((q) => `Quý ${q}/${y}`)),
    );
    expect(Number(cells.at(-1)![1]!.replace(/\./g, '').replace(',', '.'))).toBe(p1.progress.actual);
    await screenshot(page, 'programme');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'programme-360');
    expect(consoleErrors).toEqual([]);
  });
});
