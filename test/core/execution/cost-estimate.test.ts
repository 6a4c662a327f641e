import { describe, expect, it } from 'vitest';
import { DEFAULT_COMMISSION } from '../../../lib/core/execution/commission';
import {
  type CostInputs,
  cheapest,
  estimateCosts,
  twapCandidates,
} from '../../../lib/core/execution/cost-estimate';
import { expectedVolume } from '../../../lib/core/market/volume-profile';
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
    expect(twap!.durationSeconds).toBe(60);
    expect(twap!.schedule).toEqual({ durationSeconds: 60, slices: 6 });
    // σ·√(T/3): 2 % a day over the 50 s from the first slice to the last, of a 6.5-hour session.
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

describe('choosing a TWAP schedule', () => {
  // Wednesday 2026-11-18 at 11:00 New York (16:00 UTC): five hours to the close.
  const AT = Date.parse('2026-11-18T16:00:00Z');
  const FIVE_HOURS = 5 * 3_600;
  const limits = { maxParticipation: 0.1, maxDurationSeconds: 1_800, secondsToClose: FIVE_HOURS };
  const order = (quantity: number) => ({ quantity, lotSize: 1, averageDailyVolume: 10_000_000, at: AT });

  it('starts from the shortest run that keeps within the participation cap of the volume expected then', () => {
    // 200,000 shares at 10 % need 2 M shares of volume: about a third of the day at midday rates.
    const schedules = twapCandidates(order(200_000), limits);
    const shortest = Math.min(...schedules.map((s) => s.durationSeconds));
    const volume = (seconds: number) => expectedVolume(10_000_000, AT, AT + seconds * 1_000);
    expect(200_000).toBeLessThanOrEqual(0.1 * volume(shortest));
    expect(200_000).toBeGreaterThan(0.1 * volume(shortest - 60));
    // Longer than the 30-minute run allowed: the cap wins, and it is the only run tried.
    expect(shortest).toBeGreaterThan(1_800);
    expect(new Set(schedules.map((s) => s.durationSeconds))).toEqual(new Set([shortest]));
  });

  it('tries runs up to the longest allowed, children 15 s, 1 min and 5 min apart; none near the close', () => {
    const schedules = twapCandidates(order(1_000), limits);
    expect(schedules).toContainEqual({ durationSeconds: 60, slices: 4 });
    expect(schedules).toContainEqual({ durationSeconds: 1_800, slices: 120 });
    expect(schedules).toContainEqual({ durationSeconds: 1_800, slices: 6 });
    expect(Math.max(...schedules.map((s) => s.durationSeconds))).toBe(1_800);
    // A 3-lot order has at most 3 slices.
    expect(Math.max(...twapCandidates(order(3), limits).map((s) => s.slices))).toBe(3);
    expect(twapCandidates(order(1_000), { ...limits, secondsToClose: 100 })).toEqual([]);
    // Ten minutes left: runs end a minute before the close.
    const late = twapCandidates(order(1_000), { ...limits, secondsToClose: 600 });
    expect(Math.max(...late.map((s) => s.durationSeconds))).toBe(540);
  });

  it('estimates the cheapest schedule, and takes a longer one only when it saves at least a tenth of a bp', () => {
    const schedules = twapCandidates(order(100_000), limits);
    const input = inputs({ quantity: 100_000, twap: schedules, taken: { ...UNTOUCHED, at: AT } });
    const chosen = byMode(input).twap!;
    const each = schedules.map((schedule) => byMode({ ...input, twap: schedule }).twap!);
    const best = Math.min(...each.map((estimate) => estimate.scoreBps));
    expect(chosen.scoreBps).toBeLessThanOrEqual(best + 0.1);
    for (const estimate of each) {
      if (estimate.durationSeconds < chosen.durationSeconds)
        expect(estimate.scoreBps).toBeGreaterThan(best + 0.1);
    }
    expect(chosen.participation).toBeCloseTo(
      100_000 / expectedVolume(10_000_000, AT, AT + chosen.durationSeconds * 1_000),
      9,
    );
    // Slicing 1 % of the day's volume is worth it: the chosen run beats the one-minute TWAP.
    expect(chosen.expectedBps).toBeLessThan(
      byMode({ ...input, twap: { durationSeconds: 60, slices: 6 } }).twap!.expectedBps,
    );
  });
});
