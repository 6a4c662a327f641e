import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { launchChromium } from '../support/chromium';
import { sendJson, startTestHost } from '../support/local-host';
import { finish, openUi, WAIT } from '../support/web-ui';

const NEVER_MS = 2_147_483_647;

/**
 * What a reader sees is all there, measured from the DOM: at a laptop's 1400 px every table fits
 * its card (no column cut off behind a scroll edge), and at a phone's 390 px every navigation
 * link is on screen (the bar wraps rather than hiding links behind a sideways scroll).
 */
describe('web UI layout in Chromium (clipping measured from the DOM)', () => {
  let host: LocalHost;
  let browser: Browser;
  beforeAll(async () => {
    [host, browser] = await Promise.all([
      startTestHost({ scheduleIntervalMs: NEVER_MS, cycleIntervalMs: NEVER_MS, waitOverrideMs: 0 }),
      launchChromium(),
    ]);
    // Something in every table: filled orders of each way of working, a backtest with trades.
    for (const [quantity, execution] of [
      [12, 'immediate'],
      [13, 'twap'],
      [14, 'iceberg'],
    ] as const) {
      const placed = await sendJson(host, 'POST', '/api/orders', {
        symbol: 'AAPL',
        side: 'buy',
        quantity,
        execution,
      });
      expect(placed.status, placed.text).toBe(201);
    }
    await host.settle();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** Tables whose content is wider than the card shows: the header cells beyond its right edge. */
  const clippedColumns = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('.table-wrap')].flatMap((wrap) => {
        const edge = wrap.getBoundingClientRect().right + 1;
        return [...wrap.querySelectorAll('th')]
          .filter((th) => th.getBoundingClientRect().right > edge)
          .map((th) => th.textContent ?? '');
      }),
    );

  it('fits every column of the Orders and Backtests tables at 1400 px', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/orders`, { width: 1400, height: 900 });
    await expect.poll(() => page.locator('.table-wrap th').count(), WAIT).toBeGreaterThan(8);
    await expect.poll(() => page.locator('tr[data-order-id]').count(), WAIT).toBe(3);
    expect(await clippedColumns(page)).toEqual([]);
    await finish(page, 'layout-orders-1400', errors);

    const backtests = await openUi(browser, `${host.url}/#/backtests`, { width: 1400, height: 900 });
    await backtests.page.getByRole('button', { name: 'Run backtest' }).click();
    await expect
      .poll(() => backtests.page.locator('.results .table-wrap th').count(), WAIT)
      .toBeGreaterThan(5);
    expect(await clippedColumns(backtests.page)).toEqual([]);
    await finish(backtests.page, 'layout-backtests-1400', backtests.errors);
  });

  it('shows every navigation link at 390 px', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/orders`, { width: 390, height: 844 });
    const links = page.locator('nav a');
    await expect.poll(() => links.count(), WAIT).toBeGreaterThanOrEqual(5);
    const hidden = await page.evaluate(() => {
      const nav = document.querySelector('nav')!;
      const box = nav.getBoundingClientRect();
      return [...nav.querySelectorAll('a')]
        .filter((link) => {
          const rect = link.getBoundingClientRect();
          return rect.left < box.left - 1 || rect.right > box.right + 1 || rect.right > window.innerWidth;
        })
        .map((link) => link.textContent);
    });
    expect(hidden).toEqual([]);
    await finish(page, 'layout-nav-390', errors);
  });
});
