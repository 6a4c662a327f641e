import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, startTestHost } from '../support/local-host';
import { bearer, TOKEN_SPEC, TOKENS } from '../support/role-tokens';

const NEVER_MS = 2_147_483_647;

/** Two accounts on one host: nothing of one is visible to, or changeable by, the other. */
describe('multi-account isolation', () => {
  let host: LocalHost;
  const as = (token: string, method: string, path: string, body?: unknown) =>
    call(`${host.url}${path}`, {
      method,
      headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  let orderA = '';
  let restingA = '';
  let configA = '';

  beforeAll(async () => {
    host = await startTestHost({
      apiTokens: TOKEN_SPEC,
      scheduleIntervalMs: NEVER_MS,
      cycleIntervalMs: NEVER_MS,
    });
    const filled = await as(TOKENS.traderA, 'POST', '/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 5,
      execution: 'immediate',
    });
    expect(filled.status).toBe(201);
    orderA = (filled.body as { id: string }).id;
    const resting = await as(TOKENS.traderA, 'POST', '/api/orders', {
      symbol: 'MSFT',
      side: 'buy',
      quantity: 3,
      order_type: 'limit',
      price: 100,
      execution: 'immediate',
      time_in_force: 'gtc',
    });
    expect(resting.status).toBe(201);
    restingA = (resting.body as { id: string }).id;
    const config = await as(TOKENS.traderA, 'POST', '/api/strategies/create', {
      type: 'ma_crossover',
      name: 'A only',
      symbols: ['AAPL'],
    });
    configA = (config.body as { id: string }).id;
    await host.settle();
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('answers 404 — not 403 — to another account’s order, so ids reveal nothing', async () => {
    for (const path of [`/api/orders/${orderA}`, `/api/orders/${restingA}`]) {
      const response = await as(TOKENS.traderB, 'GET', path);
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe('NOT_FOUND');
    }
    expect((await as(TOKENS.viewerA, 'GET', `/api/orders/${orderA}`)).status).toBe(200);
  });

  it('will not cancel another account’s order, and the order keeps working', async () => {
    expect((await as(TOKENS.traderB, 'DELETE', `/api/orders/${restingA}`)).status).toBe(404);
    const still = (await as(TOKENS.viewerA, 'GET', `/api/orders/${restingA}`)).body as { status: string };
    expect(['new', 'accepted', 'partially_filled']).toContain(still.status);
  });

  it('lists only the caller’s own orders, positions, ledger, alerts, audit and strategies', async () => {
    const orders = (await as(TOKENS.traderB, 'GET', '/api/orders')).body as { orders: unknown[] };
    expect(orders.orders).toEqual([]);
    const portfolio = (await as(TOKENS.traderB, 'GET', '/api/portfolio')).body as {
      account_id: string;
      positions: unknown[];
    };
    expect(portfolio).toMatchObject({ account_id: 'acct-b', positions: [] });
    const ledger = (await as(TOKENS.traderB, 'GET', '/api/portfolio/ledger')).body as {
      entries: { reference?: string }[];
    };
    expect(JSON.stringify(ledger)).not.toContain(orderA);
    const mine = (await as(TOKENS.viewerA, 'GET', '/api/portfolio')).body as {
      positions: { symbol: string }[];
    };
    expect(mine.positions.map((p) => p.symbol)).toEqual(['AAPL']);
    const strategies = (await as(TOKENS.traderB, 'GET', '/api/strategies')).body as {
      configurations: { id: string }[];
    };
    expect(strategies.configurations.map((c) => c.id)).not.toContain(configA);
    expect((await as(TOKENS.traderB, 'GET', `/api/strategies/${configA}`)).status).toBe(404);
    const signals = (await as(TOKENS.traderB, 'GET', '/api/signals')).body as {
      signals: { config_id: string }[];
    };
    expect(signals.signals.map((signal) => signal.config_id)).not.toContain(configA);
  });

  it('will not let another account change, run or read a configuration or a backtest', async () => {
    const edit = await as(TOKENS.traderB, 'PUT', `/api/strategies/${configA}`, {
      name: 'hijacked',
      note: 'x',
    });
    expect(edit.status).toBe(404);
    expect(
      ((await as(TOKENS.viewerA, 'GET', `/api/strategies/${configA}`)).body as { name: string }).name,
    ).toBe('A only');
    const start = await as(TOKENS.traderB, 'POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: configA }],
    });
    expect(start.status).toBe(400);
    expect(errorOf(start).details).toEqual([expect.objectContaining({ field: 'strategies.0.config_id' })]);
    const backtest = await as(TOKENS.traderA, 'POST', '/api/strategies/backtest', {
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=500,interval=1,seed=3' },
    });
    const id = (backtest.body as { id: string }).id;
    expect((await as(TOKENS.traderB, 'GET', `/api/strategies/backtest/${id}`)).status).toBe(404);
    expect((await as(TOKENS.viewerA, 'GET', `/api/strategies/backtest/${id}`)).status).toBe(200);
  });

  it('audits configuration changes and session controls per account: who, what, when, before and after', async () => {
    await as(TOKENS.traderA, 'PUT', `/api/strategies/${configA}`, {
      parameters: { fast_period: 12 },
      note: 'faster',
    });
    const started = await as(TOKENS.traderA, 'POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: configA }],
    });
    expect(started.status).toBe(201);
    expect((await as(TOKENS.traderA, 'POST', '/api/strategies/pause', { config_id: configA })).status).toBe(
      200,
    );
    expect((await as(TOKENS.traderA, 'POST', '/api/strategies/pause', {})).status).toBe(200);
    expect((await as(TOKENS.traderA, 'POST', '/api/strategies/resume', {})).status).toBe(200);
    expect(
      (await as(TOKENS.traderA, 'POST', '/api/strategies/stop-execution', { close_positions: false })).status,
    ).toBe(200);
    const audit = (await as(TOKENS.adminA, 'GET', '/api/audit')).body as {
      records: {
        action: string;
        actor: string;
        at: string;
        before?: { version?: number };
        after?: { version?: number; state?: string };
        detail?: Record<string, unknown>;
      }[];
    };
    const actions = audit.records.map((record) => record.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'strategy_config_created',
        'strategy_config_updated',
        'session_started',
        'strategy_paused',
        'session_paused',
        'session_resumed',
        'session_stopped',
      ]),
    );
    expect(audit.records.find((record) => record.action === 'strategy_paused')?.detail).toEqual({
      configId: configA,
    });
    expect(audit.records.find((record) => record.action === 'session_paused')?.detail).toEqual({});
    const updated = audit.records.find((record) => record.action === 'strategy_config_updated')!;
    expect(updated).toMatchObject({ actor: 'local-trader-2', before: { version: 1 }, after: { version: 2 } });
    expect(audit.records.find((record) => record.action === 'session_stopped')?.after).toMatchObject({
      state: 'stopped',
    });
    // The audit is an admin's, and only of its own account.
    expect((await as(TOKENS.traderA, 'GET', '/api/audit')).status).toBe(403);
  });

  it('halts only the account that pressed the emergency stop', async () => {
    const stop = await as(TOKENS.traderB, 'POST', '/api/risk/emergency-stop', { reason: 'B stops B' });
    expect(stop.status).toBe(200);
    expect(
      ((await as(TOKENS.viewerA, 'GET', '/api/risk')).body as { trading_state: string }).trading_state,
    ).toBe('ACTIVE');
    const stillWorking = (await as(TOKENS.viewerA, 'GET', `/api/orders/${restingA}`)).body as {
      status: string;
    };
    expect(['new', 'accepted', 'partially_filled']).toContain(stillWorking.status);
    const reset = await as(TOKENS.traderB, 'POST', '/api/risk/emergency-stop/reset', { reason: 'x' });
    expect(reset.status).toBe(403); // a reset is an admin's
  });
});
