import { beforeEach, describe, expect, it } from 'vitest';
import { cancelOrder } from '../../../lib/app/orders/cancel-order';
import { type PlaceOrderRequest, placeOrder } from '../../../lib/app/orders/place-order';
import { emergencyStop } from '../../../lib/app/risk/emergency-stop';
import { expectBooksReconcile } from '../../support/books';
import { runBacktest } from '../../../lib/core/backtest';
import { seriesFromBars } from '../../../lib/core/backtest/bar-series';
import type { Bar, Strategy } from '../../../lib/core/strategies/strategy';
import { type Harness, orderHarness, type ScriptedMarketData } from '../../support/order-harness';

const ACCOUNT = 'acct-stops';
const OPENING = 100_000_00;

/** Stop orders and exits on the paper venue, over crafted trade paths (each price a pass of the venue). */
describe('stops, trailing stops, oco and brackets on the paper venue', () => {
  let h: Harness & { market: ScriptedMarketData };
  const order = (id: string) => h.deps.orders.get(ACCOUNT, id);
  /** The market trades at `price`, a minute later, and the venue passes over its resting orders. */
  const trade = async (price: number, at?: string) => {
    if (at) h.clock.set(new Date(at));
    else h.clock.advance(60_000);
    h.market.trade('AAPL', price);
    await h.paper.matchResting();
    await h.deliver();
  };
  const place = async (request: Partial<PlaceOrderRequest>) =>
    (
      await placeOrder(h.deps, ACCOUNT, {
        symbol: 'AAPL',
        side: 'sell',
        quantity: 100,
        orderType: 'market',
        timeInForce: 'gtc',
        execution: 'auto',
        ...request,
      })
    ).order;
  const hold = async (quantity = 100) => {
    h.market.trade('AAPL', 100);
    await place({ side: 'buy', quantity, timeInForce: 'day', execution: 'immediate' });
    await h.deliver();
  };

  beforeEach(() => {
    h = orderHarness({ startingCash: OPENING / 100 });
  });

  it('fills a stop that the market gaps through at the open, not at the stop', async () => {
    await hold();
    const stop = await place({ orderType: 'stop', stopPrice: 95 });
    await h.deliver();
    await trade(97);
    expect(await order(stop.orderId)).toMatchObject({ status: 'accepted', filledQuantity: 0 });
    // Overnight the price falls through the stop: the first trade of the next session is at 90.
    await trade(90, '2026-11-24T14:31:00Z');
    const filled = (await order(stop.orderId))!;
    expect(filled).toMatchObject({ status: 'filled', filledQuantity: 100, averageFillPrice: 90 });
    expect(filled.triggeredAt).toBe('2026-11-24T14:31:00.000Z');
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(account.positions.AAPL).toBeUndefined();
  });

  it('moves a trailing stop with the high-water mark exactly, and triggers on the first trade at its stop', async () => {
    await hold();
    const trailing = await place({ orderType: 'trailing_stop', trail: { price: 2 } });
    await h.deliver();
    const seen: [number | undefined, number | undefined, string][] = [];
    for (const price of [103, 101.5, 105, 103.5, 103.01]) {
      await trade(price);
      const now = (await order(trailing.orderId))!;
      seen.push([now.trailMark, now.stopPrice, now.status]);
    }
    expect(seen).toEqual([
      [103, 101, 'accepted'],
      [103, 101, 'accepted'],
      [105, 103, 'accepted'],
      [105, 103, 'accepted'],
      [105, 103, 'accepted'],
    ]);
    await trade(103);
    expect(await order(trailing.orderId)).toMatchObject({
      status: 'filled',
      averageFillPrice: 103,
      trailMark: 105,
      stopPrice: 103,
    });
    await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
  });

  it('never fills both legs of an oco, whatever passes and report deliveries race', async () => {
    await hold();
    const oco = await place({
      orderType: 'limit',
      limitPrice: 110,
      orderClass: 'oco',
      takeProfit: { limitPrice: 110 },
      stopLoss: { stopPrice: 95 },
    });
    await h.deliver();
    h.clock.advance(60_000);
    h.market.trade('AAPL', 111);
    // Two venue passes at once over the same record, then the reports delivered twice.
    await Promise.all([h.paper.matchResting(), h.paper.matchResting()]);
    await h.deliver({ twice: true });
    await trade(90); // the stop-loss's price now: nothing is left for it
    const done = (await order(oco.orderId))!;
    expect(done).toMatchObject({ status: 'filled', filledQuantity: 100, exitLeg: 'take_profit' });
    expect(done.fills).toHaveLength(1);
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(account.positions.AAPL).toBeUndefined();
  });

  it('protects exactly what a bracket entry filled: exits sized to the partial fill, and shares held for them', async () => {
    h = orderHarness({ startingCash: OPENING / 100, sharesPerLevel: 30 });
    h.market.trade('AAPL', 100);
    const entry = await place({
      side: 'buy',
      orderType: 'limit',
      limitPrice: 100,
      timeInForce: 'day',
      orderClass: 'bracket',
      takeProfit: { limitPrice: 110 },
      stopLoss: { stopPrice: 95 },
    });
    await h.deliver();
    const partial = (await order(entry.orderId))!;
    expect(partial.filledQuantity).toBe(30);
    const exitId = partial.exitOrderId!;
    expect(await order(exitId)).toMatchObject({
      orderClass: 'oco',
      quantity: 30,
      side: 'sell',
      entryOrderId: entry.orderId,
    });
    let account = (await h.deps.accounts.get(ACCOUNT))!;
    expect(account.openOrders[exitId]).toMatchObject({ quantity: 30, reservedQuantity: 30 });
    // The rest of the entry is canceled: the exits keep protecting the 30 bought.
    await cancelOrder(h.deps, ACCOUNT, entry.orderId);
    await h.deliver();
    expect(await order(entry.orderId)).toMatchObject({ status: 'canceled', filledQuantity: 30 });
    await trade(94);
    expect(await order(exitId)).toMatchObject({ status: 'filled', filledQuantity: 30, exitLeg: 'stop_loss' });
    account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(account.positions.AAPL).toBeUndefined();
    expect(account.openOrders).toEqual({});
  });

  it('cancels resting stops on the emergency stop, and says so', async () => {
    await hold();
    const stop = await place({ orderType: 'stop', stopPrice: 95 });
    await h.deliver();
    const result = await emergencyStop(h.deps, ACCOUNT, 'trader-1', { reason: 'test' });
    await h.deliver();
    expect(await order(stop.orderId)).toMatchObject({ status: 'canceled' });
    const alerts = await h.deps.alerts.list(ACCOUNT, { limit: 10 });
    expect(alerts.map((alert) => alert.message).join(' ')).toMatch(
      /1 open orders canceled \(1 of them resting stops or exits/,
    );
    expect(result.ordersCanceled).toContain(stop.orderId);
    await trade(90);
    expect((await h.deps.accounts.get(ACCOUNT))!.positions.AAPL?.quantity).toBe(100);
  });

  it('refuses a stop that would trigger at once, or one outside the collar, and writes nothing', async () => {
    await hold();
    await expect(place({ orderType: 'stop', stopPrice: 101 })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'stop_price' })],
    });
    await expect(place({ orderType: 'stop', stopPrice: 50 })).rejects.toMatchObject({ code: 'PRICE_COLLAR' });
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(Object.keys(account.openOrders)).toEqual([]);
  });

  /** Bars after the entry bar (whose open is 100): OHLC. */
  it.each([
    [
      'the stop-loss first when a bar reaches both exits',
      [
        [100, 104, 98, 103],
        [103, 108.5, 96, 97],
      ],
      97,
    ],
    [
      'the take-profit when the bar reaches only it',
      [
        [100, 104, 98, 103],
        [103, 109, 102, 108.5],
      ],
      108,
    ],
    [
      'the open when the market gaps through the stop',
      [
        [100, 104, 98, 103],
        [94, 99, 93, 98],
      ],
      94,
    ],
  ] as const)(
    'gives the same bracket exit in a backtest and on the paper venue over the same bars: %s',
    async (_case, after, exitPrice) => {
      const start = Date.parse('2026-11-23T15:00:00Z');
      const bars: Bar[] = [[100, 100, 100, 100], [100, 101, 99, 100], ...after].map(
        ([open, high, low, close], i) => ({
          symbol: 'AAPL',
          time: new Date(start + i * 60_000).toISOString(),
          open,
          high,
          low,
          close,
          volume: 1_000_000,
        }),
      );
      // The backtest: long on the first bar with the bracket; the entry fills at the next open.
      const entry: Strategy<{ sent: boolean }> = {
        type: 'bracket_once',
        initialState: () => ({ sent: false }),
        onEvent: (state, event) =>
          state.sent || event.kind !== 'bar'
            ? { state, signals: [] }
            : {
                state: { sent: true },
                signals: [
                  {
                    at: event.bar.time,
                    symbol: 'AAPL',
                    direction: 'long',
                    strength: 1,
                    rationale: 'bracket',
                    exits: { takeProfit: 108, stopLoss: 97 },
                  },
                ],
              },
      };
      const backtest = runBacktest(entry, [seriesFromBars('AAPL', bars)], {
        capital: 100_000,
        commission: { kind: 'none' },
        slippage: { model: 'bps', bps: 0 },
        sizing: { kind: 'fixed', quantity: 100 },
      });
      expect(backtest.trades).toHaveLength(1);
      expect(backtest.trades[0]).toMatchObject({ entryPrice: 100, exitPrice: exitPrice, quantity: 100 });

      // The paper venue: the entry at the second bar's open, then each bar as the trades it is
      // made of — the open, down to the low (through the stop's price), up to the high (through
      // the take-profit's), the close — each a pass of the venue.
      h.clock.set(new Date(bars[1]!.time));
      h.market.trade('AAPL', 100);
      const placed = await place({
        side: 'buy',
        timeInForce: 'day',
        orderClass: 'bracket',
        takeProfit: { limitPrice: 108 },
        stopLoss: { stopPrice: 97 },
      });
      await h.deliver();
      for (const [open, high, low, close] of after) {
        const path = [
          open,
          ...(low <= 97 && open > 97 ? [97] : []),
          low,
          ...(high >= 108 && open < 108 ? [108] : []),
          high,
          close,
        ];
        for (const price of path) await trade(price);
      }
      const exits = (await order((await order(placed.orderId))!.exitOrderId!))!;
      expect(exits).toMatchObject({ status: 'filled', filledQuantity: 100, averageFillPrice: exitPrice });
      await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    },
  );
});
