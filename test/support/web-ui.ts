import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { watchErrors } from './chromium';

/** How long a UI expectation may take to come true (polled, not slept). */
export const WAIT = { timeout: 15_000, interval: 50 };

export const SCREENSHOTS = join(process.cwd(), 'test-output', 'browser');

/** A fresh browser context (its own storage) on the UI, with its errors watched. */
export async function openUi(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page; errors: ReturnType<typeof watchErrors> }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  return { context, page, errors };
}

/** Saves the page under test-output/browser/ and checks it logged no error of its own. */
export async function finish(
  page: Page,
  name: string,
  errors: ReturnType<typeof watchErrors>,
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(errors.errors, 'console errors and uncaught exceptions').toEqual([]);
  await page.context().close();
}
