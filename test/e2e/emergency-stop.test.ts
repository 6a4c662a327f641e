import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, rawRequest, startTestHost } from '../support/local-host';

describe('the emergency stop on the local host (real HTTP)', () => {
  let host: LocalHost;
  const order = (body: unknown) =>
    call(`${host.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    host = await startTestHost({ startingCash: 1_000_000, waitOverrideMs: 0 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('halts on a bare POST (as curl -X POST sends it), cancels open orders, refuses new ones, and resets', async () => {
    const resting = await order({
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10,
      order_type: 'limit',
      price: 150,
    });
    expect(resting.status).toBe(201);
    await host.settle();

    const stop = await rawRequest(`${host.url}/api/risk/emergency-stop`, { method: 'POST' });
    expect(stop.status).toBe(200);
    expect(stop.body).toMatchObject({
      trading_state: 'HALTED',
      orders_canceled: [(resting.body as { id: string }).id],
      executions_stopped: [],
    });
    await host.settle();
    expect(
      (
        (await call(`${host.url}/api/orders/${(resting.body as { id: string }).id}`)).body as {
          status: string;
        }
      ).status,
    ).toBe('canceled');
    expect((await call(`${host.url}/api/risk`)).body).toMatchObject({
      trading_state: 'HALTED',
      reason: 'emergency stop',
    });

    const refused = await order({ symbol: 'AAPL', side: 'buy', quantity: 1 });
    expect(refused.status).toBe(422);
    expect(errorOf(refused).code).toBe('TRADING_HALTED');

    const reset = await call(`${host.url}/api/risk/emergency-stop/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'checked the book' }),
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ trading_state: 'ACTIVE', reason: 'checked the book' });
    expect((await order({ symbol: 'AAPL', side: 'buy', quantity: 1 })).status).toBe(201);

    const audit = (await call(`${host.url}/api/audit`)).body as {
      records: { action: string; actor: string; after: { state: string } }[];
    };
    const stops = audit.records.filter((record) => record.action.startsWith('emergency_stop'));
    expect(stops.map((record) => [record.action, record.after.state])).toEqual([
      ['emergency_stop_reset', 'ACTIVE'],
      ['emergency_stop', 'HALTED'],
    ]);
    expect(stops.every((record) => record.actor === 'local-trader')).toBe(true);
    // The risk engine's decisions are in the same log: the refusal while halted among them.
    expect(audit.records.map((record) => record.action)).toContain('pre_trade_reject');
  });

  it('raises a critical alert when pulled by hand, flattens the strategies’ books with the account, and a halted session cannot be resumed until reset', async () => {
    const send = (method: string, path: string, body?: unknown) =>
      call(`${host.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const created = await send('POST', '/api/strategies/create', {
      type: 'ma_crossover',
      name: 'Halted crossover',
      parameters: { fast_period: 5, slow_period: 20 },
      symbols: ['AAPL'],
    });
    expect(created.status, created.text).toBe(201);
    const started = await send('POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: (created.body as { id: string }).id, allocation: 0.1 }],
    });
    expect(started.status, started.text).toBe(201);

    // The strategy holds AAPL through an order of its own.
    const configId = (created.body as { id: string }).id;
    const bought = await send('POST', '/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 7,
      execution: 'immediate',
      strategy_id: configId,
    });
    expect(bought.status, bought.text).toBe(201);
    await host.settle();
    const holding = async () =>
      (
        (await send('GET', '/api/strategies/execution-status')).body as {
          strategies: { config_id: string; positions: { symbol: string; quantity: number }[] }[];
        }
      ).strategies.find((strategy) => strategy.config_id === configId)!.positions;
    expect(await holding()).toEqual([expect.objectContaining({ symbol: 'AAPL', quantity: 7 })]);

    const stop = await send('POST', '/api/risk/emergency-stop', { reason: 'desk call', flatten: true });
    expect(stop.status, stop.text).toBe(200);
    await host.settle();
    // Flattened: the account holds no AAPL, and neither does the strategy's book.
    const portfolio = (await send('GET', '/api/portfolio')).body as { positions: { symbol: string }[] };
    expect(portfolio.positions.map((position) => position.symbol)).not.toContain('AAPL');
    expect(await holding()).toEqual([]);
    const alerts = (await send('GET', '/api/risk/alerts')).body as {
      alerts: { level: string; code: string; message: string }[];
    };
    expect(alerts.alerts).toContainEqual(
      expect.objectContaining({
        level: 'critical',
        code: 'EMERGENCY_STOP',
        message: expect.stringMatching(/^Trading halted by local-trader: desk call; /),
      }),
    );

    const paused = (await send('GET', '/api/strategies/execution-status')).body as {
      session: { state: string };
    };
    expect(paused.session.state).toBe('paused');
    const resume = await send('POST', '/api/strategies/resume', {});
    expect(resume.status).toBe(409);
    expect(errorOf(resume)).toMatchObject({
      code: 'TRADING_HALTED',
      message: expect.stringContaining('desk call'),
    });
    expect(
      ((await send('GET', '/api/strategies/execution-status')).body as typeof paused).session.state,
    ).toBe('paused');

    expect((await send('POST', '/api/risk/emergency-stop/reset', { reason: 'resolved' })).status).toBe(200);
    const resumed = await send('POST', '/api/strategies/resume', {});
    expect(resumed.status, resumed.text).toBe(200);
    expect((resumed.body as { state: string }).state).toBe('running');
    expect((await send('POST', '/api/strategies/stop-execution', {})).status).toBe(200);
  });

  it('rejects unknown fields in the stop request and changes nothing', async () => {
    const response = await call(`${host.url}/api/risk/emergency-stop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'x', halt_everything: true }),
    });
    expect(response.status).toBe(400);
    expect(errorOf(response).details?.map((detail) => detail.field)).toContain('halt_everything');
    expect((await call(`${host.url}/api/risk`)).body).toMatchObject({ trading_state: 'ACTIVE' });
  });
});
