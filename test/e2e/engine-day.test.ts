import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServeProcess } from '../support/cli-process';
import { call, type JsonResponse } from '../support/local-host';

interface OrderBody {
  order_id: string;
  client_order_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  status: string;
  filled_quantity: number;
  strategy_id: string | null;
  created_at: string;
  commission: number;
}

/** New York 2026-11-18 (a Wednesday, a full session: 14:30–21:00 UTC). */
const DAY = '2026-11-18';
const at = (newYorkTime: string) => {
  const [hours, minutes] = newYorkTime.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(2026, 10, 18, hours + 5, minutes)).toISOString(); // EST is UTC−5 in November
};
const STARTING_CASH = 100_000;

/**
 * A whole trading day of the engine on the local host in its own process (`stratus serve`),
 * driven through the API and the host's test controls (the clock, running the schedule):
 * plan the day, pre-market, a session with two strategies trading every cycle, one strategy
 * paused and resumed, the host killed with SIGKILL in the middle of a cycle and restarted on
 * the same data, and the day finished — then the books must agree with the fills exactly.
 */
describe('the strategy engine through a trading day, with a crash in the middle', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratus-engine-day-'));
  let host: ServeProcess | undefined;
  afterAll(async () => {
    if (host) await host.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (clock: string) =>
    startServeProcess(
      [
        '--data-dir',
        dataDir,
        '--clock-start',
        clock,
        '--test-controls',
        '--manual-schedule',
        '--step-wait-ms',
        '0',
      ],
      { STRATUS_STARTING_CASH: String(STARTING_CASH) },
    );
  const send = (method: string, path: string, body?: unknown): Promise<JsonResponse> =>
    call(`${host!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const get = async <T>(path: string) => {
    const response = await send('GET', path);
    expect(response.status, response.text).toBe(200);
    return response.body as T;
  };
  const setClock = async (newYorkTime: string) =>
    expect((await send('POST', '/local/clock', { at: at(newYorkTime) })).status).toBe(200);
  const run = async (fn: string) => {
    const response = await send('POST', `/local/run/${fn}`);
    expect(response.status, response.text).toBe(200);
    return (response.body as { result: unknown }).result;
  };
  const cycleAt = async (newYorkTime: string) => {
    await setClock(newYorkTime);
    const result = (await run('engineCycle')) as { ran: boolean; reason: string };
    expect((await send('POST', '/local/settle')).status).toBe(200);
    return result;
  };
  const allOrders = async () => {
    const orders: OrderBody[] = [];
    let cursor: string | null = null;
    do {
      const page: { orders: OrderBody[]; next_cursor: string | null } = await get(
        `/api/orders?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      orders.push(...page.orders);
      cursor = page.next_cursor;
    } while (cursor);
    return orders;
  };

  it('plans, trades, survives SIGKILL and ends with books that match the fills', async () => {
    host = await start(at('08:30'));
    const crossover = await send('POST', '/api/strategies/create', {
      type: 'ma_crossover',
      name: 'Fast crossover',
      parameters: { fast_period: 5, slow_period: 20 },
      symbols: ['AAPL', 'MSFT'],
    });
    const reversion = await send('POST', '/api/strategies/create', {
      type: 'rsi_mean_reversion',
      name: 'RSI(5) dips',
      parameters: { period: 5, oversold: 35, exit_level: 55 },
      symbols: ['SPY', 'QQQ'],
    });
    expect([crossover.status, reversion.status]).toEqual([201, 201]);
    const crossoverId = (crossover.body as { id: string }).id;
    const reversionId = (reversion.body as { id: string }).id;

    // The plan: a parameter change for the crossover (a new version before the open) and allocations.
    const plan = await send('PUT', '/api/sessions/plan', {
      date: DAY,
      strategies: [
        { config_id: crossoverId, allocation: 0.25, parameters: { fast_period: 4 } },
        { config_id: reversionId, allocation: 0.25 },
      ],
    });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body).toMatchObject({ status: 'pending', date: DAY });

    // Before 09:00 the pre-market job does nothing; at 09:05 it runs once.
    await setClock('08:45');
    expect(await run('preMarket')).toMatchObject({ ran: false });
    await setClock('09:05');
    expect(await run('preMarket')).toMatchObject({ ran: true });
    expect(await run('preMarket')).toMatchObject({ ran: false, reason: `already ran for ${DAY}` });
    const conditions = await get<{
      date: string;
      symbols: { symbol: string; realized_volatility: number }[];
      recommendations: unknown[];
    }>('/api/market/conditions');
    expect(conditions.date).toBe(DAY);
    expect(conditions.symbols.map((s) => s.symbol)).toContain('SPY');
    expect(conditions.symbols.every((s) => s.realized_volatility > 0)).toBe(true);
    expect(conditions.recommendations.length).toBeGreaterThan(0);
    const applied = await get<{ status: string; session_id: string }>(`/api/sessions/plan?date=${DAY}`);
    expect(applied.status).toBe('applied');
    expect(
      (await get<{ version: number; parameters: { fast_period: number } }>(`/api/strategies/${crossoverId}`))
        .parameters.fast_period,
    ).toBe(4);

    // The session waits for the open: no cycle before 09:30.
    expect(await cycleAt('09:20')).toMatchObject({ ran: false });
    let status = await get<{ session: { state: string; session_id: string } }>(
      '/api/strategies/execution-status',
    );
    expect(status.session).toMatchObject({ state: 'created', session_id: applied.session_id });

    // The morning, every 10 minutes; the reversion strategy is paused 11:00–11:40.
    const times: string[] = [];
    for (let minutes = 9 * 60 + 31; minutes <= 12 * 60 + 1; minutes += 10) {
      times.push(`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`);
    }
    for (const time of times) {
      if (time === '11:01') {
        expect((await send('POST', '/api/strategies/pause', { config_id: reversionId })).status).toBe(200);
      }
      if (time === '11:41') {
        expect((await send('POST', '/api/strategies/resume', { config_id: reversionId })).status).toBe(200);
      }
      expect(await cycleAt(time)).toMatchObject({ ran: true });
    }
    status = await get('/api/strategies/execution-status');
    expect(status.session.state).toBe('running');

    // SIGKILL in the middle of a cycle that trades: as soon as its first order is written (its
    // fills, the rest of its orders and the session's record of them still to come).
    // The probe is one cheap request (the newest order), so the kill follows the first write
    // closely: listing every order between polls left the cycle time to finish first.
    const newestOrder = async () =>
      ((await get('/api/orders?limit=1')) as { orders: OrderBody[] }).orders[0]?.client_order_id ?? null;
    const newestBefore = await newestOrder();
    expect(newestBefore).not.toBeNull();
    await setClock('12:21');
    let answered = false;
    const inFlight = send('POST', '/local/run/engineCycle').then(
      () => (answered = true),
      () => null,
    );
    while ((await newestOrder()) === newestBefore) {
      if (answered)
        throw new Error('the 12:21 cycle finished before it wrote an order: pick a cycle that trades');
    }
    await host.stop('SIGKILL');
    await inFlight;
    expect(answered).toBe(false);
    host = await start(at('12:22'));

    // The afternoon, on the restarted host: the first cycle reconciles with the venue first.
    for (let minutes = 12 * 60 + 31; minutes <= 15 * 60 + 41; minutes += 10) {
      expect(
        await cycleAt(`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`),
      ).toMatchObject({ ran: true });
    }
    await setClock('15:50');
    await run('reconcileOrders');
    const stopped = await send('POST', '/api/strategies/stop-execution', { reason: 'end of day' });
    expect(stopped.status, stopped.text).toBe(200);
    expect(stopped.body).toMatchObject({ state: 'stopped' });
    expect((await send('POST', '/local/settle')).status).toBe(200);
    // After the close nothing runs.
    expect(await cycleAt('16:05')).toMatchObject({ ran: false });

    // The books. Every order ended; none is left holding money or shares.
    const orders = await allOrders();
    const engineOrders = orders.filter((order) => order.strategy_id !== null);
    expect(engineOrders.length).toBeGreaterThan(4);
    for (const order of orders) expect(['filled', 'canceled', 'rejected', 'expired']).toContain(order.status);
    // No duplicate orders: one order per client id, and per strategy and symbol entries and exits alternate.
    expect(new Set(orders.map((order) => order.client_order_id)).size).toBe(orders.length);
    const bySeries = new Map<string, OrderBody[]>();
    for (const order of [...engineOrders].sort((a, b) => a.created_at.localeCompare(b.created_at))) {
      if (order.filled_quantity === 0) continue;
      const key = `${order.strategy_id}|${order.symbol}`;
      bySeries.set(key, [...(bySeries.get(key) ?? []), order]);
    }
    for (const series of bySeries.values()) {
      series.forEach((order, index) => expect(order.side).toBe(index % 2 === 0 ? 'buy' : 'sell'));
    }
    // The paused strategy sent nothing while paused.
    expect(
      engineOrders.filter(
        (order) =>
          order.strategy_id === reversionId &&
          order.created_at >= at('11:01') &&
          order.created_at < at('11:41'),
      ),
    ).toEqual([]);
    // Positions equal the fills (flat after the stop), cash equals the start plus realised P&L.
    const portfolio = await get<{
      cash: number;
      equity: number;
      realized_pl: number;
      positions: unknown[];
      buying_power: number;
    }>('/api/portfolio');
    const net = new Map<string, number>();
    for (const order of orders) {
      net.set(
        order.symbol,
        (net.get(order.symbol) ?? 0) + (order.side === 'buy' ? 1 : -1) * order.filled_quantity,
      );
    }
    expect([...net.values()].every((quantity) => quantity === 0)).toBe(true);
    expect(portfolio.positions).toEqual([]);
    expect(portfolio.buying_power).toBe(portfolio.cash);
    expect(Math.round((portfolio.cash - STARTING_CASH) * 100)).toBe(Math.round(portfolio.realized_pl * 100));
    // The ledger adds up to the cash, and its commissions to the orders' commissions, to the cent.
    const ledger = await get<{ entries: { kind: string; amount: number; balance_after: number }[] }>(
      '/api/portfolio/ledger?limit=500',
    );
    const cents = (dollars: number) => Math.round(dollars * 100);
    expect(ledger.entries.reduce((sum, entry) => sum + cents(entry.amount), 0)).toBe(cents(portfolio.cash));
    expect(
      -ledger.entries.filter((e) => e.kind === 'commission').reduce((sum, e) => sum + cents(e.amount), 0),
    ).toBe(orders.reduce((sum, order) => sum + cents(order.commission), 0));
    // Per strategy: nothing held after the stop, and the session says what it did.
    status = await get('/api/strategies/execution-status');
    const strategies = (status as unknown as { strategies: { positions: unknown[] }[] }).strategies;
    expect(strategies.every((strategy) => strategy.positions.length === 0)).toBe(true);
  }, 240_000);
});
