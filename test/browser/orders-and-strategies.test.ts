import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { inkedPixels, launchChromium } from '../support/chromium';
import { call, startTestHost } from '../support/local-host';
import { finish, openUi, SCREENSHOTS, WAIT } from '../support/web-ui';
import { join } from 'node:path';

const NEVER_MS = 2_147_483_647;

describe('web UI in Chromium: orders, the strategy wizard, backtests, market conditions', () => {
  let host: LocalHost;
  let browser: Browser;
  beforeAll(async () => {
    // Scheduled jobs run only when a test asks (the pre-market report must not appear on its own).
    [host, browser] = await Promise.all([
      startTestHost({ scheduleIntervalMs: NEVER_MS, cycleIntervalMs: NEVER_MS }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('places an order and sees it fill in the blotter, then opens it with its fills and metrics', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/orders`);
    const form = page.locator('form.order-form');
    // A mistake first: the API's message appears under the field it names.
    await form.getByLabel('Symbol').fill('AAPL');
    await form.getByLabel('Quantity', { exact: true }).fill('0');
    await form.getByRole('button', { name: 'Place order' }).click();
    await expect
      .poll(() => form.locator('[data-field="quantity"] .error').textContent(), WAIT)
      .toBe('must be more than 0');
    await expect
      .poll(() => form.getByLabel('Quantity', { exact: true }).getAttribute('aria-invalid'), WAIT)
      .toBe('true');

    await form.getByLabel('Quantity', { exact: true }).fill('25');
    await form.getByLabel('Execution').selectOption('immediate');
    await form.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/#\/orders\/o-/);
    const id = decodeURIComponent(page.url().split('#/orders/')[1]!);
    const blotterRow = page.locator(`tr[data-order-id="${id}"]`);
    await expect.poll(() => blotterRow.locator('.status').textContent(), WAIT).toBe('filled');
    await expect.poll(() => blotterRow.textContent(), WAIT).toContain('AAPL');
    await expect.poll(() => page.locator('.order-detail').textContent(), WAIT).toContain(`Order ${id}`);
    await expect.poll(() => page.locator('.order-detail').textContent(), WAIT).toContain('Commission');
    // Where its cost went, and what each way of working it was expected to cost.
    await expect
      .poll(() => page.locator('.order-detail').textContent(), WAIT)
      .toMatch(/Shortfall.*spread .* bps, impact/);
    await expect
      .poll(() => page.locator('.order-detail').textContent(), WAIT)
      .toMatch(/Expected.* as immediate \(twap /);
    await expect.poll(() => page.locator('.execution-quality').textContent(), WAIT).toContain('immediate');
    // The blotter updated without a reload: the same document is still loaded.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    const order = (await call(`${host.url}/api/orders/${id}`)).body as {
      status: string;
      filled_quantity: number;
    };
    expect(order).toMatchObject({ status: 'filled', filled_quantity: 25 });
    await finish(page, 'orders-filled', errors);
  });

  it('shows the book on the dashboard: the correlation of the holdings and who carries the VaR', async () => {
    for (const symbol of ['MSFT', 'XOM']) {
      const placed = await call(`${host.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol, side: 'buy', quantity: 10, execution: 'immediate' }),
      });
      expect(placed.status).toBe(201);
    }
    await host.settle();
    const { page, errors } = await openUi(browser, `${host.url}/#/`);
    const book = page.locator('section[aria-labelledby="book-title"]');
    const matrix = book.locator('[aria-label="Correlation of daily returns"]');
    await expect
      .poll(() => matrix.locator('th').allTextContents(), WAIT)
      .toEqual(expect.arrayContaining(['MSFT', 'XOM']));
    // The diagonal is 1.00; the component table names every holding.
    await expect.poll(() => matrix.textContent(), WAIT).toContain('1.00');
    await expect
      .poll(() => book.textContent(), WAIT)
      .toMatch(/Parametric VaR 95 %: \$[\d,]+\.\d\d; diversification ratio \d\.\d\d/);
    await expect.poll(() => book.textContent(), WAIT).toContain('no strategy');
    await expect
      .poll(() => book.locator('.hedge').textContent(), WAIT)
      .toMatch(
        // The simulated symbols move independently: the beta is small and its sign is the path's.
        /^Beta to SPY: -?\$[\d,.]+ per 100 % move\.( To neutralise it: (buy|sell) \d+ SPY — a suggestion; nothing is sent\.)?$/,
      );
    // The strategies side by side: here only orders placed by hand, and the whole account.
    const compared = page.locator(
      'section[aria-labelledby="compared-title"] [aria-label="Strategies compared"]',
    );
    await expect
      .poll(() => compared.locator('tbody th, tbody td:first-child').allTextContents(), WAIT)
      .toEqual(['manual', 'whole account']);
    // Over a chosen window: twenty sessions span fewer days than sixty.
    const span = page.locator('section[aria-labelledby="compared-title"] p.muted').first();
    await expect.poll(() => span.textContent(), WAIT).toMatch(/^\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/);
    const sixty = (await span.textContent())!.slice(0, 10);
    await page.getByLabel('Sessions compared').selectOption('20');
    await expect.poll(async () => (await span.textContent())!.slice(0, 10) > sixty, WAIT).toBe(true);
    await finish(page, 'dashboard-book', errors);
  });

  it('places a spread from the order form, shows its legs and each leg’s fill, and the option positions with their greeks', async () => {
    const chain = (await call(`${host.url}/api/options/chain?underlying=SPY`)).body as {
      spot: number;
      calls: { symbol: string; strike: number }[];
    };
    const atm = chain.calls.reduce((best, quote) =>
      Math.abs(quote.strike - chain.spot) < Math.abs(best.strike - chain.spot) ? quote : best,
    );
    const higher = chain.calls[chain.calls.indexOf(atm) + 2]!;
    const { page, errors } = await openUi(browser, `${host.url}/#/orders`);
    const form = page.locator('form.order-form');
    await form.getByLabel('Order class').selectOption('spread');
    await expect.poll(() => form.getByLabel('Symbol').isVisible(), WAIT).toBe(false);
    await form.getByLabel('Leg 1 contract').fill(atm.symbol);
    await form.getByLabel('Leg 1 side').selectOption('buy');
    await form.getByLabel('Leg 2 contract').fill(higher.symbol);
    await form.getByLabel('Leg 2 side').selectOption('sell');
    await form.getByLabel('Quantity', { exact: true }).fill('2');
    await form.getByLabel('Execution').selectOption('immediate');
    await form.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/#\/orders\/o-/);
    const id = decodeURIComponent(page.url().split('#/orders/')[1]!);
    const blotterRow = page.locator(`tr[data-order-id="${id}"]`);
    await expect.poll(() => blotterRow.locator('.status').textContent(), WAIT).toBe('filled');
    await expect.poll(() => blotterRow.textContent(), WAIT).toContain('SPY spread (2 legs)');
    const detail = page.locator('.order-detail');
    await expect
      .poll(() => detail.locator(`tr[data-leg="${atm.symbol}"]`).textContent(), WAIT)
      .toMatch(/buy.*buy to open.*2/);
    await expect
      .poll(() => detail.locator(`tr[data-leg="${higher.symbol}"]`).textContent(), WAIT)
      .toMatch(/sell.*sell to open.*2/);
    await expect.poll(() => detail.textContent(), WAIT).toContain(`buy 2 ${atm.symbol} @ $`);
    await finish(page, 'orders-spread', errors);

    const dashboard = await openUi(browser, `${host.url}/#/`);
    const positions = dashboard.page.locator('section[aria-labelledby="positions-title"]');
    await expect
      .poll(() => positions.locator(`tr[data-symbol="${atm.symbol}"] .greeks`).textContent(), WAIT)
      .toMatch(/^Δ \d+\.\d · Γ \d+\.\d\d · vega \+\$[\d,.]+\/pt · θ -\$[\d,.]+\/day$/);
    await expect
      .poll(() => positions.locator(`tr[data-symbol="${higher.symbol}"]`).textContent(), WAIT)
      .toContain('-2');
    await expect.poll(() => positions.locator('tr[data-underlying="SPY"]').count(), WAIT).toBe(1);
    await finish(dashboard.page, 'dashboard-options', dashboard.errors);
  });

  it('places a stop-loss and a bracket from the order form, and the blotter shows their triggers and links', async () => {
    const quotes = (await call(`${host.url}/api/market/quotes?symbols=AAPL`)).body as {
      quotes: { last: number }[];
    };
    const last = quotes.quotes[0]!.last;
    const stop = (Math.round(last * 95) / 100).toFixed(2);
    const target = (Math.round(last * 105) / 100).toFixed(2);
    const { page, errors } = await openUi(browser, `${host.url}/#/orders`);
    const form = page.locator('form.order-form');
    await form.getByLabel('Symbol').fill('AAPL');
    await form.getByLabel('Side', { exact: true }).selectOption('sell');
    await form.getByLabel('Quantity', { exact: true }).fill('5');
    await form.getByLabel('Type', { exact: true }).selectOption('stop');
    await form.getByLabel('Time in force').selectOption('gtc');
    await form.getByLabel('Stop price').fill(stop);
    await form.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/#\/orders\/o-/);
    const stopId = decodeURIComponent(page.url().split('#/orders/')[1]!);
    const stopRow = page.locator(`tr[data-order-id="${stopId}"]`);
    await expect.poll(() => stopRow.locator('.status').textContent(), WAIT).toBe('accepted');
    await expect.poll(() => stopRow.textContent(), WAIT).toContain(`stop · stop $${Number(stop).toFixed(2)}`);

    // The page drew a fresh form when it opened the order.
    await form.getByLabel('Order class').selectOption('bracket');
    await form.getByLabel('Symbol').fill('AAPL');
    await form.getByLabel('Quantity', { exact: true }).fill('5');
    await form.getByLabel('Side', { exact: true }).selectOption('buy');
    await form.getByLabel('Type', { exact: true }).selectOption('market');
    await form.getByLabel('Time in force').selectOption('day');
    await form.getByLabel('Take-profit limit').fill(target);
    await form.getByLabel('Stop-loss stop').fill(stop);
    await form.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL((url) => !url.hash.endsWith(stopId));
    const entryId = decodeURIComponent(page.url().split('#/orders/')[1]!);
    const entryRow = page.locator(`tr[data-order-id="${entryId}"]`);
    await expect.poll(() => entryRow.locator('.status').textContent(), WAIT).toBe('filled');
    await expect.poll(() => entryRow.textContent(), WAIT).toMatch(/bracket → exits o-/);
    await expect
      .poll(() => page.locator('tr[data-order-id]', { hasText: '↳ exits of' }).count(), WAIT)
      .toBe(1);
    await expect
      .poll(() => page.locator('tr[data-order-id]', { hasText: '↳ exits of' }).textContent(), WAIT)
      .toMatch(/oco tp \$[\d,.]+ \/ sl \$[\d,.]+/);
    await finish(page, 'orders-stops', errors);
  });

  it('creates a strategy through the wizard: an invalid parameter is refused with its reason, a valid one saves', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/strategies/new`);
    await page.locator('button[data-type="ma_crossover"]').click();
    const form = page.locator('form.wizard');
    // The form is generated from the type's schema: defaults and bounds are there.
    await expect.poll(() => form.getByLabel('Fast period').inputValue(), WAIT).toBe('10');
    await expect
      .poll(() => form.locator('[data-field="fast_period"] .hint').textContent(), WAIT)
      .toContain('2–200');
    await form.getByLabel('Name').fill('UI crossover');
    await form.getByLabel('Symbols').fill('aapl, msft');

    // Out of the schema's bounds: caught before anything is sent.
    await form.getByLabel('Fast period').fill('1');
    await form.getByRole('button', { name: 'Review' }).click();
    await expect
      .poll(() => form.locator('[data-field="fast_period"] .error').textContent(), WAIT)
      .toBe('must be at least 2');

    // Within bounds but inconsistent (slow ≤ fast): the API refuses and names the field.
    await form.getByLabel('Fast period').fill('40');
    await form.getByLabel('Slow period').fill('20');
    await form.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create strategy' }).click();
    await expect
      .poll(() => page.locator('[data-field="slow_period"] .error').textContent(), WAIT)
      .toBe('must be more than fast_period');
    await expect
      .poll(() => page.locator('.form-status.error').textContent(), WAIT)
      .toContain('parameters.slow_period must be more than fast_period');
    const before = (await call(`${host.url}/api/strategies`)).body as { configurations: unknown[] };

    await page.getByLabel('Slow period').fill('60');
    await page.getByRole('button', { name: 'Review' }).click();
    await expect.poll(() => page.locator('dl.review').textContent(), WAIT).toContain('AAPL, MSFT');
    await page.getByRole('button', { name: 'Create strategy' }).click();
    await page.waitForURL(/#\/strategies\/[a-z0-9-]+$/);
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('UI crossover');
    await expect.poll(() => page.locator('table').textContent(), WAIT).toContain('v1');
    const after = (await call(`${host.url}/api/strategies`)).body as {
      configurations: { name: string; parameters: Record<string, unknown>; symbols: string[] }[];
    };
    expect(after.configurations.length).toBe(before.configurations.length + 1);
    expect(after.configurations.find((config) => config.name === 'UI crossover')).toMatchObject({
      parameters: { fast_period: 40, slow_period: 60, average: 'sma' },
      symbols: ['AAPL', 'MSFT'],
    });
    // A second version, then every version backtested side by side from the strategy's page.
    const id = decodeURIComponent(page.url().split('#/strategies/')[1]!);
    const changed = await call(`${host.url}/api/strategies/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ parameters: { fast_period: 10, slow_period: 30 }, note: 'faster' }),
    });
    expect(changed.status, changed.text).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: /Compare the versions/ }).click();
    const compared = page.locator('[aria-label="Versions compared"]');
    await expect.poll(() => compared.locator('tbody tr').count(), WAIT).toBe(2);
    await expect
      .poll(
        () =>
          compared.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version'))),
        WAIT,
      )
      .toEqual(['1', '2']);
    await expect.poll(() => compared.textContent(), WAIT).toMatch(/v1.*\$[\d,]+\.\d\d.*v2/s);
    await finish(page, 'strategy-wizard', errors);
  });

  it('runs a backtest and draws the equity and drawdown charts, the metrics and the trades', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/backtests`);
    const form = page.locator('form.backtest-form');
    await form.getByLabel('Data', { exact: true }).selectOption('synthetic');
    await form.getByLabel('Generator').fill('gbm:bars=6000,interval=1,vol=0.3,seed=7');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await expect.poll(() => page.locator('.results h2').textContent(), WAIT).toContain('Results · bt-');
    await page.locator('#equity-chart canvas').first().waitFor();
    await expect.poll(() => page.locator('.metrics > div').count(), WAIT).toBe(15);
    expect(await page.locator('.results table tbody tr').count()).toBeGreaterThan(5);
    expect(await inkedPixels(page, page.locator('#equity-chart'), [37, 99, 235])).toBeGreaterThan(300);
    expect(await inkedPixels(page, page.locator('#drawdown-chart'), [220, 38, 38])).toBeGreaterThan(300);
    // The run joins the comparison table.
    await page.locator('#compare-title').waitFor();
    await finish(page, 'backtest-charts', errors);
  });

  it('sweeps two parameters into a heatmap, then walks the sweep forward', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/backtests`);
    const form = page.locator('form.backtest-form');
    await form.getByLabel('Data', { exact: true }).selectOption('synthetic');
    await form.getByLabel('Generator').fill('gbm:bars=1500,vol=0.3,seed=5');
    await form.getByLabel('Run', { exact: true }).selectOption('sweep');
    await form.getByLabel('Parameter 1').selectOption('fast_period');
    await form.locator('[name=sweep_from_1]').fill('5');
    await form.locator('[name=sweep_to_1]').fill('20');
    await form.locator('[name=sweep_step_1]').fill('5');
    await form.getByLabel('Parameter 2').selectOption('slow_period');
    await form.locator('[name=sweep_from_2]').fill('30');
    await form.locator('[name=sweep_to_2]').fill('90');
    await form.locator('[name=sweep_step_2]').fill('30');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    const heatmap = page.getByRole('figure', { name: 'sharpe over fast_period and slow_period' });
    await heatmap.waitFor(WAIT);
    // 4 fast × 3 slow periods: twelve shaded cells, every one a number.
    expect(await heatmap.locator('td.heat').count()).toBe(12);
    expect(await heatmap.locator('td.heat.empty').count()).toBe(0);
    expect(await heatmap.locator('thead th').allTextContents()).toEqual([
      'slow_period \\ fast_period',
      '5',
      '10',
      '15',
      '20',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'backtest-heatmap.png'), fullPage: true });

    await form.getByLabel('Run', { exact: true }).selectOption('walk_forward');
    await form.getByLabel('In-sample bars').fill('500');
    await form.getByLabel('Out-of-sample bars').fill('250');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await expect.poll(() => page.locator('.results h2').textContent(), WAIT).toContain('Walk-forward · bt-');
    await page.locator('#walk-forward-chart canvas').first().waitFor();
    // 1,500 bars: four out-of-sample windows of 250 after the first 500.
    expect(await page.locator('.results table tbody tr').count()).toBe(4);
    expect(await inkedPixels(page, page.locator('#walk-forward-chart'), [37, 99, 235])).toBeGreaterThan(300);
    await finish(page, 'backtest-walk-forward', errors);
  });

  it('opens the monthly performance report from the dashboard, ready to print', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/`);
    const opened = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Monthly report' }).click();
    const report = await opened;
    await report.waitForLoadState();
    await expect
      .poll(() => report.locator('h1').textContent(), WAIT)
      .toMatch(/^Stratus performance report — month \d{4}-\d{2}$/);
    expect(await report.locator('.metric').count()).toBe(15);
    await report.close();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'opened in a new tab' }).count(), WAIT)
      .toBe(1);
    // The notification thresholds: shown, changed, saved through the API.
    const thresholds = page.locator('form.notification-settings');
    await expect.poll(() => thresholds.getByLabel('Large fill from ($)').inputValue(), WAIT).toBe('50000');
    await thresholds.getByLabel('Large fill from ($)').fill('20000');
    await thresholds.getByLabel('Rejections to announce').fill('3');
    await thresholds.getByRole('button', { name: 'Save thresholds' }).click();
    await expect.poll(() => thresholds.getByRole('status').textContent(), WAIT).toMatch(/^Saved\./);
    expect((await call(`${host.url}/api/notifications/settings`)).body).toMatchObject({
      large_fill_notional: 20_000,
      rejection_alert_count: 3,
    });
    await finish(page, 'dashboard-reports', errors);
  });

  it('shows the pre-market report once the job has run', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/market`);
    await expect.poll(() => page.locator('main').textContent(), WAIT).toContain('No report for today yet');
    // Live quotes for the watchlist, whether or not the report has run.
    await expect
      .poll(() => page.locator('tr[data-quote="SPY"]').textContent(), WAIT)
      .toMatch(/SPY\$[\d,.]+\$/);
    await host.runScheduled('preMarket');
    await page.reload();
    await expect
      .poll(() => page.locator('section[aria-labelledby="report-title"] table').textContent(), WAIT)
      .toContain('SPY');
    await expect.poll(() => page.locator('main').textContent(), WAIT).toContain('Recommended for today');
    await finish(page, 'market-conditions', errors);
  });

  it('fits a phone screen and can be driven from the keyboard', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/`, { width: 390, height: 844 });
    await expect.poll(() => page.locator('[data-figure="Equity"] dd').textContent(), WAIT).toMatch(/\$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no sideways scrolling on a phone').toBeLessThanOrEqual(0);
    // Skip link, then the navigation, by keyboard alone.
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.locator('.skip').evaluate((element) => element === document.activeElement), WAIT)
      .toBe(true);
    await page.keyboard.press('Tab'); // the brand
    await page.keyboard.press('Tab'); // Dashboard
    await page.keyboard.press('Tab'); // Orders
    await expect
      .poll(
        () =>
          page
            .locator('nav a', { hasText: 'Orders' })
            .evaluate((element) => element === document.activeElement),
        WAIT,
      )
      .toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/orders$/);
    await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('Orders');
    await finish(page, 'phone-dashboard', errors);
  });
});
