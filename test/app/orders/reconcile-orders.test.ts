import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../../lib/app/orders/place-order';
import { RECONCILE_AFTER_MS, reconcileOpenOrders } from '../../../lib/app/orders/reconcile-orders';
import { expectBooksReconcile } from '../../support/books';
import { orderHarness } from '../../support/order-harness';

describe('reconcileOpenOrders', () => {
  it('recovers fills whose reports were lost between the venue write and the send, applying them once', async () => {
    const h = orderHarness({ startingCash: 100_000 });
    const { order } = await placeOrder(h.deps, 'acct-1', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'immediate',
    });
    // The venue filled it, but the process died before the report reached the queue.
    h.reports.pending.length = 0;
    expect((await h.deps.accounts.get('acct-1'))!.openOrders[order.orderId]).toBeDefined();

    expect(await reconcileOpenOrders(h.deps)).toBe(0); // too young: its reports may still be on their way
    h.clock.advance(RECONCILE_AFTER_MS + 1);
    expect(await reconcileOpenOrders(h.deps)).toBe(1);
    await h.deliver();
    expect(await h.deps.orders.get('acct-1', order.orderId)).toMatchObject({
      status: 'filled',
      filledQuantity: 10,
    });
    const account = await expectBooksReconcile(h.deps.accounts, 'acct-1', 10_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(10);
    expect(account.openOrders).toEqual({});

    // Asking again finds nothing open; resending a finished order's reports changes nothing either.
    expect(await reconcileOpenOrders(h.deps)).toBe(0);
    await h.broker.resend('acct-1', order.clientOrderId);
    await h.deliver();
    expect((await h.deps.accounts.get('acct-1'))!.positions.AAPL?.quantity).toBe(10);
  });
});

describe('reconcileOpenOrders and workflows', () => {
  it('resumes the workflow of a parent left working (its execution ended with a restart), not of a finished one', async () => {
    const h = orderHarness({ startingCash: 5_000_000 });
    const { order } = await placeOrder(h.deps, 'acct-1', {
      symbol: 'MSFT',
      side: 'buy',
      quantity: 5_000,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'twap',
      twap: { durationSeconds: 600, slices: 5 },
    });
    expect(h.workflows.started).toEqual([order.orderId]);
    h.clock.advance(RECONCILE_AFTER_MS + 1);
    await reconcileOpenOrders(h.deps);
    expect(h.workflows.started).toEqual([order.orderId, order.orderId]);
  });
});
