import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlpacaBroker } from '../../../lib/adapters/alpaca/alpaca-broker';
import { AlpacaMarketData } from '../../../lib/adapters/alpaca/alpaca-market-data';
import { AlpacaOptionChains } from '../../../lib/adapters/alpaca/alpaca-option-chains';
import { AlpacaHttpError, AlpacaRest, staticCredentials } from '../../../lib/adapters/alpaca/alpaca-rest';
import { AlpacaTradeUpdates } from '../../../lib/adapters/alpaca/alpaca-trade-updates';
import { TokenBucket } from '../../../lib/adapters/alpaca/token-bucket';
import { InMemoryAlertStore } from '../../../lib/adapters/memory/in-memory-risk-stores';
import { crossCheckCalendar } from '../../../lib/app/broker/cross-check-calendar';
import { comparePositions } from '../../../lib/app/broker/compare-positions';
import { InMemoryAccountRepository } from '../../../lib/adapters/memory/in-memory-account-repository';
import { openPaperAccount } from '../../../lib/core/portfolio/account';
import { tradingSession } from '../../../lib/core/market/nyse-calendar';
import { InMemoryVenueStore } from '../../../lib/adapters/broker/in-memory-venue-store';
import type { VenueOrder } from '../../../lib/app/ports/broker';
import { FakeAlpaca, startFakeAlpaca } from '../../support/fake-alpaca';
import { TestClock } from '../../support/order-harness';
import { CollectedReports } from './broker.contract';

const IN_SESSION = new Date('2026-11-18T15:00:00Z');
const SECRET = 'secret-value-never-shown-9f3a';

describe('AlpacaBroker against a fake Alpaca server: what only a remote broker can do to you', () => {
  let fake: FakeAlpaca;
  let clock: TestClock;
  let journal: InMemoryVenueStore;
  let reports: CollectedReports;
  let rest: AlpacaRest;
  let broker: AlpacaBroker;
  let updates: AlpacaTradeUpdates;
  let n = 0;
  const order = (overrides: Partial<VenueOrder> = {}): VenueOrder => {
    n++;
    return {
      accountId: 'acct-a',
      orderId: `o-alpaca-${n}`,
      clientOrderId: `o-alpaca-${n}`,
      symbol: 'AAPL',
      side: 'buy',
      quantity: 100,
      limitPrice: 181.8,
      timeInForce: 'day',
      ...overrides,
    };
  };

  beforeEach(async () => {
    clock = new TestClock(IN_SESSION);
    fake = await new FakeAlpaca('key-a', SECRET, () => clock.now()).start();
    rest = new AlpacaRest({
      tradingUrl: fake.url,
      dataUrl: fake.url,
      credentials: staticCredentials('key-a', SECRET),
      timeoutMs: 200,
      requestsPerMinute: 100_000,
    });
    journal = new InMemoryVenueStore();
    reports = new CollectedReports();
    broker = new AlpacaBroker(rest, journal, reports, clock);
    updates = new AlpacaTradeUpdates(rest, journal, reports, clock, 'acct-a');
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('submits a limit with the deterministic client order id, quantity and price as Alpaca expects', async () => {
    const sent = order({ limitPrice: 181.8 });
    await broker.submit(sent);
    const placed = fake.byClientId(sent.clientOrderId)!;
    expect(placed).toMatchObject({
      symbol: 'AAPL',
      qty: '100',
      side: 'buy',
      type: 'limit',
      time_in_force: 'day',
      limit_price: '181.80',
    });
    expect((await journal.get('acct-a', sent.clientOrderId))?.venueOrderId).toBe(placed.id);
  });

  it('after a timeout, looks the order up by client order id instead of sending it again', async () => {
    fake.delayNextSubmitMs = 1_000; // the order is created, the answer comes after the client gave up
    const sent = order();
    expect(await broker.submit(sent)).toEqual({ status: 'accepted' });
    expect(fake.count('POST /v2/orders')).toBe(1);
    expect(fake.count('GET /v2/orders:by_client_order_id')).toBe(1);
    expect([...fake.orders.values()].filter((o) => o.client_order_id === sent.clientOrderId)).toHaveLength(1);
  });

  it('when the submission was lost, sends it again with the same client order id, once', async () => {
    fake.loseNextSubmit = true;
    const sent = order();
    expect(await broker.submit(sent)).toEqual({ status: 'accepted' });
    expect(fake.count('POST /v2/orders')).toBe(2);
    expect([...fake.orders.values()].filter((o) => o.client_order_id === sent.clientOrderId)).toHaveLength(1);
  });

  it('treats "client_order_id must be unique" as "may already exist": looks it up, accepts, trades once', async () => {
    const sent = order();
    await broker.submit(sent);
    // A second platform instance (fresh journal) retries the same order.
    const other = new AlpacaBroker(rest, new InMemoryVenueStore(), reports, clock);
    expect(await other.submit(sent)).toEqual({ status: 'accepted' });
    expect(fake.count('POST /v2/orders')).toBe(2);
    expect(fake.byClientId(sent.clientOrderId)?.filled_qty).toBe('100');
  });

  it('reports a real rejection with Alpaca’s reason, and journals it', async () => {
    const sent = order({ symbol: 'ZZZZ' });
    const result = await broker.submit(sent);
    expect(result).toEqual({ status: 'rejected', reason: 'asset "ZZZZ" not found' });
    expect((await journal.get('acct-a', sent.clientOrderId))?.status).toBe('rejected');
  });

  it('turns partial fills from the trade updates into fill reports, the last one ending the order', async () => {
    fake.autoFill = false;
    const sent = order();
    await broker.submit(sent);
    fake.fill(sent.clientOrderId, 30, 180.1);
    expect(await updates.poll()).toBe(1);
    expect(reports.filled(sent.orderId)).toBe(30);
    expect(reports.outcome(sent.orderId)).toBeNull();
    fake.fill(sent.clientOrderId, 70, 180.2);
    await updates.poll();
    const fills = reports.of(sent.orderId).filter((r) => r.kind === 'fill');
    expect(
      fills.map((r) => (r.kind === 'fill' ? [r.quantity, r.notionalCents, r.commissionCents] : null)),
    ).toEqual([
      [30, 540_300, 0],
      [70, 1_261_400, 0],
    ]);
    expect(reports.outcome(sent.orderId)).toBe('filled');
    // Polling the same window again publishes nothing new.
    expect(await updates.poll()).toBe(0);
  });

  it('cancels all: 207 with a status per order, a failure named with its reason', async () => {
    const a = order({ limitPrice: 90 });
    const b = order({ limitPrice: 90, symbol: 'MSFT' });
    await broker.submit(a);
    await broker.submit(b);
    fake.uncancelable.add(b.clientOrderId);
    const results = await broker.cancelAll('acct-a');
    expect(results).toEqual(
      expect.arrayContaining([
        { clientOrderId: a.clientOrderId, accepted: true },
        { clientOrderId: b.clientOrderId, accepted: false, reason: 'internal server error' },
      ]),
    );
    await updates.poll();
    expect(reports.outcome(a.orderId)).toBe('canceled');
    expect(reports.outcome(b.orderId)).toBeNull();
  });

  it('backs off on 429 and succeeds: the budget is spent, later calls wait for it to refill', async () => {
    // The bucket on a virtual clock: its waits are recorded instead of slept.
    let now = 0;
    const waits: number[] = [];
    const bucket = new TokenBucket(
      10,
      1,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    const limited = new AlpacaBroker(
      new AlpacaRest(
        { tradingUrl: fake.url, dataUrl: fake.url, credentials: staticCredentials('key-a', SECRET) },
        { bucket },
      ),
      journal,
      reports,
      clock,
    );
    fake.rateLimitNext = 2;
    expect(await limited.knows('acct-a', 'o-unknown')).toBe(false);
    expect(fake.count('GET /v2/orders:by_client_order_id')).toBe(3);
    // Each 429 emptied the budget; each retry waited a token's refill (1 s at 1 token/s).
    expect(waits).toEqual([1000, 1000]);
  });

  it('gives up after its retries when Alpaca keeps answering 429, with Alpaca’s message and no secret', async () => {
    fake.rateLimitNext = 100;
    const error = await broker.knows('acct-a', 'o-unknown').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlpacaHttpError);
    expect((error as AlpacaHttpError).status).toBe(429);
    expect(String((error as Error).message)).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('refuses wrong keys with 401 and never echoes the secret', async () => {
    const wrong = new AlpacaBroker(
      new AlpacaRest({
        tradingUrl: fake.url,
        dataUrl: fake.url,
        credentials: staticCredentials('key-a', 'wrong-secret'),
        requestsPerMinute: 100_000,
      }),
      journal,
      reports,
      clock,
    );
    const error = await wrong.knows('acct-a', 'x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, message: 'request is not authorized' });
    expect(String(error)).not.toContain('wrong-secret');
  });

  it('prices only from fresh, sane quotes: stale or crossed quotes leave the symbol unpriced', async () => {
    const data = new AlpacaMarketData(rest, clock, { maxAgeMs: 15_000, feed: 'iex' });
    fake.quoteAgeMs.set('AAPL', 60_000);
    fake.crossed.add('SPY');
    const quotes = await data.getQuotes(['AAPL', 'MSFT', 'SPY', 'NOPE']);
    expect([...quotes.keys()]).toEqual(['MSFT']);
    expect(quotes.get('MSFT')).toMatchObject({ bid: 399.99, ask: 400.01, last: 400 });
    fake.quoteAgeMs.set('AAPL', 1_000);
    expect((await data.getQuotes(['AAPL'])).has('AAPL')).toBe(true);
  });
});

describe('the market calendar, cross-checked against Alpaca’s at start-up', () => {
  it('raises one critical CALENDAR_MISMATCH alert when Alpaca’s calendar disagrees, none when it agrees', async () => {
    const clock = new TestClock(new Date('2026-11-23T12:00:00Z'));
    const { fake, rest } = await startFakeAlpaca(clock);
    try {
      const broker = new AlpacaBroker(rest, new InMemoryVenueStore(), new CollectedReports(), clock);
      const alerts = new InMemoryAlertStore();
      const published: string[] = [];
      const deps = {
        brokerCalendar: broker,
        alerts,
        alertPublisher: { publish: async (alert: { code: string }) => void published.push(alert.code) },
        clock,
      };
      fake.calendar = tradingDaysFrom('2026-11-23', 7);
      expect(await crossCheckCalendar(deps, 'acct-c', 7)).toEqual([]);
      expect(await alerts.list('acct-c')).toEqual([]);

      // Alpaca says the day after Thanksgiving closes at 16:00: one of the two calendars is wrong.
      fake.calendar = fake.calendar.map((day) =>
        day.date === '2026-11-27' ? { ...day, close: '16:00' } : day,
      );
      const mismatches = await crossCheckCalendar(deps, 'acct-c', 7);
      expect(mismatches).toEqual([{ date: '2026-11-27', ours: '09:30–13:00', broker: '09:30–16:00' }]);
      await crossCheckCalendar(deps, 'acct-c', 7); // again the same day: still one alert
      const raised = await alerts.list('acct-c');
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ level: 'critical', code: 'CALENDAR_MISMATCH' });
      expect(published).toEqual(['CALENDAR_MISMATCH']);

      // The clocks too: Monday 07:00 New York is closed; a broker saying "open" is a mismatch.
      fake.calendar = tradingDaysFrom('2026-11-23', 7);
      fake.clockOpen = true;
      expect(await crossCheckCalendar(deps, 'acct-c', 7)).toEqual([
        { date: '2026-11-23', ours: 'closed now', broker: 'open now' },
      ]);
    } finally {
      await fake.stop();
    }
  });
});

/** What Alpaca's calendar lists for `days` days from `from`: our sessions, as HH:MM in New York. */
function tradingDaysFrom(from: string, days: number): { date: string; open: string; close: string }[] {
  const out: { date: string; open: string; close: string }[] = [];
  const start = new Date(`${from}T12:00:00Z`);
  for (let i = 0; i <= days; i++) {
    const date = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const session = tradingSession(date);
    if (session) out.push({ date, open: newYorkTime(session.open), close: newYorkTime(session.close) });
  }
  return out;
}

const newYorkTime = (at: Date) =>
  at.toLocaleTimeString('en-GB', {
    timeZone: 'America/New_York',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

describe('AlpacaMarketData history: daily and minute bars from GET /v2/stocks/bars, every page', () => {
  it('returns the last completed sessions’ daily bars timed at their closes, and the regular-session minutes closed by now', async () => {
    const asOf = new Date('2026-11-18T15:00:00Z'); // Wednesday 10:00 New York
    const clock = new TestClock(asOf);
    const { fake, rest } = await startFakeAlpaca(clock);
    try {
      const data = new AlpacaMarketData(rest, clock, { maxAgeMs: 15_000, feed: 'iex' });
      const daily = await data.dailyBars(['AAPL', 'NOPE'], 3, asOf);
      expect([...daily.keys()]).toEqual(['AAPL']);
      expect(daily.get('AAPL')!.map((bar) => bar.time)).toEqual([
        '2026-11-13T21:00:00.000Z',
        '2026-11-16T21:00:00.000Z',
        '2026-11-17T21:00:00.000Z',
      ]);
      const closes = await data.dailyCloses(['AAPL'], 3, asOf);
      expect(closes.get('AAPL')).toHaveLength(4);

      const minutes = (await data.minuteBars(['AAPL'], 400, asOf)).get('AAPL')!;
      expect(minutes).toHaveLength(400);
      expect(minutes.at(-1)!.time).toBe('2026-11-18T15:00:00.000Z'); // 09:59 bar, closed at 10:00
      expect(minutes.filter((bar) => bar.time.startsWith('2026-11-18'))).toHaveLength(30);
      expect(minutes[0]!.time).toBe('2026-11-17T14:51:00.000Z'); // the rest from Tuesday's last 370 minutes
      for (let i = 1; i < minutes.length; i++) expect(minutes[i]!.time > minutes[i - 1]!.time).toBe(true);
      expect(fake.count('GET /v2/stocks/bars')).toBeGreaterThan(3); // followed next_page_token
    } finally {
      await fake.stop();
    }
  });
});

describe('the broker’s books: positions and account, compared with the platform’s', () => {
  it('reads Alpaca’s positions and account, and warns once when positions differ with no order working', async () => {
    const clock = new TestClock(IN_SESSION);
    const { fake, rest } = await startFakeAlpaca(clock);
    try {
      const broker = new AlpacaBroker(rest, new InMemoryVenueStore(), new CollectedReports(), clock);
      await broker.submit({
        accountId: 'acct-p',
        orderId: 'o-p1',
        clientOrderId: 'o-p1',
        symbol: 'AAPL',
        side: 'buy',
        quantity: 10,
        limitPrice: 181,
        timeInForce: 'day',
      });
      expect(await broker.positions()).toEqual([{ symbol: 'AAPL', quantity: 10, averagePrice: 180 }]);
      expect(await broker.account()).toEqual({
        cash: 100_000,
        buyingPower: 200_000,
        equity: 100_000,
        tradingBlocked: false,
      });

      const accounts = new InMemoryAccountRepository();
      const { account, entries } = openPaperAccount('acct-p', 10_000_000, clock.now());
      const position = {
        symbol: 'AAPL',
        quantity: 10,
        costBasisCents: 180_000,
        realizedPnlCents: 0,
        openedAt: '',
        updatedAt: '',
      };
      await accounts.create({ ...account, positions: { AAPL: position } }, entries);
      const alerts = new InMemoryAlertStore();
      const deps = {
        brokerBooks: broker,
        accounts,
        alerts,
        alertPublisher: { publish: async () => undefined },
        clock,
      };
      expect(await comparePositions(deps, 'acct-p')).toEqual([]);

      fake.extraPositions.set('MSFT', 5); // bought in Alpaca's own UI
      expect(await comparePositions(deps, 'acct-p')).toEqual([{ symbol: 'MSFT', platform: 0, broker: 5 }]);
      await comparePositions(deps, 'acct-p');
      expect((await alerts.list('acct-p')).map((alert) => [alert.level, alert.code])).toEqual([
        ['warning', 'BROKER_POSITION_MISMATCH'],
      ]);

      // While an order works, fills in flight make the books differ for a moment: no comparison.
      const working = await accounts.get('acct-p');
      await accounts.save(
        {
          ...working!,
          openOrders: { 'o-w': { symbol: 'AAPL', side: 'buy', quantity: 1, reservedCents: 0 } as never },
          version: working!.version + 1,
        },
        [],
      );
      expect(await comparePositions(deps, 'acct-p')).toBeNull();
    } finally {
      await fake.stop();
    }
  });
});

describe('AlpacaOptionChains: chains from GET /v1beta1/options/snapshots, every page', () => {
  async function setUp() {
    const clock = new TestClock(IN_SESSION);
    const { fake, rest } = await startFakeAlpaca(clock);
    const stocks = new AlpacaMarketData(rest, clock, { maxAgeMs: 15_000, feed: 'iex' });
    return { fake, chains: new AlpacaOptionChains(rest, stocks, clock) };
  }

  it('builds the chain by expiry and strike, with Alpaca’s implied volatility and greeks from our Black–Scholes', async () => {
    const { fake, chains } = await setUp();
    try {
      const expected = fake.simulatedChain('SPY')!;
      const chain = (await chains.chain('SPY'))!;
      expect(chain.spot).toBe(600);
      expect(chain.expiries.map((e) => e.expiry)).toEqual(expected.expiries.map((e) => e.expiry));
      for (const [i, expiry] of chain.expiries.entries()) {
        const want = expected.expiries[i]!;
        expect(expiry.calls.map((q) => q.symbol)).toEqual(want.calls.map((q) => q.symbol));
        expect(expiry.puts.map((q) => q.symbol)).toEqual(want.puts.map((q) => q.symbol));
        for (const [j, quote] of expiry.calls.entries()) {
          expect(quote.impliedVolatility).toBe(want.calls[j]!.impliedVolatility);
          expect(quote.delta).toBeCloseTo(want.calls[j]!.delta, 6);
          expect([quote.bid, quote.ask]).toEqual([want.calls[j]!.bid, want.calls[j]!.ask]);
        }
      }
      expect(fake.count('GET /v1beta1/options/snapshots/SPY')).toBeGreaterThan(1); // paged
    } finally {
      await fake.stop();
    }
  });

  it('solves the volatility from the mid when Alpaca gives none, and has no chain from stale quotes', async () => {
    const { fake, chains } = await setUp();
    try {
      fake.omitOptionIv = true;
      const expected = fake.simulatedChain('SPY')!;
      const chain = (await chains.chain('SPY'))!;
      const atm = chain.expiries.at(-1)!.calls.find((q) => q.contract.strike === 600)!;
      const want = expected.expiries.at(-1)!.calls.find((q) => q.contract.strike === 600)!;
      expect(Math.abs(atm.impliedVolatility - want.impliedVolatility)).toBeLessThan(0.005);
      fake.optionQuoteAgeMs = 10 * 60_000;
      expect(await chains.chain('SPY')).toBeNull();
      expect(await chains.chain('NOPE')).toBeNull();
    } finally {
      await fake.stop();
    }
  });
});
