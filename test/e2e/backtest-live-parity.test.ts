import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SimulatedMarketData } from '../../lib/adapters/market-data/simulated-market-data';
import { formatBarsCsv, parseBarsCsv, runBacktest, seriesFromBars } from '../../lib/core/backtest';
import { quoteAround, SIMULATED_SPREAD } from '../../lib/core/market/quote-model';
import { notionalCents, toCents, toPriceTick } from '../../lib/core/money';
import { createStrategy } from '../../lib/core/strategies/registry';
import type { LocalHost } from '../../lib/local/local-host';
import { readSettings } from '../../lib/platform/settings';
import { venueFills } from '../../lib/platform/venue-fills';
import { sendJson, startTestHost } from '../support/local-host';

/** New York 2026-11-18, a Wednesday with a full session: 14:30–21:00 UTC. */
const OPEN = Date.parse('2026-11-18T14:30:00Z');
const CLOSE = Date.parse('2026-11-18T21:00:00Z');
const MINUTE = 60_000;
const SYMBOLS = ['AAPL', 'MSFT'];
const PARAMETERS = { fast_period: 5, slow_period: 20, average: 'sma' as const };
const ALLOCATION = 0.2;
const STARTING_CASH = 1_000_000;
const NEVER_MS = 2_147_483_647;

interface Fill {
  /** The minute the fill happened in (epoch ms of its start). */
  minute: number;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  commissionCents: number;
}

/**
 * One trading path (issue 23): a recorded day of the simulated market's minute bars, traded
 * (a) by the live engine on the local host — a session with a strategy, the platform clock
 * stopped at each minute's close and one engine cycle run there, orders through risk to the
 * paper venue, fills back through the report queue — and (b) by the backtester configured as
 * the session is (the strategy and its allocation, the venue's fill model, the bars before
 * the open only warming up). Same orders, same fills, same cash and equity, to the cent.
 */
describe('a backtest trades a recorded day exactly as the live engine did', () => {
  let host: LocalHost;
  const send = (method: string, path: string, body?: unknown) => sendJson(host, method, path, body);

  beforeAll(async () => {
    // Every engine order goes to the venue at once (the backtest models immediate execution;
    // larger orders would be sliced by TWAP or iceberg under the default routing).
    vi.stubEnv('STRATUS_ROUTING', 'notional');
    vi.stubEnv('STRATUS_ROUTE_IMMEDIATE_BELOW', String(10 * STARTING_CASH));
    vi.stubEnv('STRATUS_ROUTE_TWAP_ABOVE', String(10 * STARTING_CASH));
    host = await startTestHost({
      waitOverrideMs: 0,
      scheduleIntervalMs: NEVER_MS,
      cycleIntervalMs: NEVER_MS,
      clockStart: new Date(OPEN),
      startingCash: STARTING_CASH,
    });
  });
  afterAll(async () => {
    await host?.stop();
    vi.unstubAllEnvs();
  });

  it('same orders, same fills, same final equity to the cent', async () => {
    // The live side: a session from the open, one engine cycle at every minute's close.
    host.setClock(new Date(OPEN), { stopped: true });
    const limits = await send('PUT', '/api/risk/limits', {
      // The backtest does not run live risk: lift what a crossover trading every minute trips.
      account: { max_consecutive_losses: 100, daily_loss_limit: STARTING_CASH },
    });
    expect(limits.status, limits.text).toBe(200);
    const created = await send('POST', '/api/strategies/create', {
      type: 'ma_crossover',
      name: 'Parity crossover',
      parameters: PARAMETERS,
      symbols: SYMBOLS,
    });
    expect(created.status, created.text).toBe(201);
    const started = await send('POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: (created.body as { id: string }).id, allocation: ALLOCATION }],
    });
    expect(started.status, started.text).toBe(201);
    // The last cycle is at 15:59: at 16:00 the session is over (the closing bar's signal waits).
    for (let at = OPEN + MINUTE; at < CLOSE; at += MINUTE) {
      host.setClock(new Date(at), { stopped: true });
      const cycle = (await host.runScheduled('engineCycle')) as {
        ran: boolean;
        sessions: { errors: number }[];
      };
      expect(cycle.ran).toBe(true);
      expect(cycle.sessions[0]!.errors, `cycle at ${new Date(at).toISOString()}`).toBe(0);
      await host.settle();
    }
    const live = await liveFills(send);
    const portfolio = (await send('GET', '/api/portfolio')).body as {
      cash: number;
      positions: { symbol: string; quantity: number }[];
    };

    // The backtest side: the day as recorded (a CSV per symbol), with the bars the engine
    // replays before the open as warm-up.
    // Configured from the engine function's own settings: the market's seed, the bars a cycle
    // replays, the venue's book, commission and collar.
    const settings = readSettings(host.environmentOf('engineCycle'));
    const recorded = await recordDay(SYMBOLS, settings.marketSeed, settings.warmupBars);
    const result = runBacktest(createStrategy('ma_crossover', PARAMETERS), recorded, {
      capital: STARTING_CASH,
      commission: settings.commission,
      slippage: { model: 'bps', bps: 0 },
      sizing: { kind: 'equity_fraction', fraction: ALLOCATION },
      venue: venueFills(settings),
      tradeFrom: OPEN,
    });
    const simulated = result.fills.map((fill): Fill => ({
      minute: fill.time,
      symbol: fill.symbol,
      side: fill.side,
      quantity: fill.quantity,
      price: toPriceTick(fill.price),
      commissionCents: fill.commissionCents,
    }));

    expect(live.length).toBeGreaterThan(10); // a day that trades, both ways
    expect(new Set(live.map((fill) => fill.side))).toEqual(new Set(['buy', 'sell']));
    expect(simulated).toEqual(live);
    // Orders big enough to walk the impact book past its touch (and to find depth earlier ones took).
    const closeAt = new Map(
      recorded.flatMap((series) =>
        Array.from(series.time, (time, i) => [`${series.symbol}@${time}`, series.close[i]!] as const),
      ),
    );
    const beyondTouch = live.filter((fill) => {
      const touch = quoteAround(closeAt.get(`${fill.symbol}@${fill.minute}`)!, SIMULATED_SPREAD);
      return fill.side === 'buy' ? fill.price > touch.ask : fill.price < touch.bid;
    });
    expect(beyondTouch.length).toBeGreaterThan(live.length / 2);
    const lastClose = new Map(recorded.map((series) => [series.symbol, series.close[series.length - 1]!]));
    const liveEquityCents =
      toCents(portfolio.cash) +
      portfolio.positions.reduce(
        (sum, position) => sum + notionalCents(lastClose.get(position.symbol)!, position.quantity),
        0,
      );
    expect(toCents(result.finalEquity)).toBe(liveEquityCents);
    expect(
      result.positions.map((position) => ({ symbol: position.symbol, quantity: position.quantity })),
    ).toEqual(
      portfolio.positions.map((position) => ({ symbol: position.symbol, quantity: position.quantity })),
    );
  });
});

/** Every fill the platform recorded, oldest first (orders by creation, fills in order). */
async function liveFills(
  send: (method: string, path: string) => Promise<{ status: number; body: unknown; text: string }>,
): Promise<Fill[]> {
  const orders: {
    symbol: string;
    side: 'buy' | 'sell';
    created_at: string;
    client_order_id: string;
    status: string;
    fills: { quantity: number; price: number; commission: number; at: string }[];
  }[] = [];
  let cursor: string | null = null;
  do {
    const response = await send(
      'GET',
      `/api/orders?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.status, response.text).toBe(200);
    const page = response.body as { orders: typeof orders; next_cursor: string | null };
    orders.push(...page.orders);
    cursor = page.next_cursor;
  } while (cursor);
  expect(orders.filter((order) => order.status !== 'filled')).toEqual([]);
  orders.sort((a, b) =>
    a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.symbol < b.symbol ? -1 : 1,
  );
  return orders.flatMap((order) =>
    order.fills.map((fill) => ({
      minute: Math.floor(Date.parse(fill.at) / MINUTE) * MINUTE,
      symbol: order.symbol,
      side: order.side,
      quantity: fill.quantity,
      price: fill.price,
      commissionCents: toCents(fill.commission),
    })),
  );
}

/** The day's minute bars and the session before it, as the simulated market serves them, through CSV. */
async function recordDay(symbols: readonly string[], seed: number, warmupBars: number) {
  const market = new SimulatedMarketData({ now: () => new Date(CLOSE) }, seed);
  const bars = await market.minuteBars(symbols, warmupBars + 390, new Date(CLOSE));
  return symbols.map((symbol) =>
    parseBarsCsv(formatBarsCsv(seriesFromBars(symbol, bars.get(symbol)!)), symbol),
  );
}
