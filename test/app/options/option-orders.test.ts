import { beforeEach, describe, expect, it } from 'vitest';
import { cancelOrder } from '../../../lib/app/orders/cancel-order';
import { placeOrder } from '../../../lib/app/orders/place-order';
import { type PlaceOptionOrderRequest, placeOptionOrder } from '../../../lib/app/options/place-option-order';
import { chainExpiry } from '../../../lib/app/options/option-chain';
import { maximumLoss } from '../../../lib/core/options/max-loss';
import type { SimulatedMarketData } from '../../../lib/adapters/market-data/simulated-market-data';
import { measureRisk } from '../../../lib/app/risk/measure-risk';
import { emergencyStop } from '../../../lib/app/risk/emergency-stop';
import { settleOptionExpiries } from '../../../lib/app/options/settle-expiries';
import { expiryClose } from '../../../lib/core/options/option-chain';
import { blackScholes } from '../../../lib/core/options/black-scholes';
import { parseOccSymbol } from '../../../lib/core/options/occ-symbol';
import { optionsRequirementCents } from '../../../lib/core/options/option-requirement';
import { buyingPowerCents } from '../../../lib/core/portfolio/account';
import { expectBooksReconcile } from '../../support/books';
import { type Harness, orderHarness } from '../../support/order-harness';

const ACCOUNT = 'acct-options';
const OPENING = 100_000_00;

/** The nearest monthly-ish expiry's strikes around spot, from the chain the venue fills on. */
async function chainOf(h: Harness) {
  const expiry = await chainExpiry(h.deps.optionChains, 'SPY');
  const atm = expiry.calls.reduce((best, quote) =>
    Math.abs(quote.contract.strike - expiry.spot) < Math.abs(best.contract.strike - expiry.spot)
      ? quote
      : best,
  );
  const strikes = expiry.calls.map((quote) => quote.contract.strike);
  const at = (offset: number) => strikes[strikes.indexOf(atm.contract.strike) + offset]!;
  const call = (strike: number) => expiry.calls.find((quote) => quote.contract.strike === strike)!;
  const put = (strike: number) => expiry.puts.find((quote) => quote.contract.strike === strike)!;
  return { expiry, atm, at, call, put };
}

function condor(
  c: Awaited<ReturnType<typeof chainOf>>,
  units: number,
  price?: number,
): PlaceOptionOrderRequest {
  return {
    orderClass: 'mleg',
    legs: [
      { symbol: c.put(c.at(-6)).symbol, side: 'buy', ratio: 1, positionIntent: 'buy_to_open' },
      { symbol: c.put(c.at(-3)).symbol, side: 'sell', ratio: 1, positionIntent: 'sell_to_open' },
      { symbol: c.call(c.at(3)).symbol, side: 'sell', ratio: 1, positionIntent: 'sell_to_open' },
      { symbol: c.call(c.at(7)).symbol, side: 'buy', ratio: 1, positionIntent: 'buy_to_open' },
    ],
    quantity: units,
    orderType: price === undefined ? 'market' : 'limit',
    ...(price === undefined ? {} : { limitPrice: price }),
  };
}

describe('option orders: placeOptionOrder → paper venue → execution reports', () => {
  let h: Harness;
  beforeEach(() => {
    h = orderHarness({ startingCash: OPENING / 100 });
  });

  it('buys a call at the ask, books contracts × 100 with the per-contract commission, and sells it back at the bid', async () => {
    const c = await chainOf(h);
    const { order } = await placeOptionOrder(h.deps, ACCOUNT, {
      orderClass: 'simple',
      legs: [{ symbol: c.atm.symbol, side: 'buy', ratio: 1 }],
      quantity: 3,
      orderType: 'market',
    });
    expect(order).toMatchObject({ symbol: c.atm.symbol, side: 'buy', protectionPrice: c.atm.ask });
    await h.deliver();
    const filled = (await h.deps.orders.get(ACCOUNT, order.orderId))!;
    expect(filled).toMatchObject({ status: 'filled', filledQuantity: 3, averageFillPrice: c.atm.ask });
    expect(filled.commissionCents).toBe(195); // 3 × $0.65
    let account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(account.positions[c.atm.symbol]).toMatchObject({
      quantity: 3,
      costBasisCents: Math.round(c.atm.ask * 300 * 100),
    });
    expect(account.cashCents).toBe(OPENING - Math.round(c.atm.ask * 300 * 100) - 195);

    const { order: close } = await placeOptionOrder(h.deps, ACCOUNT, {
      orderClass: 'simple',
      legs: [{ symbol: c.atm.symbol, side: 'sell', ratio: 1 }],
      quantity: 3,
      orderType: 'market',
    });
    expect(close.legs![0]!.positionIntent).toBe('sell_to_close');
    await h.deliver();
    account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(account.positions[c.atm.symbol]).toBeUndefined();
    expect(account.realizedPnlCents).toBe(Math.round((c.atm.bid - c.atm.ask) * 300 * 100) - 390);
    // Closing more than is held is refused, and nothing is written.
    await expect(
      placeOptionOrder(h.deps, ACCOUNT, {
        orderClass: 'simple',
        legs: [{ symbol: c.atm.symbol, side: 'sell', ratio: 1, positionIntent: 'sell_to_close' }],
        quantity: 1,
        orderType: 'market',
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_POSITION' });
  });

  it('reserves an iron condor’s maximum loss at its limit while it rests, and holds the requirement once it fills', async () => {
    const c = await chainOf(h);
    const request = condor(c, 2);
    const legs = request.legs.map((leg) => ({
      ...leg,
      quote: [...c.expiry.calls, ...c.expiry.puts].find((q) => q.symbol === leg.symbol)!,
    }));
    // Crossing every leg: buys at the ask, sells at the bid (a credit: negative).
    const touch =
      Math.round(
        legs.reduce((net, leg) => net + (leg.side === 'buy' ? leg.quote.ask : -leg.quote.bid), 0) * 100,
      ) / 100;
    const mid =
      Math.round(
        legs.reduce(
          (net, leg) => net + ((leg.side === 'buy' ? 1 : -1) * (leg.quote.bid + leg.quote.ask)) / 2,
          0,
        ) * 100,
      ) / 100;
    expect(touch).toBeLessThan(0);
    const resting = await placeOptionOrder(h.deps, ACCOUNT, {
      ...request,
      orderType: 'limit',
      limitPrice: mid,
    });
    await h.deliver();
    expect((await h.deps.orders.get(ACCOUNT, resting.order.orderId))!.status).toBe('accepted');
    let account = (await h.deps.accounts.get(ACCOUNT))!;
    const expiring = legs.map((leg) => {
      const contract = parseOccSymbol(leg.symbol)!;
      return { type: contract.type, strike: contract.strike, quantity: (leg.side === 'buy' ? 1 : -1) * 2 };
    });
    const commission = 8 * 65;
    expect(account.openOrders[resting.order.orderId]!.reservedCents).toBe(
      Math.round(maximumLoss(expiring, mid * 2) * 100) + commission,
    );
    await cancelOrder(h.deps, ACCOUNT, resting.order.orderId);
    await h.deliver();
    expect((await h.deps.accounts.get(ACCOUNT))!.reservedCents).toBe(0);

    const before = buyingPowerCents((await h.deps.accounts.get(ACCOUNT))!);
    const { order } = await placeOptionOrder(h.deps, ACCOUNT, request);
    await h.deliver();
    const filled = (await h.deps.orders.get(ACCOUNT, order.orderId))!;
    expect(filled).toMatchObject({ status: 'filled', filledQuantity: 2, orderClass: 'mleg', side: 'sell' });
    expect(filled.averageFillPrice).toBeCloseTo(touch, 10);
    expect(filled.fills[0]!.legs).toHaveLength(4);
    account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    for (const leg of legs) expect(account.positions[leg.symbol]!.quantity).toBe(leg.side === 'buy' ? 2 : -2);
    // What the condor costs buying power: its maximum loss at the price it filled, and the commission.
    expect(before - buyingPowerCents(account)).toBe(
      Math.round(maximumLoss(expiring, touch * 2) * 100) + commission,
    );
    expect(optionsRequirementCents(Object.values(account.positions))).toBe((c.at(7) - c.at(3)) * 200 * 100);
  });

  it('fills a spread all legs or none: never more units than the thinnest leg shows, the rest resting in ratio', async () => {
    h = orderHarness({ startingCash: 10_000_000 });
    const c = await chainOf(h);
    h.deps.settings.optionCommission = { kind: 'none' };
    const request = condor(c, 150);
    await h.setLimits(ACCOUNT, {
      maxOptionContracts: 10_000,
      maxOptionPremiumAtRisk: 10_000_000,
      maxOptionVegaPerPoint: 1e9,
      maxOptionDeltaShares: 1e9,
    });
    const { order } = await placeOptionOrder(h.deps, ACCOUNT, request);
    await h.deliver();
    const working = (await h.deps.orders.get(ACCOUNT, order.orderId))!;
    expect(working.filledQuantity).toBeGreaterThan(0);
    expect(working.filledQuantity).toBeLessThan(150);
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 1_000_000_000, expect);
    for (const leg of request.legs)
      expect(Math.abs(account.positions[leg.symbol]!.quantity)).toBe(working.filledQuantity);
    expect(account.openOrders[order.orderId]!.filledQuantity).toBe(working.filledQuantity);
  });

  it('refuses what the account may not trade: spreads at the long level, an uncovered call, a limit outside the market', async () => {
    const c = await chainOf(h);
    await h.setLimits(ACCOUNT, { optionsLevel: 'long' });
    await expect(placeOptionOrder(h.deps, ACCOUNT, condor(c, 1))).rejects.toMatchObject({
      code: 'OPTIONS_LEVEL',
    });
    await h.setLimits(ACCOUNT, { optionsLevel: 'naked' });
    await expect(
      placeOptionOrder(h.deps, ACCOUNT, {
        orderClass: 'simple',
        legs: [{ symbol: c.call(c.at(3)).symbol, side: 'sell', ratio: 1 }],
        quantity: 1,
        orderType: 'market',
      }),
    ).rejects.toMatchObject({ code: 'UNCOVERED_CALL' });
    await expect(
      placeOptionOrder(h.deps, ACCOUNT, {
        orderClass: 'simple',
        legs: [{ symbol: c.atm.symbol, side: 'buy', ratio: 1 }],
        quantity: 1,
        orderType: 'limit',
        limitPrice: Math.round((c.atm.ask + 1) * 100) / 100,
      }),
    ).rejects.toMatchObject({
      code: 'ORDER_INVALID',
      details: [expect.objectContaining({ field: 'price' })],
    });
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(account.positions).toEqual({});
    expect(await h.deps.orders.list(ACCOUNT, {}, { limit: 10 })).toMatchObject({ orders: [] });
  });

  it('keeps the equity risk checks working with options held: the VaR model sees them through their underlying', async () => {
    const c = await chainOf(h);
    await placeOptionOrder(h.deps, ACCOUNT, condor(c, 1));
    await h.deliver();
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 5,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'auto',
    });
    await h.deliver();
    expect((await h.deps.orders.get(ACCOUNT, order.orderId))!.status).toBe('filled');
    await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
  });

  it('measures a book with options by full revaluation: the figures an independent revaluation of every historical day gives', async () => {
    const c = await chainOf(h);
    await placeOptionOrder(h.deps, ACCOUNT, {
      orderClass: 'mleg',
      legs: [
        { symbol: c.atm.symbol, side: 'sell', ratio: 1 },
        { symbol: c.put(c.atm.contract.strike).symbol, side: 'sell', ratio: 1 },
        { symbol: c.call(c.at(4)).symbol, side: 'buy', ratio: 1 },
        { symbol: c.put(c.at(-4)).symbol, side: 'buy', ratio: 1 },
      ],
      quantity: 2,
      orderType: 'market',
    });
    await h.deliver();
    const measures = await measureRisk(h.deps, ACCOUNT);
    const full = measures.var.fullRevaluation!;
    expect(full).not.toBeNull();

    // Independently: SPY's daily returns, the 20-day realized volatility's daily change, each day's book.
    const account = (await h.deps.accounts.get(ACCOUNT))!;
    const model = await h.deps.riskModel.model(['SPY'], h.clock.now());
    const returns = model.returns[model.index.get('SPY')!]!;
    const realized = (end: number) => {
      const window = Array.from(returns.slice(end - 19, end + 1));
      const mean = window.reduce((a, b) => a + b, 0) / 20;
      return Math.sqrt((window.reduce((a, b) => a + (b - mean) ** 2, 0) / 19) * 252);
    };
    const held = Object.values(account.positions).map((position) => {
      const quote = [...c.expiry.calls, ...c.expiry.puts].find((q) => q.symbol === position.symbol)!;
      return { quantity: position.quantity, quote };
    });
    const value = (spotMove: number, volMove: number, days: number) =>
      held.reduce((sum, { quantity, quote }) => {
        const price = blackScholes({
          type: quote.contract.type,
          spot: c.expiry.spot * (1 + spotMove),
          strike: quote.contract.strike,
          rate: 0.04,
          volatility: Math.max(0.01, quote.impliedVolatility + volMove),
          timeToExpiry: Math.max(0, quote.timeToExpiry - days / 365),
        }).price;
        return sum + quantity * 100 * price;
      }, 0);
    const now = value(0, 0, 0);
    const pnl: number[] = [];
    for (let day = 20; day < returns.length; day++)
      pnl.push(value(returns[day]!, realized(day) - realized(day - 1), 1) - now);
    pnl.sort((a, b) => a - b);
    const percentile = (p: number) => {
      const rank = (pnl.length - 1) * p;
      const low = Math.floor(rank);
      return pnl[low]! + (pnl[low + 1]! - pnl[low]!) * (rank - low);
    };
    expect(full.scenarios).toBe(pnl.length);
    expect(full.var95).toBeCloseTo(-percentile(0.05), 6);
    expect(full.var99).toBeCloseTo(-percentile(0.01), 6);
    expect(full.worst).toBeCloseTo(-pnl[0]!, 6);
    expect(full.cvar95).toBeGreaterThanOrEqual(full.var95);
  });

  it('settles the expiration at its close: the out-of-the-money leg expires, the in-the-money one is exercised into shares', async () => {
    const c = await chainOf(h);
    const put = c.put(c.atm.contract.strike);
    await placeOptionOrder(h.deps, ACCOUNT, {
      orderClass: 'mleg',
      legs: [
        { symbol: c.atm.symbol, side: 'buy', ratio: 1 },
        { symbol: put.symbol, side: 'buy', ratio: 1 },
      ],
      quantity: 1,
      orderType: 'market',
    });
    await h.deliver();
    const market = h.deps.marketData as SimulatedMarketData;
    const deps = { accounts: h.deps.accounts, history: market, clock: h.clock };
    expect((await settleOptionExpiries(deps)).settled).toEqual([]); // before the close: nothing
    const close = expiryClose(c.expiry.expiration);
    h.clock.set(new Date(close.getTime() + 5 * 60_000));
    const run = await settleOptionExpiries(deps);
    const bars = await market.dailyBars(['SPY'], 1, new Date(close.getTime() + 1));
    const spyClose = bars.get('SPY')!.at(-1)!.close;
    const callInTheMoney = spyClose > c.atm.contract.strike;
    expect(run.settled).toHaveLength(1);
    expect(run.settled[0]!.settlements.map((s) => s.outcome).sort()).toEqual(['exercised', 'expired']);
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(Object.keys(account.positions).filter((symbol) => symbol.length > 8)).toEqual([]);
    // The exercised leg delivers 100 shares at the strike: bought for a call, sold (from none: settled in cash) for a put.
    expect(account.positions.SPY?.quantity ?? 0).toBe(callInTheMoney ? 100 : 0);
    const ledger = await h.deps.accounts.listLedger(ACCOUNT);
    const kinds = ledger.map((entry) => entry.kind);
    expect(kinds).toContain('exercise');
    expect(kinds).toContain('expiry');
    expect(ledger.find((entry) => entry.kind === 'exercise')!.note).toMatch(/exercised at SPY's close/);
    expect((await settleOptionExpiries(deps)).settled).toEqual([]); // once only
  });

  it('flattens a held condor on the emergency stop as one order, the only kind a halt lets through, and refuses new option orders', async () => {
    const c = await chainOf(h);
    await placeOptionOrder(h.deps, ACCOUNT, condor(c, 2));
    await h.deliver();
    const stop = await emergencyStop(h.deps, ACCOUNT, 'trader-1', { reason: 'test', flatten: true });
    expect(stop.flattened).toHaveLength(1);
    expect(stop.flattened[0]).toMatchObject({ quantity: 2, orderId: expect.any(String) });
    await h.deliver();
    const closing = (await h.deps.orders.get(ACCOUNT, stop.flattened[0]!.orderId!))!;
    expect(closing).toMatchObject({ status: 'filled', orderClass: 'mleg' });
    expect(closing.legs!.every((leg) => leg.positionIntent.endsWith('_to_close'))).toBe(true);
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING, expect);
    expect(account.positions).toEqual({});
    await expect(placeOptionOrder(h.deps, ACCOUNT, condor(c, 1))).rejects.toMatchObject({
      code: 'TRADING_HALTED',
    });
  });
});
