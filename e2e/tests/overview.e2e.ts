// The 2021 overview: target T1 (products newly certified 3★+) against the seed, and the as-of picker.
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../src/browser';
import { targetActual } from '../src/api';
import { afterQuery, open, settled, textBecomes } from '../src/app';
import { productsFirstCertifiedIn } from '../src/seed';

let session: BrowserSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const T1 = '[data-testid="target-card-T1-CERTIFIED"] [data-testid="target-actual"]';

describe('overview of plan 2021', () => {
  it('shows T1-CERTIFIED as computed from the seed at the default as-of date (end of 2021)', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    const fromSeed = productsFirstCertifiedIn(2021, '2021-12-31').length;
    expect(fromSeed).toBe(12);
    expect(await targetActual(2021, 'T1-CERTIFIED', '2021-12-31')).toBe(fromSeed);

    await open(page, '/');
    await settled(page, T1);
    // 2021 is past, so the default as-of date is its last day.
    expect(await page.getByTestId('asof-input').inputValue()).toBe('2021-12-31');
    expect(await page.getByTestId('year-select').inputValue()).toBe('2021');
    expect(await page.locator(T1).innerText()).toBe(String(fromSeed));
    expect(
      await page.getByTestId('target-card-T1-CERTIFIED').getByTestId('target-goal').innerText(),
    ).toContain('20');
    // The card says what its figure lacks: round 2/2021 is published but not recorded.
    const coverage = page.getByTestId('target-card-T1-CERTIFIED').getByTestId('target-coverage');
    await coverage.filter({ hasText: 'đợt 2/2021 (11 sản phẩm đạt)' }).waitFor();
    expect(await coverage.innerText()).toContain('nên con số có thể còn thiếu tới 11 sản phẩm');
    expect(consoleErrors).toEqual([]);
  });

  it('asks its public queries by id over GET, answered cacheable with a strong ETag', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    const planAnswer = page.waitForResponse(
      (r) => new URL(r.url()).searchParams.get('operationName') === 'Plan',
    );
    await open(page, '/?year=2021');
    const res = await planAnswer;
    expect(res.request().method()).toBe('GET');
    expect(new URL(res.url()).searchParams.get('id')).toMatch(/^[0-9a-f]{64}$/);
    expect(res.status()).toBe(200);
    const headers = await res.allHeaders();
    expect(headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(headers.etag).toMatch(/^"\d+-[A-Za-z0-9_-]{22}(-br|-gz)?"$/);
    await settled(page, T1);
    expect(await page.locator(T1).innerText()).toBe('12');
    expect(consoleErrors).toEqual([]);
  });

  it('changing the as-of date to 2021-04-21 recomputes T1 and puts the date in the URL', async () => {
    session = await openBrowser();
    const { page, consoleErrors } = session;
    // Round 1/2021 carries only a year, but its certificates were handed over on 22/4/2021:
    // by mid-year all 12 count, the day before the hand-over none.
    expect(productsFirstCertifiedIn(2021, '2021-06-30').length).toBe(12);
    const fromSeed = productsFirstCertifiedIn(2021, '2021-04-21').length;
    expect(fromSeed).toBe(0);
    expect(await targetActual(2021, 'T1-CERTIFIED', '2021-04-21')).toBe(fromSeed);

    await open(page, '/?year=2021');
    await settled(page, T1);
    expect(await page.locator(T1).innerText()).toBe('12');

    await afterQuery(page, 'Plan', () => page.getByTestId('asof-input').fill('2021-04-21'));
    await page.waitForURL(/[?&]asOf=2021-04-21(&|$)/);
    await settled(page, T1);
    expect(await textBecomes(page.locator(T1), String(fromSeed))).toBe(String(fromSeed));
    expect(await page.getByTestId('asof-input').inputValue()).toBe('2021-04-21');
    expect(new URL(page.url()).searchParams.get('year')).toBe('2021');

    // The URL alone restores the view: a reload keeps the date and the figure.
    await page.reload();
    await settled(page, T1);
    expect(await page.getByTestId('asof-input').inputValue()).toBe('2021-04-21');
    expect(await page.locator(T1).innerText()).toBe(String(fromSeed));
    expect(consoleErrors).toEqual([]);
  });
});
