import { beforeEach, describe, expect, it } from 'vitest';
import { cancelOrder } from '../../../lib/app/orders/cancel-order';
import { placeOrder } from '../../../lib/app/orders/place-order';
import { marketSnapshot } from '../../../lib/app/risk/risk-context';
import { DomainError } from '../../../lib/core/errors';
import { expectBooksReconcile } from '../../support/books';
import { type Harness, orderHarness } from '../../support/order-harness';

const ACCOUNT = 'acct-1';

describe('placeOrder → paper venue → execution reports', () => {
  let h: Harness;
  beforeEach(() => {
    h = orderHarness({ startingCash: 100_000 });
  });

  it('fills a small market buy at once and books it exactly', async () => {
    const { order, replayed } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 5,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'auto',
    });
    expect(replayed).toBe(false);
    expect(order.execution).toBe('immediate');
    expect(order.status).toBe('new'); // the venue's accepted report moves it on
    await h.deliver();
    const filled = await h.deps.orders.get(ACCOUNT, order.orderId);
    expect(filled).toMatchObject({ status: 'filled', filledQuantity: 5 });
    expect(filled!.averageFillPrice!).toBeLessThanOrEqual(order.protectionPrice);
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 10_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(5);
    expect(account.openOrders).toEqual({});
    expect(account.reservedCents).toBe(0);
  });

  it('rests a limit order below the market and releases it on cancel', async () => {
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 100,
      orderType: 'limit',
      limitPrice: 150,
      timeInForce: 'day',
      execution: 'auto',
    });
    expect(order.execution).toBe('immediate');
    await h.deliver();
    expect((await h.deps.accounts.get(ACCOUNT))!.reservedCents).toBeGreaterThan(1_500_000);
    expect((await h.deps.orders.get(ACCOUNT, order.orderId))!.status).toBe('accepted');
    const pending = await cancelOrder(h.deps, ACCOUNT, order.orderId);
    expect(pending.status).toBe('pending_cancel');
    await h.deliver();
    expect((await h.deps.orders.get(ACCOUNT, order.orderId))!.status).toBe('canceled');
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 10_000_000, expect);
    expect(account.reservedCents).toBe(0);
  });

  it('replays the same client order id and request, and refuses the id with another request', async () => {
    const request = {
      symbol: 'AAPL',
      side: 'buy' as const,
      quantity: 5,
      orderType: 'market' as const,
      timeInForce: 'day' as const,
      execution: 'auto' as const,
      clientOrderId: 'my-key-1',
    };
    const first = await placeOrder(h.deps, ACCOUNT, request);
    const again = await placeOrder(h.deps, ACCOUNT, request);
    expect(again).toEqual({
      order: expect.objectContaining({ orderId: first.order.orderId }),
      replayed: true,
    });
    await expect(placeOrder(h.deps, ACCOUNT, { ...request, quantity: 6 })).rejects.toMatchObject({
      code: 'CLIENT_ORDER_ID_REUSED',
      kind: 'conflict',
    });
    expect(h.broker.submitted).toHaveLength(1);
  });

  it.each([
    ['an unknown symbol', { symbol: 'ZZZZ' }, 'UNKNOWN_SYMBOL'],
    ['an order over the size limit', { quantity: 200_000 }, 'MAX_ORDER_QUANTITY'],
    [
      'a limit far through the market (price collar)',
      { orderType: 'limit', limitPrice: 400 },
      'PRICE_COLLAR',
    ],
    ['a limit off the tick', { orderType: 'limit', limitPrice: 150.001 }, 'ORDER_INVALID'],
    ['more buying power than there is', { quantity: 2_000 }, 'INSUFFICIENT_BUYING_POWER'],
    ['a sale of shares not held', { side: 'sell' }, 'INSUFFICIENT_POSITION'],
  ] as const)('refuses %s with %s and sends nothing', async (_name, change, code) => {
    const request = {
      symbol: 'AAPL',
      side: 'buy' as const,
      quantity: 10,
      orderType: 'market' as const,
      timeInForce: 'day' as const,
      execution: 'immediate' as const,
      ...change,
    };
    await h.setLimits(ACCOUNT, { maxConcentration: 10 }); // let buying power be what binds
    const failure = await placeOrder(h.deps, ACCOUNT, request as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).code).toBe(code);
    expect(h.broker.submitted).toHaveLength(0);
    const account = await h.deps.accounts.get(ACCOUNT);
    expect(account?.reservedCents ?? 0).toBe(0);
  });

  it('refuses a market order when the market is closed, naming the next open', async () => {
    h.clock.set(new Date('2026-11-21T16:00:00Z')); // Saturday
    await expect(
      placeOrder(h.deps, ACCOUNT, {
        symbol: 'AAPL',
        side: 'buy',
        quantity: 1,
        orderType: 'market',
        timeInForce: 'day',
        execution: 'auto',
      }),
    ).rejects.toMatchObject({
      code: 'MARKET_CLOSED',
      message: expect.stringContaining('2026-11-23T14:30:00.000Z'),
    });
  });

  it('applies every report exactly once when the queue delivers each twice', async () => {
    await placeOrder(h.deps, ACCOUNT, {
      symbol: 'MSFT',
      side: 'buy',
      quantity: 20,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'immediate',
    });
    await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 2,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'immediate',
    });
    await h.deliver({ twice: true });
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 10_000_000, expect);
    expect(account.positions.MSFT?.quantity).toBe(20);
    expect(account.positions.AAPL?.quantity).toBe(2);
    const fills = h.reports.all.filter((report) => report.kind === 'fill');
    const ledger = await h.deps.accounts.listLedger(ACCOUNT);
    expect(ledger.filter((entry) => entry.kind === 'trade')).toHaveLength(fills.length);
  });

  it('sells part of a position and realises P&L against average cost', async () => {
    await placeOrder(h.deps, ACCOUNT, {
      symbol: 'JNJ',
      side: 'buy',
      quantity: 30,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'immediate',
    });
    await h.deliver();
    h.clock.advance(3_600_000);
    await placeOrder(h.deps, ACCOUNT, {
      symbol: 'JNJ',
      side: 'sell',
      quantity: 10,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'immediate',
    });
    await h.deliver();
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 10_000_000, expect);
    expect(account.positions.JNJ?.quantity).toBe(20);
  });
});

describe('resting orders matched later by the venue', () => {
  it('delivers the fill of a resting limit as soon as the market reaches it (no reconciliation needed)', async () => {
    const h = orderHarness({ startingCash: 100_000 });
    const quote = (await h.deps.marketData.getQuotes(['AAPL'])).get('AAPL')!;
    // A buy at today's bid does not cross the ask now: it rests.
    const { order } = await placeOrder(h.deps, 'acct-1', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10,
      orderType: 'limit',
      limitPrice: quote.bid,
      timeInForce: 'day',
      execution: 'auto',
    });
    await h.deliver();
    expect((await h.deps.orders.get('acct-1', order.orderId))?.status).toBe('accepted');
    let filled = false;
    for (let minute = 1; minute <= 180 && !filled; minute++) {
      h.clock.advance(60_000);
      await h.paper.matchResting();
      await h.deliver();
      filled = (await h.deps.orders.get('acct-1', order.orderId))?.status === 'filled';
    }
    expect(filled).toBe(true);
    const account = await expectBooksReconcile(h.deps.accounts, 'acct-1', 10_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(10);
    expect(account.reservedCents).toBe(0);
  });
});

describe('the market snapshot an order is decided on', () => {
  it('prices the symbols of the account’s open orders too, so their fills cannot outrun it', async () => {
    const h = orderHarness({ startingCash: 100_000 });
    await placeOrder(h.deps, ACCOUNT, {
      symbol: 'XOM',
      side: 'buy',
      quantity: 10,
      orderType: 'limit',
      limitPrice: 1,
      timeInForce: 'day',
      execution: 'immediate',
    });
    await h.deliver();
    const account = (await h.deps.accounts.get(ACCOUNT))!;
    expect(account.positions.XOM).toBeUndefined(); // resting, not held
    const snapshot = await marketSnapshot(h.deps, account, 'AAPL', h.clock.now());
    expect([...snapshot.quotes.keys()].sort()).toEqual(['AAPL', 'XOM']);
  });
});
