import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../lib/local/local-client-config';
import { WORKFLOWS } from '../../lib/workflows/workflow-specs';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbEngineStore } from '../../lib/adapters/dynamodb/dynamodb-engine-store';
import { TABLES, tableNameFromEnv } from '../../lib/adapters/dynamodb/table-specs';
import { CYCLE_LEASE } from '../../lib/app/engine/run-cycle';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, type JsonResponse, startTestHost } from '../support/local-host';

/** 2026-11-18 is a Wednesday with a full session (14:30–21:00 UTC). */
const NEVER_MS = 2_147_483_647;

describe('the engine API on the local host (real HTTP, dynalite, fauxqs)', () => {
  let host: LocalHost;
  const send = (method: string, path: string, body?: unknown): Promise<JsonResponse> =>
    call(`${host.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const cycle = async (iso: string) => {
    host.setClock(new Date(iso));
    const result = (await host.runScheduled('engineCycle')) as { ran: boolean; reason: string };
    await host.settle();
    return result;
  };
  let crossover = '';

  beforeAll(async () => {
    host = await startTestHost({
      waitOverrideMs: 0,
      scheduleIntervalMs: NEVER_MS,
      cycleIntervalMs: NEVER_MS,
      clockStart: new Date('2026-11-18T14:35:00Z'),
    });
    const created = await send('POST', '/api/strategies/create', {
      type: 'ma_crossover',
      name: 'Fast crossover',
      parameters: { fast_period: 5, slow_period: 20 },
      symbols: ['AAPL', 'MSFT'],
    });
    crossover = (created.body as { id: string }).id;
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('answers with no session before one starts, and refuses bad starts by field without writing one', async () => {
    expect((await send('GET', '/api/strategies/execution-status')).body).toEqual({
      session: null,
      strategies: [],
      recent_cycles: [],
    });
    const empty = await send('POST', '/api/strategies/start-execution', { strategies: [] });
    expect(empty.status).toBe(400);
    expect(errorOf(empty).details).toEqual([expect.objectContaining({ field: 'strategies' })]);
    const unknown = await send('POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: 'no-such-config' }],
    });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).details).toEqual([expect.objectContaining({ field: 'strategies.0.config_id' })]);
    const over = await send('POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: crossover, allocation: 1.5 }],
    });
    expect(over.status).toBe(400);
    expect(errorOf(over).details![0]!.field).toBe('strategies.0.allocation');
    expect((await send('GET', '/api/strategies/execution-status')).body).toMatchObject({ session: null });
    expect((await send('POST', '/api/strategies/pause', {})).status).toBe(404);
  });

  it('cycles only in the session, never while another cycle holds the lease, and takes over a dead holder’s lease', async () => {
    const started = await send('POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: crossover, allocation: 0.4 }],
    });
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({ state: 'running' });
    expect(
      (await send('POST', '/api/strategies/start-execution', { strategies: [{ config_id: crossover }] }))
        .status,
    ).toBe(409);

    expect(await cycle('2026-11-21T15:00:00Z')).toMatchObject({
      ran: false,
      reason: expect.stringMatching(/market closed/),
    }); // Saturday
    expect(await cycle('2026-11-26T15:00:00Z')).toMatchObject({ ran: false }); // Thanksgiving
    expect(await cycle('2026-11-27T18:30:00Z')).toMatchObject({ ran: false }); // after the 13:00 early close

    const store = new DynamoDbEngineStore(
      createDocumentClient(host.operatorEnvironment()),
      tableNameFromEnv(TABLES.engine, host.operatorEnvironment()),
    );
    const now = new Date('2026-11-18T15:00:00Z');
    expect(
      await store.acquireLease(
        CYCLE_LEASE,
        'another-cycle',
        new Date(Date.now() + host.clockOffsetMs),
        new Date(now.getTime() + 60_000),
      ),
    ).toBe(true);
    expect(await cycle(now.toISOString())).toMatchObject({
      ran: false,
      reason: 'another cycle holds the lease',
    });
    await store.releaseLease(CYCLE_LEASE, 'another-cycle');
    expect(await cycle(now.toISOString())).toMatchObject({ ran: true });
    // A holder that died leaves its lease to expire; the next cycle after that takes it over.
    expect(
      await store.acquireLease(CYCLE_LEASE, 'crashed-cycle', now, new Date(now.getTime() + 60_000)),
    ).toBe(true);
    expect(await cycle('2026-11-18T15:00:30Z')).toMatchObject({ ran: false });
    expect(await cycle('2026-11-18T15:01:01Z')).toMatchObject({ ran: true });
    // Two cycles started together: at most one runs.
    host.setClock(new Date('2026-11-18T15:05:00Z'));
    const both = (await Promise.all([
      host.runScheduled('engineCycle'),
      host.runScheduled('engineCycle'),
    ])) as { ran: boolean }[];
    expect(both.filter((result) => result.ran).length).toBeLessThanOrEqual(1);
    await host.settle();
  });

  it('runs the deployed engine-cycle ASL locally: four cycles per start, one after another under the lease', async () => {
    host.setClock(new Date('2026-11-18T15:06:00Z'));
    type Status = { session: { cycles: number } };
    const before = ((await send('GET', '/api/strategies/execution-status')).body as Status).session.cycles;
    // What EventBridge Scheduler does each minute: start the engine's minute.
    const arn = host.operatorEnvironment()[WORKFLOWS.engineCycle.envVar];
    expect(arn).toBeDefined();
    const sfn = new SFNClient(localClientConfig(host.endpoints.stepFunctions));
    try {
      await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{}' }));
    } finally {
      sfn.destroy();
    }
    await host.settle();
    const after = ((await send('GET', '/api/strategies/execution-status')).body as Status).session.cycles;
    expect(after - before).toBe(4);
  });

  it('pauses and resumes the session; trades through the day; a strategy’s orders can be cancelled', async () => {
    expect((await send('POST', '/api/strategies/pause', {})).body).toMatchObject({ state: 'paused' });
    expect(await cycle('2026-11-18T15:10:00Z')).toMatchObject({ ran: true });
    const paused = (await send('GET', '/api/strategies/execution-status')).body as {
      recent_cycles: { at: string }[];
    };
    expect(paused.recent_cycles.some((c) => c.at.startsWith('2026-11-18T15:10'))).toBe(false);
    expect((await send('POST', '/api/strategies/resume', {})).body).toMatchObject({ state: 'running' });
    expect((await send('POST', '/api/strategies/pause', { config_id: 'not-in-session' })).status).toBe(404);
    for (let minutes = 15; minutes <= 90; minutes += 1) {
      await cycle(new Date(Date.parse('2026-11-18T15:00:00Z') + minutes * 60_000).toISOString());
    }
    const status = (await send('GET', '/api/strategies/execution-status')).body as {
      session: { cycles: number; last_cycle: { duration_ms: number } };
      strategies: { signals: { outcome: string }[]; performance: unknown }[];
    };
    expect(status.session.cycles).toBeGreaterThan(10);
    // It traded: the strategy's orders are on the blotter (its latest signals may be flat by now).
    const traded = (await send('GET', `/api/orders?strategy_id=${crossover}`)).body as { orders: unknown[] };
    expect(traded.orders.length).toBeGreaterThan(0);
    expect(status.strategies[0]!.signals.length).toBeGreaterThan(0);
    const cancel = await send('POST', `/api/strategies/${crossover}/cancel-orders`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toEqual({ canceled: expect.any(Array) });
  });

  it('closes a position by hand through risk and execution and reports its realised P&L', async () => {
    host.setClock(new Date('2026-11-18T17:00:00Z'));
    const bought = await send('POST', '/api/orders', {
      symbol: 'NVDA',
      side: 'buy',
      quantity: 10,
      execution: 'immediate',
    });
    expect(bought.status, bought.text).toBe(201);
    await host.settle();
    host.setClock(new Date('2026-11-18T17:30:00Z'));
    const tooMany = await send('POST', '/api/positions/NVDA/close', { quantity: 11 });
    expect(tooMany.status).toBe(422);
    expect(errorOf(tooMany).details).toEqual([expect.objectContaining({ field: 'quantity' })]);
    expect((await send('POST', '/api/positions/IBM/close')).status).toBe(404);
    const closed = await send('POST', '/api/positions/NVDA/close', { quantity: 4 });
    expect(closed.status, closed.text).toBe(200);
    const body = closed.body as {
      order: { status: string; side: string; quantity: number };
      realized_pnl: number;
      remaining_quantity: number;
    };
    expect(body.order).toMatchObject({ status: 'filled', side: 'sell', quantity: 4 });
    expect(body.remaining_quantity).toBe(6);
    expect(typeof body.realized_pnl).toBe('number');
    // The trade history carries the same P&L.
    const ledger = (await send('GET', '/api/portfolio/ledger?limit=500')).body as {
      entries: { kind: string; reference?: string }[];
    };
    expect(ledger.entries.some((entry) => entry.kind === 'trade')).toBe(true);
  });

  it('stops, leaving positions when asked; an emergency stop pauses a running session', async () => {
    const stopped = await send('POST', '/api/strategies/stop-execution', { close_positions: false });
    expect(stopped.status, stopped.text).toBe(200);
    expect(stopped.body).toMatchObject({ state: 'stopped' });
    expect((stopped.body as { history: { to: string; reason: string }[] }).history.at(-1)!.reason).toMatch(
      /left open/,
    );
    expect((await send('POST', '/api/strategies/stop-execution', {})).status).toBe(404);

    expect(
      (await send('POST', '/api/strategies/start-execution', { strategies: [{ config_id: crossover }] }))
        .status,
    ).toBe(201);
    const halt = await send('POST', '/api/risk/emergency-stop', { reason: 'test' });
    expect(halt.status).toBe(200);
    expect(halt.body).toMatchObject({ trading_state: 'HALTED', session_paused: expect.any(String) });
    expect((await send('GET', '/api/strategies/execution-status')).body).toMatchObject({
      session: { state: 'paused' },
    });
    expect((await send('POST', '/api/risk/emergency-stop/reset', { reason: 'test over' })).status).toBe(200);
  });

  it('validates the day plan by field and reports conditions only once the pre-market job ran', async () => {
    const holiday = await send('PUT', '/api/sessions/plan', {
      date: '2026-11-26',
      strategies: [{ config_id: crossover, allocation: 0.5 }],
    });
    expect(holiday.status).toBe(400);
    expect(errorOf(holiday).details).toEqual([expect.objectContaining({ field: 'date' })]);
    const bad = await send('PUT', '/api/sessions/plan', {
      date: '2026-11-19',
      strategies: [{ config_id: crossover, allocation: 0.5, parameters: { fast_period: 1 } }],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).details![0]!.field).toBe('strategies.0.parameters.fast_period');
    expect((await send('GET', '/api/sessions/plan?date=2026-11-19')).status).toBe(404);
    const good = await send('PUT', '/api/sessions/plan', {
      date: '2026-11-19',
      strategies: [{ config_id: crossover, allocation: 0.5 }],
    });
    expect(good.status, good.text).toBe(200);
    expect((await send('GET', '/api/sessions/plan?date=2026-11-19')).body).toMatchObject({
      status: 'pending',
    });
    expect((await send('GET', '/api/market/conditions?date=2026-11-19')).status).toBe(404);
  });

  it('quotes the watchlist by default, the symbols asked for otherwise, and refuses a malformed list by field', async () => {
    const watchlist = (await send('GET', '/api/market/quotes')).body as {
      quotes: { symbol: string; bid: number; ask: number; mid: number; spread_bps: number }[];
    };
    expect(watchlist.quotes.map((quote) => quote.symbol)).toContain('SPY');
    for (const quote of watchlist.quotes) {
      expect(quote.bid).toBeLessThanOrEqual(quote.ask);
      expect(quote.mid).toBeCloseTo((quote.bid + quote.ask) / 2, 10);
      expect(quote.spread_bps).toBeGreaterThanOrEqual(0);
    }
    const asked = await send('GET', '/api/market/quotes?symbols=MSFT,AAPL,MSFT,ZZZZ');
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      quotes: [expect.objectContaining({ symbol: 'MSFT' }), expect.objectContaining({ symbol: 'AAPL' })],
      unpriced_symbols: ['ZZZZ'],
    });
    for (const bad of ['aapl', 'AAPL,,MSFT', 'AAPL;DROP', '']) {
      const refused = await send('GET', `/api/market/quotes?symbols=${encodeURIComponent(bad)}`);
      expect(refused.status, bad).toBe(400);
      expect(errorOf(refused).details).toEqual([expect.objectContaining({ field: 'symbols' })]);
    }
  });
});
