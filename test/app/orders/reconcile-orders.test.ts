import { describe, expect, it } from 'vitest';
import { placeOrder, type PlaceOrderRequest } from '../../../lib/app/orders/place-order';
import { finishParentWork, planTwapWork, runTwapSlice } from '../../../lib/app/orders/work-parent-order';
import {
  RECONCILE_AFTER_MS,
  reconcileOpenOrders,
  UNRESERVED_AFTER_MS,
} from '../../../lib/app/orders/reconcile-orders';
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

/** A 200-share MSFT TWAP in two slices, placed and planned (its slices are run by the test). */
async function twapOf200InTwoSlices(h: ReturnType<typeof orderHarness>) {
  const { order } = await placeOrder(h.deps, 'acct-1', {
    symbol: 'MSFT',
    side: 'buy',
    quantity: 200,
    orderType: 'market',
    timeInForce: 'day',
    execution: 'twap',
    twap: { durationSeconds: 60, slices: 2 },
  });
  const { slices } = await planTwapWork(h.deps, { account_id: 'acct-1', order_id: order.orderId });
  return { order, slices };
}

/** A 5,000-share MSFT market buy worked by a workflow, on a fresh harness. */
async function workedParent(how: Pick<PlaceOrderRequest, 'execution' | 'twap' | 'iceberg'>) {
  const h = orderHarness({ startingCash: 5_000_000 });
  const { order } = await placeOrder(h.deps, 'acct-1', {
    symbol: 'MSFT',
    side: 'buy',
    quantity: 5_000,
    orderType: 'market',
    timeInForce: 'day',
    ...how,
  });
  return { h, order };
}

describe('reconcileOpenOrders and workflows', () => {
  it('resumes the workflow of a parent left working (its execution ended with a restart), not of a finished one', async () => {
    const { h, order } = await workedParent({ execution: 'twap', twap: { durationSeconds: 600, slices: 5 } });
    expect(h.workflows.started).toEqual([order.orderId]);
    h.clock.advance(RECONCILE_AFTER_MS + 1);
    await reconcileOpenOrders(h.deps);
    expect(h.workflows.started).toEqual([order.orderId]); // still running: left alone
    h.workflows.lose(order.orderId);
    await reconcileOpenOrders(h.deps);
    expect(h.workflows.started).toEqual([order.orderId, order.orderId]);
  });

  it('cancels a parent whose run died where nothing caught it, releasing its reservation', async () => {
    const { h, order } = await workedParent({ execution: 'iceberg', iceberg: { displayQuantity: 100 } });
    expect((await h.deps.accounts.get('acct-1'))!.openOrders[order.orderId]).toBeDefined();
    h.workflows.die(order.orderId); // e.g. its execution history filled up: no Catch runs
    h.clock.advance(RECONCILE_AFTER_MS + 1);
    await reconcileOpenOrders(h.deps);
    await h.deliver();
    expect(await h.deps.orders.get('acct-1', order.orderId)).toMatchObject({ status: 'canceled' });
    expect((await h.deps.accounts.get('acct-1'))!.openOrders).toEqual({});
    expect(h.workflows.started).toEqual([order.orderId]); // not restarted
  });

  it('ends a slice claimed but never sent (killed in between), so its TWAP finishes with what it filled', async () => {
    const h = orderHarness({ startingCash: 5_000_000 });
    const { order, slices } = await twapOf200InTwoSlices(h);
    await runTwapSlice(h.deps, slices[0]!);
    await h.deliver();
    const submit = h.broker.submit.bind(h.broker);
    h.broker.submit = async () => {
      throw new Error('the host was killed');
    };
    await expect(runTwapSlice(h.deps, slices[1]!)).rejects.toThrow('killed');
    h.broker.submit = submit;
    const orphan = (await h.deps.orders.children('acct-1', order.orderId)).find(
      (child) => child.childIndex === 2,
    )!;
    expect(orphan).toMatchObject({ status: 'accepted', filledQuantity: 0 });

    // The host restarts: the slice ends (nothing was sent), the restarted workflow finishes.
    await reconcileOpenOrders(h.deps, { olderThanMs: 0, repairUnreserved: true, noneInFlight: true });
    expect(await h.deps.orders.get('acct-1', orphan.orderId)).toMatchObject({ status: 'canceled' });
    await runTwapSlice(h.deps, slices[1]!); // the resumed workflow's step: nothing to send again
    await finishParentWork(h.deps, { account_id: 'acct-1', order_id: order.orderId });
    await h.deliver();
    expect(await h.deps.orders.get('acct-1', order.orderId)).toMatchObject({
      status: 'canceled',
      filledQuantity: 100,
    });
    expect(h.broker.submitted.filter((sent) => sent.clientOrderId === orphan.clientOrderId)).toEqual([]);
    const account = await expectBooksReconcile(h.deps.accounts, 'acct-1', 500_000_000, expect);
    expect(account).toMatchObject({ reservedCents: 0, openOrders: {} });
  });

  it('ends a TWAP whose slices filled it completely even if its workflow died before its last step', async () => {
    const h = orderHarness({ startingCash: 5_000_000 });
    const { order, slices } = await twapOf200InTwoSlices(h);
    for (const slice of slices) {
      await runTwapSlice(h.deps, slice);
      await h.deliver();
    }
    // The host died here: `finishParentWork` never ran. Nothing more can happen to the order.
    const parent = await h.deps.orders.get('acct-1', order.orderId);
    expect(parent).toMatchObject({ status: 'filled', filledQuantity: 200 });
    expect(parent!.workComplete).toBeFalsy();
    const account = await expectBooksReconcile(h.deps.accounts, 'acct-1', 500_000_000, expect);
    expect(account).toMatchObject({ reservedCents: 0, openOrders: {} });
  });
});

describe('reconcileOpenOrders after a crash inside placement', () => {
  const request = {
    symbol: 'AAPL',
    side: 'buy' as const,
    quantity: 10,
    orderType: 'market' as const,
    timeInForce: 'day' as const,
    execution: 'immediate' as const,
    clientOrderId: 'crash-1',
  };

  it('ends an order that was reserved but never reached the venue, and gives its money back', async () => {
    const h = orderHarness({ startingCash: 100_000 });
    // The process dies between the reservation and the submit: the venue never hears of it.
    h.broker.submit = async () => {
      throw new Error('the host was killed');
    };
    await expect(placeOrder(h.deps, 'acct-1', request)).rejects.toThrow('killed');
    const stuck = await h.deps.orders.get(
      'acct-1',
      Object.keys((await h.deps.accounts.get('acct-1'))!.openOrders)[0]!,
    );
    expect(stuck).toMatchObject({ status: 'new' });
    expect((await h.deps.accounts.get('acct-1'))!.reservedCents).toBeGreaterThan(0);

    h.clock.advance(UNRESERVED_AFTER_MS - 1);
    await reconcileOpenOrders(h.deps, { olderThanMs: 0 });
    expect(await h.deps.orders.get('acct-1', stuck!.orderId)).toMatchObject({ status: 'new' }); // may still be in flight
    h.clock.advance(2);
    await reconcileOpenOrders(h.deps, { olderThanMs: 0 });
    expect(await h.deps.orders.get('acct-1', stuck!.orderId)).toMatchObject({ status: 'canceled' });
    const account = await expectBooksReconcile(h.deps.accounts, 'acct-1', 10_000_000, expect);
    expect(account).toMatchObject({ reservedCents: 0, openOrders: {}, cashCents: 10_000_000 });
    expect(h.broker.submitted).toEqual([]);
  });

  it('ends an interrupted order at once when nothing can be in flight (a host starting before it takes requests)', async () => {
    const h = orderHarness({ startingCash: 100_000 });
    h.broker.submit = async () => {
      throw new Error('the host was killed');
    };
    await expect(placeOrder(h.deps, 'acct-1', { ...request, clientOrderId: 'crash-2' })).rejects.toThrow(
      'killed',
    );
    const stuck = Object.keys((await h.deps.accounts.get('acct-1'))!.openOrders)[0]!;
    await reconcileOpenOrders(h.deps, { olderThanMs: 0, repairUnreserved: true, noneInFlight: true });
    expect(await h.deps.orders.get('acct-1', stuck)).toMatchObject({ status: 'canceled' });
    expect(await expectBooksReconcile(h.deps.accounts, 'acct-1', 10_000_000, expect)).toMatchObject({
      reservedCents: 0,
    });
  });

  it('rejects an order that was written but never reserved, so a replay of its client id says so', async () => {
    const h = orderHarness({ startingCash: 100_000 });
    // The process dies between writing the order and reserving for it.
    h.deps.accounts.save = async () => {
      throw new Error('the host was killed');
    };
    await expect(placeOrder(h.deps, 'acct-1', request)).rejects.toThrow('killed');
    const listed = await h.deps.orders.list('acct-1', { status: 'new' }, { limit: 10 });
    expect(listed.orders).toHaveLength(1);
    h.clock.advance(UNRESERVED_AFTER_MS + 1);
    await reconcileOpenOrders(h.deps); // the periodic pass leaves it to the start-up one
    expect(await h.deps.orders.get('acct-1', listed.orders[0]!.orderId)).toMatchObject({ status: 'new' });
    await reconcileOpenOrders(h.deps, { olderThanMs: 0, repairUnreserved: true });
    const ended = await h.deps.orders.get('acct-1', listed.orders[0]!.orderId);
    expect(ended).toMatchObject({ status: 'rejected' });
    expect(ended!.history.at(-1)!.reason).toMatch(/before its reservation/);
  });

  it('starts up past an order its status index shows but its table never stored (a crash between the two writes)', async () => {
    const h = orderHarness({ startingCash: 100_000 });
    await placeOrder(h.deps, 'acct-1', request);
    const [placed] = (await h.deps.orders.list('acct-1', {}, { limit: 10 })).orders;
    // dynalite writes an item's index entries before the item: killed in between, the index
    // lists an order (here a new one and a working parent) that the table does not hold.
    const phantom = (status: 'new' | 'accepted', orderId: string) => ({
      ...placed!,
      orderId,
      clientOrderId: orderId,
      status,
      execution: 'twap' as const,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const list = h.deps.orders.list.bind(h.deps.orders);
    h.deps.orders.list = async (accountId, filter, page) => {
      const listed = await list(accountId, filter, page);
      const extra =
        filter.status === 'new' || filter.status === 'accepted'
          ? [phantom(filter.status, `o-phantom-${filter.status}`)]
          : [];
      return { ...listed, orders: [...extra, ...listed.orders] };
    };
    h.clock.advance(UNRESERVED_AFTER_MS + 1);
    await expect(
      reconcileOpenOrders(h.deps, { olderThanMs: 0, repairUnreserved: true, noneInFlight: true }),
    ).resolves.toBeTypeOf('number');
    expect(await h.deps.orders.get('acct-1', 'o-phantom-new')).toBeNull();
  });
});
