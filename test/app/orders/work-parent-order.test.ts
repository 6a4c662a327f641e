import { beforeEach, describe, expect, it } from 'vitest';
import { cancelOrder } from '../../../lib/app/orders/cancel-order';
import { finalizeIfDone } from '../../../lib/app/orders/finalize-order';
import { placeOrder } from '../../../lib/app/orders/place-order';
import {
  finishParentWork,
  planTwapWork,
  runIcebergStep,
  runTwapSlice,
} from '../../../lib/app/orders/work-parent-order';
import { expectBooksReconcile } from '../../support/books';
import { type Harness, orderHarness } from '../../support/order-harness';

const ACCOUNT = 'acct-1';

async function runTwap(h: Harness, orderId: string, between?: (index: number) => Promise<void>) {
  const { slices } = await planTwapWork(h.deps, { account_id: ACCOUNT, order_id: orderId });
  for (const slice of slices) {
    h.clock.advance(slice.wait_seconds * 1000);
    await runTwapSlice(h.deps, slice);
    await h.deliver();
    await between?.(slice.index);
  }
  await finishParentWork(h.deps, { account_id: ACCOUNT, order_id: orderId });
  await h.deliver();
  return slices;
}

describe('TWAP', () => {
  let h: Harness;
  beforeEach(() => {
    h = orderHarness({ startingCash: 5_000_000 });
  });

  it('works 10,000 shares in 10 slices of {parent}-{n} to exactly 10,000 filled', async () => {
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10_000,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'auto',
      twap: { durationSeconds: 600, slices: 10 },
    });
    expect(order.execution).toBe('twap');
    expect(h.workflows.started).toEqual([order.orderId]);
    const slices = await runTwap(h, order.orderId);
    expect(slices).toHaveLength(10);
    const parent = await h.deps.orders.get(ACCOUNT, order.orderId);
    expect(parent).toMatchObject({ status: 'filled', filledQuantity: 10_000, childCount: 10 });
    const children = await h.deps.orders.children(ACCOUNT, order.orderId);
    expect(children.map((child) => child.clientOrderId)).toEqual(
      children.map((_c, i) => `${order.orderId}-${i + 1}`),
    );
    expect(children.reduce((sum, child) => sum + child.filledQuantity, 0)).toBe(10_000);
    expect(children.every((child) => child.status === 'filled')).toBe(true);
    for (const child of children) expect(child.averageFillPrice!).toBeLessThanOrEqual(order.protectionPrice);
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 500_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(10_000);
    expect(account.reservedCents).toBe(0);
  });

  it('adapts to partial fills: thin liquidity inside the band is never chased past it', async () => {
    h = orderHarness({ startingCash: 5_000_000, sharesPerLevel: 20 });
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10_000,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'twap',
      twap: { durationSeconds: 300, slices: 5 },
      maxSlippageBps: 5,
    });
    await runTwap(h, order.orderId);
    const parent = await h.deps.orders.get(ACCOUNT, order.orderId);
    expect(parent!.filledQuantity).toBeLessThan(10_000);
    expect(parent!.status).toBe('canceled');
    expect(parent!.history.at(-1)?.reason).toContain('unfilled');
    const children = await h.deps.orders.children(ACCOUNT, order.orderId);
    expect(children.reduce((sum, child) => sum + child.quantity, 0)).toBeGreaterThan(parent!.filledQuantity); // later slices caught up
    for (const child of children)
      if (child.averageFillPrice !== null)
        expect(child.averageFillPrice).toBeLessThanOrEqual(order.protectionPrice);
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 500_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(parent!.filledQuantity);
    expect(account.reservedCents).toBe(0);
  });

  it('sends no further child after a cancel, even when the remaining slices still run', async () => {
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10_000,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'twap',
      twap: { durationSeconds: 600, slices: 10 },
    });
    let submittedAtCancel = -1;
    await runTwap(h, order.orderId, async (index) => {
      if (index !== 3) return;
      const pending = await cancelOrder(h.deps, ACCOUNT, order.orderId);
      expect(['pending_cancel', 'canceled']).toContain(pending.status);
      submittedAtCancel = h.broker.submitted.length;
    });
    expect(h.workflows.stopped).toEqual([order.orderId]);
    expect(h.broker.submitted).toHaveLength(submittedAtCancel);
    expect(await h.deps.orders.children(ACCOUNT, order.orderId)).toHaveLength(3);
    const parent = await h.deps.orders.get(ACCOUNT, order.orderId);
    expect(parent).toMatchObject({ status: 'canceled', filledQuantity: 3_000 });
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 500_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(3_000);
    expect(account.reservedCents).toBe(0);
  });

  it('refuses a child that reaches the venue after the cancel (a slice racing the cancel)', async () => {
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 1_000,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'twap',
      twap: { durationSeconds: 60, slices: 2 },
    });
    await cancelOrder(h.deps, ACCOUNT, order.orderId);
    // The venue was told to cancel an order it never saw; the late submit must not trade.
    await h.paper.cancel(ACCOUNT, `${order.orderId}-1`);
    const late = await h.paper.submit({
      accountId: ACCOUNT,
      orderId: `${order.orderId}-1`,
      clientOrderId: `${order.orderId}-1`,
      symbol: 'AAPL',
      side: 'buy',
      quantity: 500,
      limitPrice: order.protectionPrice,
      timeInForce: 'ioc',
    });
    expect(late).toEqual({ status: 'rejected', reason: 'canceled before it arrived' });
    expect(h.reports.all.filter((report) => report.kind === 'fill')).toHaveLength(0);
  });
});

describe('iceberg', () => {
  it('shows one clip at a time and ends filled', async () => {
    const h = orderHarness({ startingCash: 1_000_000 });
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'MSFT',
      side: 'buy',
      quantity: 1_000,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'iceberg',
      iceberg: { displayQuantity: 300 },
    });
    const input = { account_id: ACCOUNT, order_id: order.orderId };
    for (let step = 0; step < 20; step++) {
      const working = (await h.deps.orders.children(ACCOUNT, order.orderId)).filter(
        (child) => !['filled', 'canceled', 'expired', 'rejected'].includes(child.status),
      );
      expect(working.length).toBeLessThanOrEqual(1);
      const result = await runIcebergStep(h.deps, input);
      await h.deliver();
      if (result.done) break;
    }
    const children = await h.deps.orders.children(ACCOUNT, order.orderId);
    expect(children.map((child) => child.quantity)).toEqual([300, 300, 300, 100]);
    expect(await h.deps.orders.get(ACCOUNT, order.orderId)).toMatchObject({
      status: 'filled',
      filledQuantity: 1_000,
    });
    await expectBooksReconcile(h.deps.accounts, ACCOUNT, 100_000_000, expect);
  });
});

describe('concurrent orders', () => {
  it('never overspends: 100 concurrent buys against buying power for about 30 of them', async () => {
    const h = orderHarness({ startingCash: 30 * 5 * 200 });
    // Identical orders on purpose: only buying power may decide here, not the duplicate guard.
    await h.setLimits(ACCOUNT, { duplicateWindowSeconds: 0, maxConcentration: 10 });
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        placeOrder(h.deps, ACCOUNT, {
          symbol: 'AAPL',
          side: 'buy',
          quantity: 5,
          orderType: 'market',
          timeInForce: 'day',
          execution: 'immediate',
          clientOrderId: `c-${i}`,
        }),
      ),
    );
    const accepted = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
    expect(accepted.length).toBeGreaterThan(20);
    expect(accepted.length).toBeLessThan(40);
    expect(new Set(refused.map((result) => (result.reason as { code: string }).code))).toEqual(
      new Set(['INSUFFICIENT_BUYING_POWER']),
    );
    await h.deliver();
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 3_000_000, expect);
    expect(account.cashCents).toBeGreaterThanOrEqual(0);
    expect(account.positions.AAPL?.quantity).toBe(accepted.length * 5);
    expect(h.broker.submitted).toHaveLength(accepted.length);
  });
});

describe('the end of a parent racing its last fill', () => {
  it('a parent finalized while its last child fill is between the order and the account write loses nothing', async () => {
    const h = orderHarness({ startingCash: 5_000_000 });
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 100,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'twap',
      twap: { durationSeconds: 60, slices: 1 },
    });
    const { slices } = await planTwapWork(h.deps, { account_id: ACCOUNT, order_id: order.orderId });
    await runTwapSlice(h.deps, slices[0]!);
    // The workflow's last step ran first: the parent waits for its child.
    await finishParentWork(h.deps, { account_id: ACCOUNT, order_id: order.orderId });
    // The child's fill (with its final word) is applied; just before its money moves, the
    // parent is finalized again — as a concurrent path (the workflow, a retry) would. Before the
    // fix the child had already ended here, so this released the reservation under the fill in
    // flight (across processes the fill's money was then skipped; in one process it deadlocks on
    // the account's turn — either way this test fails). Now the child ends only after its money.
    const accounts = h.deps.accounts;
    const save = accounts.save.bind(accounts);
    let interleaved = false;
    accounts.save = async (account, entries) => {
      if (!interleaved && entries.some((entry) => entry.kind === 'trade')) {
        interleaved = true;
        const parent = (await h.deps.orders.get(ACCOUNT, order.orderId))!;
        await finalizeIfDone(h.deps, parent);
      }
      return save(account, entries);
    };
    await h.deliver();
    expect(interleaved).toBe(true);
    expect(await h.deps.orders.get(ACCOUNT, order.orderId)).toMatchObject({
      status: 'filled',
      filledQuantity: 100,
    });
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 500_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(100);
    expect(account.reservedCents).toBe(0);
    expect(account.openOrders).toEqual({});
  });
});
