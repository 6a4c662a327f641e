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
