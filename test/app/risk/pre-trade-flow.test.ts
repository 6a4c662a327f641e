import { performanceReport } from '../../../lib/app/reports/performance-report';
import { InMemoryStrategyConfigRepository } from '../../../lib/adapters/memory/in-memory-strategy-config-repository';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderIdFor } from '../../../lib/app/orders/order-ids';
import { placeOrder, type PlaceOrderRequest } from '../../../lib/app/orders/place-order';
import { finishParentWork, planTwapWork, runTwapSlice } from '../../../lib/app/orders/work-parent-order';
import { haltOnAlarm } from '../../../lib/app/risk/halt-on-alarm';
import { monitorRisk } from '../../../lib/app/risk/monitor-risk';
import { getRiskLimits, updateRiskLimits } from '../../../lib/app/risk/risk-limits';
import { DomainError } from '../../../lib/core/errors';
import { DEFAULT_RISK_LIMITS } from '../../../lib/core/risk/limits';
import { expectBooksReconcile } from '../../support/books';
import { type Harness, orderHarness } from '../../support/order-harness';

const ACCOUNT = 'acct-risk';

const order = (change: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  symbol: 'JNJ',
  side: 'buy',
  quantity: 10,
  orderType: 'market',
  timeInForce: 'day',
  execution: 'immediate',
  ...change,
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

describe('the pre-trade engine on the order path', () => {
  let h: Harness;
  beforeEach(() => {
    h = orderHarness({ startingCash: 100_000 });
  });

  it('cuts a too-concentrated order down, records why, and reserves only what is sent', async () => {
    await h.setLimits(ACCOUNT, { maxConcentration: 0.1 });
    const { order: placed } = await placeOrder(h.deps, ACCOUNT, order({ quantity: 500 }));
    // 10% of $100,000 at about $155 a share: well under 500.
    expect(placed.quantity).toBeLessThan(70);
    expect(placed.quantity).toBeGreaterThan(55);
    expect(placed.history[0]?.reason).toMatch(/risk adjusted 500 → \d+ \(CONCENTRATION_LIMIT\)/);
    const decision = h.deps.audit.records.find((record) => record.action === 'pre_trade_adjust');
    expect(decision?.detail).toMatchObject({
      decision: {
        outcome: 'adjust',
        requestedQuantity: 500,
        quantity: placed.quantity,
        code: 'CONCENTRATION_LIMIT',
      },
      inputs: { equityCents: 10_000_000 },
    });
    await h.deliver();
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 10_000_000, expect);
    expect(account.positions.JNJ?.quantity).toBe(placed.quantity);
  });

  it('a rejection reserves and sends nothing, keeps the named order as rejected, is audited and alerts', async () => {
    await h.setLimits(ACCOUNT, { restrictedSymbols: ['JNJ'] });
    const failure = await placeOrder(h.deps, ACCOUNT, order({ clientOrderId: 'c-1' })).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: 'SYMBOL_RESTRICTED', kind: 'unprocessable' });
    expect((failure as DomainError).details?.[0]?.field).toBe('symbol');
    // The client order id is spent: the refusal is kept so a replay is refused the same way.
    expect(await h.deps.orders.get(ACCOUNT, orderIdFor(ACCOUNT, 'c-1'))).toMatchObject({
      status: 'rejected',
      rejection: { code: 'SYMBOL_RESTRICTED' },
    });
    expect((await h.deps.accounts.get(ACCOUNT))?.openOrders ?? {}).toEqual({});
    expect(h.broker.submitted).toEqual([]);
    expect(h.deps.audit.records.map((record) => record.action)).toEqual(['pre_trade_reject']);
    expect(await h.deps.alerts.list(ACCOUNT)).toMatchObject([
      { level: 'warning', code: 'SYMBOL_RESTRICTED' },
    ]);
    expect(h.deps.alertPublisher.published).toEqual([]); // one rejection is listed, not sent to people
  });

  it('a burst of rejections is announced once per window (REJECTIONS_ABOVE_THRESHOLD); each stays listed only', async () => {
    await h.setLimits(ACCOUNT, { restrictedSymbols: ['JNJ'] });
    const refuse = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await placeOrder(h.deps, ACCOUNT, order()).catch(() => undefined);
        h.clock.advance(10_000);
      }
    };
    await refuse(4);
    expect(h.deps.alertPublisher.published).toEqual([]); // below the threshold
    await refuse(4); // the fifth crosses it; the next three are in the same window
    expect(h.deps.alertPublisher.published.map((a) => [a.code, a.level])).toEqual([
      ['REJECTIONS_ABOVE_THRESHOLD', 'warning'],
    ]);
    expect(h.deps.alertPublisher.published[0]!.message).toMatch(
      /^5 orders rejected in the last 5 minutes \(SYMBOL_RESTRICTED\)/,
    );
    expect(
      (await h.deps.alerts.list(ACCOUNT, { limit: 100 })).filter((a) => a.notify === false),
    ).toHaveLength(8);
    h.clock.advance(600_000); // a quiet spell: the old rejections leave the window
    await refuse(4);
    expect(h.deps.alertPublisher.published).toHaveLength(1);
  });

  it('refuses a duplicate inside the window and the order past the rate limit; both windows roll', async () => {
    await h.setLimits(ACCOUNT, { duplicateWindowSeconds: 2, maxOrdersPerWindow: 3, orderWindowSeconds: 60 });
    await placeOrder(h.deps, ACCOUNT, order());
    expect(await codeOf(placeOrder(h.deps, ACCOUNT, order()))).toBe('DUPLICATE_ORDER');
    h.clock.advance(2_000);
    await placeOrder(h.deps, ACCOUNT, order());
    await placeOrder(h.deps, ACCOUNT, order({ quantity: 11 }));
    expect(await codeOf(placeOrder(h.deps, ACCOUNT, order({ quantity: 12 })))).toBe('ORDER_RATE_EXCEEDED');
    h.clock.advance(58_001); // the first order leaves the window
    await placeOrder(h.deps, ACCOUNT, order({ quantity: 12 }));
  });

  it('a replay of an accepted order returns it even though it now looks like its own duplicate', async () => {
    const first = await placeOrder(h.deps, ACCOUNT, order({ clientOrderId: 'same' }));
    const again = await placeOrder(h.deps, ACCOUNT, order({ clientOrderId: 'same' }));
    expect(again).toEqual({
      order: expect.objectContaining({ orderId: first.order.orderId }),
      replayed: true,
    });
  });

  it('fails closed when the risk profile cannot be read', async () => {
    h.tradingStates.failReads = true;
    expect(await codeOf(placeOrder(h.deps, ACCOUNT, order()))).toBe('TRADING_STATE_UNAVAILABLE');
    expect(h.broker.submitted).toEqual([]);
  });

  it('limits: defaults until set; a change is audited, versioned and in force from the next order', async () => {
    expect(await getRiskLimits(h.deps, ACCOUNT)).toMatchObject({ isDefault: true, limits: { version: 0 } });
    await placeOrder(h.deps, ACCOUNT, order({ quantity: 50 }));
    const limitDeps = { ...h.deps, strategies: new InMemoryStrategyConfigRepository() };
    const set = await updateRiskLimits(
      limitDeps,
      ACCOUNT,
      'admin-1',
      { account: { ...DEFAULT_RISK_LIMITS, maxOrderQuantity: 40 }, strategies: {}, symbols: {} },
      0,
    );
    expect(set).toMatchObject({ version: 1, updatedBy: 'admin-1' });
    expect(await codeOf(placeOrder(h.deps, ACCOUNT, order({ quantity: 50, clientOrderId: 'x' })))).toBe(
      'MAX_ORDER_QUANTITY',
    );
    expect(
      await codeOf(
        updateRiskLimits(
          limitDeps,
          ACCOUNT,
          'admin-2',
          { account: DEFAULT_RISK_LIMITS, strategies: {}, symbols: {} },
          0,
        ),
      ),
    ).toBe('LIMITS_VERSION_CONFLICT');
    const audit = h.deps.audit.records.find((record) => record.action === 'risk_limits_updated');
    expect(audit).toMatchObject({
      actor: 'admin-1',
      before: { default: true, version: 0 },
      after: { version: 1 },
    });
  });
});

describe('losing streaks and the circuit breaker', () => {
  let h: Harness;
  beforeEach(() => {
    h = orderHarness({ startingCash: 100_000 });
  });

  /** A buy and a sell of the same shares: the spread and two commissions make it a loss. */
  async function losingRoundTrip(strategyId?: string) {
    for (const side of ['buy', 'sell'] as const) {
      await placeOrder(h.deps, ACCOUNT, order({ side, ...(strategyId ? { strategyId } : {}) }));
      await h.deliver();
      h.clock.advance(3_000);
    }
  }

  it('pause_strategy: after N losing trades the strategy is refused; other orders still pass', async () => {
    await h.setLimits(ACCOUNT, { maxConsecutiveLosses: 2, consecutiveLossAction: 'pause_strategy' });
    await losingRoundTrip('s1');
    await losingRoundTrip('s1');
    expect((await h.deps.accounts.get(ACCOUNT))?.risk?.lossStreak.strategies.s1?.count).toBe(2);
    expect(await codeOf(placeOrder(h.deps, ACCOUNT, order({ strategyId: 's1' })))).toBe('CONSECUTIVE_LOSSES');
    await placeOrder(h.deps, ACCOUNT, order({ strategyId: 's2' }));
  });

  it('reduce_account: the monitor sets REDUCING durably, audits it and sends a critical alert', async () => {
    await h.setLimits(ACCOUNT, { maxConsecutiveLosses: 2, consecutiveLossAction: 'reduce_account' });
    await losingRoundTrip();
    await losingRoundTrip();
    await monitorRisk(h.deps);
    expect((await h.tradingStates.get(ACCOUNT)).state).toBe('REDUCING');
    expect(h.deps.audit.records.map((record) => record.action)).toContain('circuit_breaker');
    expect(h.deps.alertPublisher.published).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'critical', code: 'CONSECUTIVE_LOSSES' })]),
    );
    expect(await codeOf(placeOrder(h.deps, ACCOUNT, order()))).toBe('REDUCING_ONLY');
  });
});

describe('the risk monitor and the alarm path', () => {
  let h: Harness;
  beforeEach(() => {
    h = orderHarness({ startingCash: 100_000 });
  });

  it('raises each utilization step once per session, critical at 100%, and reports the worst metrics', async () => {
    await placeOrder(h.deps, ACCOUNT, order());
    await h.deliver();
    h.clock.advance(3_000);
    await placeOrder(h.deps, ACCOUNT, order({ side: 'sell' }));
    await h.deliver();
    const loss =
      100_000 - (await expectBooksReconcile(h.deps.accounts, ACCOUNT, 10_000_000, expect)).cashCents / 100;
    expect(loss).toBeGreaterThan(0);
    // A limit the loss fills to 60%, then 80%: the 50% step, then the 75% step (the highest reached).
    await h.setLimits(ACCOUNT, { dailyLossLimit: loss / 0.6 });
    expect((await monitorRisk(h.deps)).worst.DailyLossLimitUtilization).toBeCloseTo(60, 0);
    h.clock.advance(60_000);
    await h.setLimits(ACCOUNT, { dailyLossLimit: loss / 0.8 });
    expect((await monitorRisk(h.deps)).worst.DailyLossLimitUtilization).toBeCloseTo(80, 0);
    expect((await h.deps.alerts.list(ACCOUNT)).map((a) => [a.code, a.level, a.limit])).toEqual([
      ['DAILY_LOSS_LIMIT', 'warning', 'daily_loss'],
      ['DAILY_LOSS_LIMIT', 'info', 'daily_loss'],
    ]);
    await monitorRisk(h.deps);
    expect(await h.deps.alerts.list(ACCOUNT)).toHaveLength(2); // nothing new: once per step per session
    await h.setLimits(ACCOUNT, { dailyLossLimit: loss });
    const breached = await monitorRisk(h.deps);
    expect(breached.worst).toMatchObject({ DailyLossLimitUtilization: 100, LimitBreaches: 1 });
    // Every step is published; each channel takes the levels it was configured for.
    expect(h.deps.alertPublisher.published.map((a) => [a.code, a.level])).toEqual([
      ['DAILY_LOSS_LIMIT', 'info'],
      ['DAILY_LOSS_LIMIT', 'warning'],
      ['DAILY_LOSS_LIMIT', 'critical'],
    ]);
    // The day's report says how far each limit was used, and how the day's orders were worked.
    const report = await performanceReport({ ...h.deps, history: h.market }, ACCOUNT, { period: 'daily' });
    expect(report.limitsUsed).toEqual([{ limit: 'daily_loss', utilization: 1, level: 'critical' }]);
    expect(report.execution).toMatchObject({ orders: 2, filledOrders: 2, fillRate: 1 });
  });

  it('an alarm halts the breaching account, not the others; an OK notification does nothing', async () => {
    await placeOrder(h.deps, ACCOUNT, order());
    await placeOrder(h.deps, 'calm', order());
    await h.deliver();
    h.clock.advance(3_000);
    await placeOrder(h.deps, ACCOUNT, order({ side: 'sell' }));
    await h.deliver();
    await h.setLimits(ACCOUNT, { dailyLossLimit: 0.01 });
    const alarm = (value: 'OK' | 'ALARM') => ({
      source: 'aws.cloudwatch',
      alarmData: { alarmName: 'DailyLossLimitBreached', state: { value, reason: 'threshold crossed' } },
    });
    expect(await haltOnAlarm(h.deps, alarm('OK'))).toEqual({ halted: [], ordersCanceled: 0 });
    expect(await haltOnAlarm(h.deps, alarm('ALARM'))).toMatchObject({ halted: [ACCOUNT] });
    expect((await h.tradingStates.get(ACCOUNT)).state).toBe('HALTED');
    expect((await h.tradingStates.get('calm')).state).toBe('ACTIVE');
    expect(h.deps.alertPublisher.published.map((a) => a.code)).toContain('EMERGENCY_STOP');
  });

  it('a TWAP slice after the daily loss limit is refused and the parent stops; the books reconcile', async () => {
    h = orderHarness({ startingCash: 5_000_000 });
    const { order: parent } = await placeOrder(h.deps, ACCOUNT, {
      ...order({ quantity: 1_000, execution: 'twap' }),
      twap: { durationSeconds: 600, slices: 5 },
    });
    const { slices } = await planTwapWork(h.deps, { account_id: ACCOUNT, order_id: parent.orderId });
    await runTwapSlice(h.deps, slices[0]!);
    await h.deliver();
    await h.setLimits(ACCOUNT, { dailyLossLimit: 0.01 }); // the first slice's cost already exceeds it
    // The slices run at the instant the first one filled: the market has not moved, so the day's
    // loss is exactly what the first slice paid (half the spread and the commission), whatever
    // path the simulated market takes.
    for (const slice of slices.slice(1)) {
      expect(await runTwapSlice(h.deps, slice)).toMatchObject({ sent: 0 });
      await h.deliver();
    }
    await finishParentWork(h.deps, { account_id: ACCOUNT, order_id: parent.orderId });
    await h.deliver();
    const done = await h.deps.orders.get(ACCOUNT, parent.orderId);
    expect(done).toMatchObject({ status: 'canceled', filledQuantity: 200 });
    expect(done?.history.map((entry) => entry.reason).join('\n')).toMatch(/risk: DAILY_LOSS_LIMIT/);
    expect(h.broker.submitted).toHaveLength(1);
    const account = await expectBooksReconcile(h.deps.accounts, ACCOUNT, 500_000_000, expect);
    expect(account.reservedCents).toBe(0);
  });
});
