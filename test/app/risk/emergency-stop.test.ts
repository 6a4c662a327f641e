import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../../lib/app/orders/place-order';
import { planTwapWork, runTwapSlice } from '../../../lib/app/orders/work-parent-order';
import { emergencyStop, resetEmergencyStop } from '../../../lib/app/risk/emergency-stop';
import { DomainError } from '../../../lib/core/errors';
import { expectBooksReconcile } from '../../support/books';
import { marketBuy, orderHarness } from '../../support/order-harness';

const ACCOUNT = 'acct-1';
const buy = marketBuy;

describe('emergency stop', () => {
  it('halts, cancels every open order, refuses new ones with TRADING_HALTED, and an admin reset re-enables', async () => {
    const h = orderHarness({ startingCash: 1_000_000 });
    const resting = await placeOrder(h.deps, ACCOUNT, { ...buy(100), orderType: 'limit', limitPrice: 150 });
    await h.deliver();

    const result = await emergencyStop(h.deps, ACCOUNT, 'trader-1', { reason: 'fat finger' });
    expect(result.state).toMatchObject({ state: 'HALTED', reason: 'fat finger', changedBy: 'trader-1' });
    expect(result.ordersCanceled).toEqual([resting.order.orderId]);
    await h.deliver();
    expect((await h.deps.orders.get(ACCOUNT, resting.order.orderId))?.status).toBe('canceled');

    const refused = await placeOrder(h.deps, ACCOUNT, buy(1)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('TRADING_HALTED');
    expect(h.broker.submitted).toHaveLength(1); // only the order from before the stop

    await resetEmergencyStop(h.deps, ACCOUNT, 'admin-1', 'checked');
    await placeOrder(h.deps, ACCOUNT, buy(1));
    await h.deliver();
    // Every decision is audited with the stop and the reset, in order.
    expect(h.deps.audit.records.map((record) => record.action)).toEqual([
      'pre_trade_approve',
      'emergency_stop',
      'venue_cancel_all',
      'pre_trade_reject',
      'emergency_stop_reset',
      'pre_trade_approve',
    ]);
    expect(h.deps.audit.records[3]?.detail).toMatchObject({
      decision: { outcome: 'reject', code: 'TRADING_HALTED' },
      inputs: { tradingState: 'HALTED' },
    });
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 100_000_000, expect);
    expect(account.positions.AAPL?.quantity).toBe(1);
  });

  it('also mass-cancels at the broker what the platform’s books do not show (an order sent just before a crash)', async () => {
    const h = orderHarness({ startingCash: 1_000_000 });
    // At the venue, resting, but never recorded by the platform.
    await h.paper.submit({
      accountId: ACCOUNT,
      orderId: 'o-orphan',
      clientOrderId: 'o-orphan',
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10,
      limitPrice: 100,
      timeInForce: 'gtc',
    });
    const result = await emergencyStop(h.deps, ACCOUNT, 'trader-1', { reason: 'crash recovery' });
    expect(result.ordersCanceled).toEqual([]);
    expect(result.venueCancels).toEqual({ results: [{ clientOrderId: 'o-orphan', accepted: true }] });
    expect(await h.paper.knows(ACCOUNT, 'o-orphan')).toBe(true);
    expect((await h.paper.cancelAll(ACCOUNT)).length).toBe(0); // nothing left working
    expect(h.deps.audit.records.find((record) => record.action === 'venue_cancel_all')?.detail).toEqual({
      results: [{ clientOrderId: 'o-orphan', accepted: true }],
    });
  });

  it('wins against a running TWAP: after it is acknowledged, no child reaches the broker', async () => {
    const h = orderHarness({ startingCash: 5_000_000 });
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      ...buy(10_000),
      execution: 'twap',
      twap: { durationSeconds: 600, slices: 10 },
    });
    const { slices } = await planTwapWork(h.deps, { account_id: ACCOUNT, order_id: order.orderId });
    let submittedAtStop = -1;
    for (const slice of slices) {
      await runTwapSlice(h.deps, slice);
      await h.deliver();
      if (slice.index === 2) {
        const stop = await emergencyStop(h.deps, ACCOUNT, 'trader-1');
        expect(stop.executionsStopped).toEqual([order.orderId]);
        submittedAtStop = h.broker.submitted.length;
      }
    }
    await h.deliver();
    expect(h.broker.submitted).toHaveLength(submittedAtStop);
    expect(await h.deps.orders.get(ACCOUNT, order.orderId)).toMatchObject({
      status: 'canceled',
      filledQuantity: 2_000,
    });
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 500_000_000, expect);
    expect(account.reservedCents).toBe(0);
  });

  it('stops a slice that had passed every other check when the halt lands (the halt is read just before sending)', async () => {
    const h = orderHarness({ startingCash: 5_000_000 });
    const { order } = await placeOrder(h.deps, ACCOUNT, {
      ...buy(1_000),
      execution: 'twap',
      twap: { durationSeconds: 60, slices: 2 },
    });
    // Halt without cancelling (as a halt set by another process would be seen): the next slice must not go.
    await h.tradingStates.save({
      accountId: ACCOUNT,
      state: 'HALTED',
      reason: 'test',
      changedAt: '',
      changedBy: 'test',
      version: 1,
    });
    await runTwapSlice(h.deps, { account_id: ACCOUNT, order_id: order.orderId, index: 1, slice_count: 2 });
    expect(h.broker.submitted).toHaveLength(0);
    const [child] = await h.deps.orders.children(ACCOUNT, order.orderId);
    expect(child).toMatchObject({ status: 'canceled' });
    expect(child?.history.at(-1)?.reason).toContain('trading halted');
  });

  it('fails closed: when the trading state cannot be read, no order goes out', async () => {
    const h = orderHarness({ startingCash: 1_000_000 });
    h.tradingStates.failReads = true;
    await expect(placeOrder(h.deps, ACCOUNT, buy(1))).rejects.toMatchObject({
      code: 'TRADING_STATE_UNAVAILABLE',
      kind: 'unavailable',
    });
    expect(h.broker.submitted).toHaveLength(0);
  });

  it('flattens positions when asked, with the only orders a halt lets through', async () => {
    const h = orderHarness({ startingCash: 1_000_000 });
    await placeOrder(h.deps, ACCOUNT, buy(5));
    await placeOrder(h.deps, ACCOUNT, { ...buy(3), symbol: 'MSFT' });
    await h.deliver();
    const result = await emergencyStop(h.deps, ACCOUNT, 'trader-1', { flatten: true });
    expect(result.flattened.map((f) => [f.symbol, f.quantity, f.error])).toEqual([
      ['AAPL', 5, undefined],
      ['MSFT', 3, undefined],
    ]);
    await h.deliver();
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 100_000_000, expect);
    expect(account.positions).toEqual({});
    expect((await h.tradingStates.get(ACCOUNT)).state).toBe('HALTED');
  });

  it('refuses a reset when nothing is halted', async () => {
    const h = orderHarness();
    await expect(resetEmergencyStop(h.deps, ACCOUNT, 'admin-1')).rejects.toMatchObject({
      code: 'NOT_HALTED',
    });
  });
});
