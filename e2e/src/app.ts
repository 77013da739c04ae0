// Small helpers for driving the dashboard: open a route, wait until its data has arrived, read tables.
import type { Locator, Page, Response } from 'playwright-core';
import { baseUrl } from './api';

/** Opens `path` on the shared server, or on `base` (a test file's own server). */
export async function open(page: Page, path: string, base: string = baseUrl()): Promise<void> {
  const res = await page.goto(`${base}${path}`, { waitUntil: 'load' });
  if (!res || !res.ok()) throw new Error(`GET ${path} → ${res?.status() ?? 'no response'}`);
}

/**
 * Waits for `selector` (something only the loaded page renders), then until no query is loading:
 * no loading indicator and no stale (`aria-busy`) region left.
 */
export async function settled(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'visible' });
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="state-loading"], [aria-busy="true"]'),
  );
  const error = page.getByTestId('state-error');
  if (await error.count())
    throw new Error(`page shows an error state: ${await error.first().innerText()}`);
}

/**
 * What a /graphql request names: a POST's body, or for a GET by id (the built dashboard's anonymous
 * queries, apps/web/src/graphql/client.ts) `query <operationName>`; '' for other URLs.
 */
function graphqlText(r: Response): string {
  const url = new URL(r.url());
  if (url.pathname !== '/graphql') return '';
  const name = url.searchParams.get('operationName');
  if (r.request().method() === 'GET') return name ? `query ${name}` : '';
  return r.request().postData() ?? '';
}

/** Runs `action` and waits for the GraphQL response whose request contains `operation` (e.g. `mutation RecordEvaluation`). */
export async function afterOperation(
  page: Page,
  operation: string,
  action: () => Promise<unknown>,
): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => graphqlText(r).includes(operation)),
    action(),
  ]);
  return response;
}

/** Runs `action` and waits for the GraphQL response of the named query it triggers. */
export async function afterQuery(
  page: Page,
  operation: string,
  action: () => Promise<unknown>,
): Promise<Response> {
  return afterOperation(page, `query ${operation}`, action);
}

/** The `data` of a GraphQL response the page received; throws when it carries errors. */
export async function responseData<T>(response: Response): Promise<T> {
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL ${response.status()}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** Waits until the element's trimmed text equals `expected`; returns the text it has (also when waiting fails). */
export async function textBecomes(locator: Locator, expected: string): Promise<string> {
  const handle = await locator.elementHandle();
  if (handle) {
    await locator
      .page()
      .waitForFunction(
        ([el, want]) => (el as Element).textContent?.trim() === want,
        [handle, expected] as const,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
  }
  return ((await locator.textContent()) ?? '').trim();
}

/** Every row of a table (thead, tbody, tfoot) as trimmed cell texts. */
export async function tableCells(table: Locator): Promise<string[][]> {
  return table.evaluate((t) =>
    [...(t as HTMLTableElement).rows].map((r) =>
      [...r.cells].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
    ),
  );
}

/** "1.234" (vi) or "1,234" (en) → 1234; null when the text is not a plain formatted integer. */
export function formattedInt(text: string): number | null {
  const plain = text.replace(/[.,\s\u00a0\u202f]/g, '');
  return /^\d+$/.test(plain) ? Number(plain) : null;
}

/** How many CSS pixels the document is wider than the viewport (0 when nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth),
  );
}
