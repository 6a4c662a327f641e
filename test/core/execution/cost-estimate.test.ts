import { describe, expect, it } from 'vitest';
import { DEFAULT_COMMISSION } from '../../../lib/core/execution/commission';
import { type CostInputs, cheapest, estimateCosts } from '../../../lib/core/execution/cost-estimate';
import {
  DEFAULT_IMPACT,
  recovered,
  UNTOUCHED,
  walkImpactBook,
} from '../../../lib/core/execution/impact-book';

/** A $100 stock (99.99 × 100.01), 10 M shares a day, 2 % daily volatility. */
const inputs = (overrides: Partial<CostInputs> = {}): CostInputs => ({
  side: 'buy',
  quantity: 100,
  quote: { bid: 99.99, ask: 100.01 },
  tickSize: 0.01,
  lotSize: 1,
  liquidity: { averageDailyVolume: 10_000_000, dailyVolatility: 0.02 },
  impact: DEFAULT_IMPACT,
  taken: UNTOUCHED,
  commission: DEFAULT_COMMISSION,
  twap: { durationSeconds: 60, slices: 6 },
  iceberg: { displayQuantity: 10, lookSeconds: 10 },
  riskAversion: 0,
  ...overrides,
});
const byMode = (input: CostInputs) => Object.fromEntries(estimateCosts(input).map((e) => [e.mode, e]));

describe('the pre-trade cost estimate', () => {
  it('prices an immediate order as one walk of the book: half the spread, the impact past the touch, one commission', () => {
    const { immediate } = byMode(inputs({ quantity: 1_000 }));
    // 250 at 100.01 and 750 at 100.02 (the impact book's first two ticks); mid 100.00.
    expect(immediate!.spreadBps).toBeCloseTo(1, 9);
    expect(immediate!.impactBps).toBeCloseTo(((750 * 0.01) / 100_000) * 10_000, 9);
    expect(immediate!.feesBps).toBeCloseTo((5 / 100_000) * 10_000, 9); // 1,000 × $0.005
    expect(immediate!.timingRiskBps).toBe(0);
    expect(immediate!.children).toBe(1);
  });

  it('charges each child its commission minimum: a small order sliced pays it six or ten times', () => {
    const { immediate, twap, iceberg } = byMode(inputs({ quantity: 100 }));
    expect(immediate!.feesBps).toBeCloseTo(1, 9); // $1 on $10,000
    expect(twap!.feesBps).toBeCloseTo(6, 9);
    expect(iceberg!.feesBps).toBeCloseTo(10, 9);
    expect(cheapest(estimateCosts(inputs({ quantity: 100 }))).mode).toBe('immediate');
  });

  it('lets each TWAP slice find the depth the earlier ones took, recovered over the wait', () => {
    const quantity = 300_000;
    const { twap } = byMode(inputs({ quantity }));
    let taken = UNTOUCHED;
    let paid = 0;
    for (let slice = 0; slice < 6; slice++) {
      const walked = walkImpactBook(
        { side: 'buy', quantity: 50_000, limitPrice: Infinity },
        { quote: { bid: 99.99, ask: 100.01 }, tickSize: 0.01, liquidity: inputs().liquidity },
        recovered(taken, slice * 10_000, DEFAULT_IMPACT),
        DEFAULT_IMPACT,
      );
      taken = walked.taken;
      paid += walked.executions.reduce((sum, e) => sum + e.price * e.quantity, 0);
    }
    expect(twap!.impactBps).toBeCloseTo(((paid - 100.01 * quantity) / (100 * quantity)) * 10_000, 6);
    expect(twap!.durationSeconds).toBe(50);
    // σ·√(T/3): 2 % a day over 50 s of a 6.5-hour session.
    expect(twap!.timingRiskBps).toBeCloseTo(0.02 * Math.sqrt(50 / 23_400 / 3) * 10_000, 9);
  });

  it('prefers slicing a large order on expected cost, and immediate again once timing risk weighs enough', () => {
    const large = inputs({ quantity: 500_000 });
    const estimates = estimateCosts(large);
    const modes = byMode(large);
    expect(modes.twap!.impactBps).toBeLessThan(modes.immediate!.impactBps);
    expect(cheapest(estimates).mode).not.toBe('immediate');
    expect(cheapest(estimateCosts({ ...large, riskAversion: 10 })).mode).toBe('immediate');
  });

  it('estimates sells on the bid side the same way', () => {
    const buy = byMode(inputs({ quantity: 20_000 })).immediate!;
    const sell = byMode(inputs({ quantity: 20_000, side: 'sell' })).immediate!;
    expect(sell.spreadBps).toBeCloseTo(buy.spreadBps, 9);
    expect(sell.impactBps).toBeCloseTo(buy.impactBps, 1);
    expect(sell.impactBps).toBeGreaterThan(0);
  });
});
