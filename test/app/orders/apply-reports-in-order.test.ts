import { beforeEach, describe, expect, it } from 'vitest';
import { applyExecutionReportsInOrder } from '../../../lib/app/orders/apply-execution-report';
import { cancelOrder } from '../../../lib/app/orders/cancel-order';
import { placeOrder } from '../../../lib/app/orders/place-order';
import type { AccountRepository } from '../../../lib/app/ports/account-repository';
import type { OrderRepository } from '../../../lib/app/ports/order-repository';
import type { ExecutionReport } from '../../../lib/app/ports/execution-reports';
import { expectBooksReconcile } from '../../support/books';
import { type Harness, marketBuy, orderHarness } from '../../support/order-harness';

const ACCOUNT = 'acct-batch';
const OPENING_CENTS = 10_000_000;

// The queue handler applies a batch of reports in order and reports the first it could not
// apply; SQS redelivers that one and every one after it. Whatever failed where, the
// redelivery must book each fill exactly once.
describe('applyExecutionReportsInOrder', () => {
  let h: Harness;
  let reports: ExecutionReport[];
  beforeEach(async () => {
    h = orderHarness({ startingCash: OPENING_CENTS / 100 });
    for (const quantity of [3, 4, 5, 6]) {
      await placeOrder(h.deps, ACCOUNT, marketBuy(quantity));
    }
    reports = h.reports.pending.splice(0);
    expect(reports.filter((report) => report.kind === 'fill').length).toBeGreaterThanOrEqual(4);
  });

  const fillsBooked = async () => {
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, OPENING_CENTS, expect);
    return account.positions.AAPL?.quantity ?? 0;
  };

  it('applies a whole batch and books every fill once', async () => {
    expect(await applyExecutionReportsInOrder(h.deps, reports)).toEqual({ applied: reports.length });
    expect(await fillsBooked()).toBe(18);
    expect((await h.deps.accounts.get(ACCOUNT))!.openOrders).toEqual({});
  });

  it('stops at a report whose order write fails; redelivering from there books each fill once', async () => {
    const failAt = 2;
    const failing = reports[failAt]!;
    let failed = false;
    const orders = Object.create(h.deps.orders) as OrderRepository;
    orders.save = async (order) => {
      if (!failed && order.orderId === failing.orderId) {
        failed = true;
        throw new Error('throttled');
      }
      return h.deps.orders.save(order);
    };
    const first = await applyExecutionReportsInOrder({ ...h.deps, orders }, reports);
    expect(first.applied).toBe(failAt);
    expect(String(first.error)).toContain('throttled');

    const again = await applyExecutionReportsInOrder(h.deps, reports.slice(first.applied));
    expect(again).toEqual({ applied: reports.length - failAt });
    expect(await fillsBooked()).toBe(18);
  });

  it('reports the first report whose account write failed, even after later ones began; redelivery books each fill once', async () => {
    let saves = 0;
    const accounts = Object.create(h.deps.accounts) as AccountRepository;
    accounts.save = async (account, entries) => {
      saves++;
      if (saves === 2) throw new Error('the account write timed out');
      return h.deps.accounts.save(account, entries);
    };
    const first = await applyExecutionReportsInOrder({ ...h.deps, accounts }, reports);
    expect(first.applied).toBeGreaterThan(0);
    expect(first.applied).toBeLessThan(reports.length);
    expect(String(first.error)).toContain('timed out');
    // What it says was applied is booked; the failed write's fill is not. Later ones may be
    // (their writes went through): redelivering them must not count them twice.
    const quantityOf = (batch: ExecutionReport[]) =>
      batch.reduce((sum, report) => sum + (report.kind === 'fill' ? report.quantity : 0), 0);
    const held = (await h.deps.accounts.get(ACCOUNT))!.positions.AAPL?.quantity ?? 0;
    expect(held).toBeGreaterThanOrEqual(quantityOf(reports.slice(0, first.applied)));
    expect(held).toBeLessThan(18);

    const again = await applyExecutionReportsInOrder(h.deps, reports.slice(first.applied));
    expect(again).toEqual({ applied: reports.length - first.applied });
    expect(await fillsBooked()).toBe(18);
    expect((await h.deps.accounts.get(ACCOUNT))!.openOrders).toEqual({});
  });

  it('never releases an order whose fill has not moved money yet: a lost account write is booked on redelivery', async () => {
    // A market buy the thin book fills only in part: the rest rests until cancelled.
    const thin = orderHarness({ startingCash: 5_000_000, sharesPerLevel: 20 });
    const { order } = await placeOrder(thin.deps, ACCOUNT, marketBuy(5_000));
    const [partial] = thin.reports.pending.splice(0).filter((report) => report.kind === 'fill');
    expect(partial).toBeDefined();
    expect(partial!.kind === 'fill' && partial!.final).toBeFalsy();

    // The fill's account write fails (its order write went through)…
    const accounts = Object.create(thin.deps.accounts) as AccountRepository;
    accounts.save = async () => {
      throw new Error('the account write timed out');
    };
    expect((await applyExecutionReportsInOrder({ ...thin.deps, accounts }, [partial!])).applied).toBe(0);
    // …and the order ends (cancelled) before the fill is redelivered: its end must not release
    // the reservation the fill still draws on, or the redelivered fill would find none.
    await cancelOrder(thin.deps, ACCOUNT, order.orderId);
    const ends = thin.reports.pending.splice(0);
    expect(await applyExecutionReportsInOrder(thin.deps, ends)).toEqual({ applied: ends.length });
    expect((await thin.deps.orders.get(ACCOUNT, order.orderId))!.status).toBe('canceled');
    expect((await thin.deps.accounts.get(ACCOUNT))!.openOrders[order.orderId]).toBeDefined();

    // SQS redelivers the fill: its money moves and the reservation is released with it.
    expect(await applyExecutionReportsInOrder(thin.deps, [partial!, ...ends])).toEqual({
      applied: ends.length + 1,
    });
    const account = await expectBooksReconcile(thin.deps.accounts, ACCOUNT, 500_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(partial!.kind === 'fill' ? partial!.quantity : -1);
    expect(account.openOrders).toEqual({});
  });
});
