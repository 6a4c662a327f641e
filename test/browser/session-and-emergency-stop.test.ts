import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { launchChromium } from '../support/chromium';
import { call, startTestHost } from '../support/local-host';
import { finish, openUi, WAIT } from '../support/web-ui';

async function createConfig(host: LocalHost, name: string, symbols: string[]): Promise<string> {
  const created = await call(`${host.url}/api/strategies/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'rsi_mean_reversion', name, symbols }),
  });
  expect(created.status).toBe(201);
  return (created.body as { id: string }).id;
}

describe('web UI in Chromium: session control and the emergency stop', () => {
  let host: LocalHost;
  let browser: Browser;
  beforeAll(async () => {
    // Cycles are the engine's business, not this test's: the session is driven by the buttons alone.
    [host, browser] = await Promise.all([startTestHost({ cycleIntervalMs: 3_600_000 }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('starts a session with two strategies, pauses and resumes one of them, pauses the session and stops it', async () => {
    const first = await createConfig(host, 'Session RSI one', ['AAPL']);
    const second = await createConfig(host, 'Session RSI two', ['MSFT']);
    const { page, errors } = await openUi(browser, `${host.url}/#/strategies`);
    const panel = page.locator('form.start-form');
    await panel.locator(`[data-config="${first}"] input[name=run]`).check();
    await panel.locator(`[data-config="${second}"] input[name=run]`).check();
    await panel.getByLabel('Allocation for Session RSI one').fill('0.2');
    await panel.getByRole('button', { name: 'Start session' }).click();
    const sessionState = page.locator('[data-session-state]');
    await expect.poll(() => sessionState.getAttribute('data-session-state'), WAIT).toBe('running');

    const firstRow = page.locator(`section[aria-labelledby="session-title"] tr[data-config="${first}"]`);
    await expect.poll(() => firstRow.textContent(), WAIT).toContain('20.00%');
    await firstRow.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => firstRow.locator('[data-strategy-state]').textContent(), WAIT).toBe('paused');
    const status = async () =>
      (await call(`${host.url}/api/strategies/execution-status`)).body as {
        session: { state: string };
        strategies: { config_id: string; state: string }[];
      };
    expect((await status()).strategies.map((s) => [s.config_id, s.state])).toEqual(
      expect.arrayContaining([
        [first, 'paused'],
        [second, 'active'],
      ]),
    );
    await firstRow.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => firstRow.locator('[data-strategy-state]').textContent(), WAIT).toBe('active');

    await page.getByRole('button', { name: 'Pause session' }).click();
    await expect.poll(() => sessionState.getAttribute('data-session-state'), WAIT).toBe('paused');
    await page.getByRole('button', { name: 'Resume session' }).click();
    await expect.poll(() => sessionState.getAttribute('data-session-state'), WAIT).toBe('running');
    await page.screenshot({ path: 'test-output/browser/session-running.png', fullPage: true });

    await page.getByRole('button', { name: 'Stop session' }).click();
    await expect.poll(async () => (await status()).session.state, WAIT).toBe('stopped');
    // Stopped: the panel offers a new start again.
    await page.locator('form.start-form').waitFor();
    await finish(page, 'session-stopped', errors);
  });

  it('triggers the emergency stop with a reason, shows HALTED, and resets to ACTIVE', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/`);
    const state = page.locator('[data-trading-state]');
    await expect.poll(() => state.textContent(), WAIT).toBe('ACTIVE');
    await page.getByRole('button', { name: 'Emergency stop' }).click();
    const dialog = page.locator('dialog[open]');
    // The reason is required: an empty confirmation sends nothing.
    await dialog.getByRole('button', { name: 'Stop all trading' }).click();
    expect(await dialog.isVisible()).toBe(true);
    expect(((await call(`${host.url}/api/risk`)).body as { trading_state: string }).trading_state).toBe(
      'ACTIVE',
    );
    await dialog.getByLabel('Reason').fill('UI test: feed looks wrong');
    await dialog.getByRole('button', { name: 'Stop all trading' }).click();
    await expect.poll(() => state.textContent(), WAIT).toBe('HALTED');
    await page.screenshot({ path: 'test-output/browser/emergency-halted.png', fullPage: true });
    const halted = (await call(`${host.url}/api/risk`)).body as { trading_state: string; reason: string };
    expect(halted).toMatchObject({ trading_state: 'HALTED', reason: 'UI test: feed looks wrong' });

    await page.getByRole('button', { name: 'Reset' }).click();
    await page.locator('dialog[open]').getByLabel('Reason').fill('UI test: feed checked');
    await page.locator('dialog[open]').getByRole('button', { name: 'Reset to ACTIVE' }).click();
    await expect.poll(() => state.textContent(), WAIT).toBe('ACTIVE');
    expect(((await call(`${host.url}/api/risk`)).body as { trading_state: string }).trading_state).toBe(
      'ACTIVE',
    );
    await finish(page, 'emergency-reset', errors);
  });
});

describe('web UI in Chromium: a host that requires a token', () => {
  let host: LocalHost;
  let browser: Browser;
  const token = 'ui-test-token-0123456789abcdef';
  beforeAll(async () => {
    [host, browser] = await Promise.all([startTestHost({ apiToken: token }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('asks for the token, refuses a wrong one with the API’s message, and works with the right one', async () => {
    const { page, errors } = await openUi(browser, `${host.url}/#/`);
    const form = page.locator('form.sign-in');
    await form.waitFor();
    await form.getByLabel('API token').fill('not-the-token');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.form-status.error').textContent(), WAIT).toMatch(/token|auth/i);
    await page.locator('form.sign-in').getByLabel('API token').fill(token);
    await page.locator('form.sign-in').getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('[data-figure="Equity"] dd').textContent(), WAIT).toMatch(/\$/);
    // The token stays in this tab only, never in localStorage.
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await finish(page, 'token-sign-in', errors);
  });
});
