import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../../lib/app/orders/place-order';
import { livePerformance } from '../../../lib/app/performance/live-performance';
import { monitorRisk } from '../../../lib/app/risk/monitor-risk';
import { orderHarness } from '../../support/order-harness';

describe('live performance', () => {
  it('takes daily returns from the equity the monitor records, trades from the ledger, and each strategy’s record', async () => {
    const h = orderHarness({ startingCash: 100_000 });
    const order = {
      symbol: 'JNJ',
      quantity: 100,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'immediate',
      strategyId: 'rsi-1',
    } as const;
    await placeOrder(h.deps, 'acct', { ...order, side: 'buy' });
    await h.deliver();
    for (let day = 0; day < 4; day++) {
      await monitorRisk(h.deps);
      h.clock.advance(24 * 3_600_000);
    }
    await placeOrder(h.deps, 'acct', { ...order, side: 'sell' });
    await h.deliver();
    await monitorRisk(h.deps);
    const result = await livePerformance(
      {
        accounts: h.deps.accounts,
        equitySnapshots: h.deps.equitySnapshots,
        history: h.deps.marketData as never,
        clock: h.clock,
      },
      'acct',
      {},
    );
    expect(result.days).toHaveLength(5);
    expect(new Set(result.days.map((d) => d.date)).size).toBe(5);
    expect(result.performance?.observations).toBe(4);
    const compounded = result.days.at(-1)!.equityCents / result.days[0]!.equityCents - 1;
    expect(result.performance!.totalReturn).toBeCloseTo(compounded, 12);
    expect(result.trades.trades).toBe(1);
    expect(result.strategies).toEqual([expect.objectContaining({ strategyId: 'rsi-1', trades: 1 })]);
    const period = await livePerformance(
      {
        accounts: h.deps.accounts,
        equitySnapshots: h.deps.equitySnapshots,
        history: h.deps.marketData as never,
        clock: h.clock,
      },
      'acct',
      { from: result.days[1]!.date, to: result.days[3]!.date, strategyId: 'other' },
    );
    expect(period.days).toHaveLength(3);
    expect(period.strategies).toEqual([]);
  });

  it('builds round trips from the fills: slices are one trade, with every commission and the time held', async () => {
    const h = orderHarness({ startingCash: 1_000_000 });
    const slice = (side: 'buy' | 'sell', quantity: number) =>
      placeOrder(h.deps, 'acct', {
        symbol: 'JNJ',
        side,
        quantity,
        orderType: 'market',
        timeInForce: 'day',
        execution: 'immediate',
      });
    // Bought in three slices ten minutes apart, sold in two an hour later.
    for (const quantity of [100, 100, 50]) {
      await slice('buy', quantity);
      await h.deliver();
      h.clock.advance(10 * 60_000);
    }
    h.clock.advance(40 * 60_000);
    for (const quantity of [150, 100]) {
      await slice('sell', quantity);
      await h.deliver();
      h.clock.advance(60_000);
    }
    const deps = {
      accounts: h.deps.accounts,
      equitySnapshots: h.deps.equitySnapshots,
      history: h.deps.marketData as never,
      clock: h.clock,
    };
    const { trades } = await livePerformance(deps, 'acct', {});
    const ledger = await h.deps.accounts.recentLedger('acct', { limit: 100 });
    const commissions = ledger.entries.filter((entry) => entry.kind === 'commission');
    expect(commissions).toHaveLength(5);
    expect(trades.trades).toBe(1);
    expect(trades.fees).toBeCloseTo(-commissions.reduce((sum, entry) => sum + entry.amountCents, 0) / 100, 9);
    // From the first buy to the last sell: 30 + 40 + 1 minutes.
    expect(trades.averageHoldingHours).toBeCloseTo(71 / 60, 9);
    const account = (await h.deps.accounts.get('acct'))!;
    expect(trades.netPnl).toBeCloseTo(account.realizedPnlCents / 100, 9);
  });
});
