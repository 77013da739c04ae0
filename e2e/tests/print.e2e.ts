// The print stylesheet (issue 13, point 7) of the overview and the figures page: in print media
// the navigation, controls and buttons are gone, the data (target cards with their status, chart,
// table, permalink) stays, blocks do not break across pages, lists in a disclosure are printed
// open, and Chromium's print-to-PDF makes A4 pages. Print screenshots and the PDFs go to test-artifacts/e2e/print-*.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactsDir, openBrowser, screenshot, type BrowserSession } from '../src/browser';
import { open, settled } from '../src/app';

let session: BrowserSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

/** The CSS `display` of every element matching `selector` (empty when none matches). */
async function displays(page: BrowserSession['page'], selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => els.map((el) => getComputedStyle(el).display));
}

/** A4 is 595.28 × 841.89 pt; Chromium rounds the media box slightly differently. */
function a4Pages(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  for (const [, w, h] of boxes) {
    expect(Math.abs(Number(w) - 595.3)).toBeLessThan(2);
    expect(Math.abs(Number(h) - 841.9)).toBeLessThan(2);
  }
  return boxes.length;
}

const PAGES = [
  {
    name: 'overview',
    path: '/?year=2021&asOf=2021-12-31&lang=vi',
    ready: '[data-testid="target-card-T1-CERTIFIED"]',
    blocks: '[data-testid^="target-card-"]',
  },
  {
    name: 'figures',
    path: '/figures?asOf=2021-12-31&lang=vi',
    ready: '[data-testid="figures-table"]',
    blocks: '.chart-frame, [data-testid="figures-table"]',
  },
] as const;

describe('print stylesheet', () => {
  for (const target of PAGES) {
    it(`${target.name}: content only, blocks kept whole, A4 PDF`, async () => {
      session = await openBrowser();
      const { page, consoleErrors } = session;
      await open(page, target.path);
      await settled(page, target.ready);
      // On screen the navigation is there …
      expect(await displays(page, '.site-header')).not.toContain('none');
      await page.emulateMedia({ media: 'print' });
      // … in print it is not, nor the footer, buttons, form controls or the export box.
      for (const selector of [
        '.site-header',
        'nav',
        '.site-footer',
        // The status badge's help button prints as the status text.
        'button:not(.tooltip__trigger)',
        '.no-print',
        '.period-picker',
      ]) {
        const shown = await displays(page, selector);
        expect(
          shown.filter((d) => d !== 'none'),
          `${selector} hidden in print`,
        ).toEqual([]);
      }
      expect(await page.locator('h1').isVisible()).toBe(true);
      // One block per page region: no target card, chart or table split over two pages.
      const blocks = await page
        .locator(target.blocks)
        .evaluateAll((els) => els.map((el) => getComputedStyle(el).breakInside));
      expect(blocks.length).toBeGreaterThan(0);
      expect(
        blocks.every((b) => b === 'avoid'),
        `break-inside: ${blocks.join(', ')}`,
      ).toBe(true);
      if (target.name === 'overview') {
        // Every target prints its status, and the per-unit list behind a disclosure prints open.
        const statuses = page.getByTestId('target-status');
        expect(await statuses.count()).toBe(8);
        for (const status of await statuses.all()) expect(await status.isVisible()).toBe(true);
        expect(await page.locator('details li').first().isVisible()).toBe(true);
      } else {
        // The figure's table prints once (the chart's copy of it stays on screen), with the permalink.
        expect(await page.getByTestId('figures-table').isVisible()).toBe(true);
        expect(await page.locator('[data-testid="chart-table"]').isVisible()).toBe(false);
        expect(await page.getByTestId('permalink').isVisible()).toBe(true);
      }
      await screenshot(page, `print-${target.name}`);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      writeFileSync(join(artifactsDir, `print-${target.name}.pdf`), pdf);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(a4Pages(pdf)).toBeGreaterThan(0);
      expect(consoleErrors).toEqual([]);
    });
  }
});
