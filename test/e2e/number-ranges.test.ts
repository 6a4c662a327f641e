import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, sendJson, startTestHost } from '../support/local-host';

/**
 * Every number the API accepts has a floor that means something. "More than 0" let 1e-300
 * through, which DynamoDB cannot store (below 1e-130): a 500 on start-execution and on the
 * limits. Now each is a 400 naming the field, and nothing is written.
 */
describe('numbers too small to mean anything (real HTTP)', () => {
  let host: LocalHost;
  const send = (method: string, path: string, body: unknown) => sendJson(host, method, path, body);

  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000, cycleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it.each([
    ['daily_loss_limit', 1e-300],
    ['max_order_notional', 1e-130],
    ['min_adjust_fraction', 1e-300],
    ['duplicate_window_seconds', 7e-174],
    ['max_var_fraction', 1e-300],
  ])('refuses a risk limit %s of %s with 400 naming it, and keeps the limits', async (field, value) => {
    const response = await send('PUT', '/api/risk/limits', { account: { [field]: value } });
    expect(response.status, response.text).toBe(400);
    expect(errorOf(response).details?.map((detail) => detail.field)).toContain(`account.${field}`);
    expect((await call(`${host.url}/api/risk/limits`)).body).toMatchObject({ is_default: true, version: 0 });
  });

  it('still takes 0 where 0 means "off"', async () => {
    const response = await send('PUT', '/api/risk/limits', {
      account: { min_adjust_fraction: 0, duplicate_window_seconds: 0 },
    });
    expect(response.status, response.text).toBe(200);
    await send('PUT', '/api/risk/limits', { account: {} });
  });

  it.each([
    ['stop_loss', { stop_loss: 7.58e-174 }],
    ['take_profit', { take_profit: 1e-300 }],
  ])(
    'refuses an exit %s too small to mean anything with 400, and starts no session',
    async (field, exits) => {
      const strategy = await send('POST', '/api/strategies/create', {
        type: 'ma_crossover',
        name: `floor ${field}`,
        symbols: ['SPY'],
      });
      const response = await send('POST', '/api/strategies/start-execution', {
        strategies: [{ config_id: (strategy.body as { id: string }).id, exits }],
      });
      expect(response.status, response.text).toBe(400);
      expect(errorOf(response).details?.[0]?.field).toBe(`strategies.0.exits.${field}`);
      const status = (await call(`${host.url}/api/strategies/execution-status`)).body as { session: unknown };
      expect(status.session).toBeNull();
    },
  );

  it.each([
    ['price', { order_type: 'limit', price: 1e-300 }],
    ['price', { order_type: 'limit', price: 13577.996581038207 }],
    ['max_slippage_bps', { max_slippage_bps: 1e-300 }],
  ])('refuses an order whose %s is too small or too fine to mean anything with 400', async (field, extra) => {
    const response = await send('POST', '/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 1,
      ...extra,
    });
    expect(response.status, response.text).toBe(400);
    expect(errorOf(response).details?.[0]?.field).toBe(field);
  });

  it.each([
    ['capital', 1e-300],
    ['fraction', 1e-300],
  ])('refuses a backtest %s of %s with 400 and queues nothing', async (field, value) => {
    const response = await send('POST', '/api/strategies/backtest', {
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=500' },
      [field]: value,
    });
    expect(response.status, response.text).toBe(400);
    expect(errorOf(response).details?.[0]?.field).toBe(field);
  });
});
