// Opens Debian's Chromium through playwright-core (a persistent context with its own temp
// profile: playwright refuses --user-data-dir in args) and records console errors.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const artifactsDir = resolve(import.meta.dirname, '../../test-artifacts/e2e');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(
  options: { acceptDownloads?: boolean } = {},
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'ocop-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? true,
    locale: 'vi-VN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  const watch = (p: Page) => {
    p.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // "Failed to load resource" names no URL in its text: add where it came from.
      const where = msg.location().url;
      consoleErrors.push(
        where && msg.text().startsWith('Failed to load') ? `${msg.text()} (${where})` : msg.text(),
      );
    });
    p.on('pageerror', (err) => consoleErrors.push(err.message));
  };
  watch(page);
  context.on('page', watch);
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}
