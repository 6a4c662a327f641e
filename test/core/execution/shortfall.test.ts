import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { implementationShortfall } from '../../../lib/core/execution/shortfall';

describe('implementation shortfall, split where it was paid', () => {
  it('splits a buy into timing, half spread, impact and fees that add up to the whole', () => {
    // Arrival mid 100.00. Fill 1: the mid is still 100.00 (99.99 × 100.01), 100 at 100.02.
    // Fill 2: the mid moved to 100.10 (100.09 × 100.11), 100 at 100.11. $2 of commission.
    const breakdown = implementationShortfall({ side: 'buy', arrivalPrice: 100 }, [
      { quantity: 100, price: 100.02, commissionCents: 100, bid: 99.99, ask: 100.01 },
      { quantity: 100, price: 100.11, commissionCents: 100, bid: 100.09, ask: 100.11 },
    ])!;
    const bps = (dollars: number) => (dollars / 20_000) * 10_000;
    expect(breakdown.timingBps).toBeCloseTo(bps(0.1 * 100), 9);
    expect(breakdown.spreadBps).toBeCloseTo(bps(0.01 * 200), 9);
    expect(breakdown.impactBps).toBeCloseTo(bps(0.01 * 100), 9);
    expect(breakdown.feesBps).toBeCloseTo(bps(2), 9);
    expect(breakdown.totalBps).toBeCloseTo(bps(0.02 * 100 + 0.11 * 100 + 2), 9);
  });

  it('measures the delay from a decision price to the arrival mid, apart from the total', () => {
    const fills = [{ quantity: 100, price: 100.01, commissionCents: 0, bid: 99.99, ask: 100.01 }];
    const buy = implementationShortfall({ side: 'buy', arrivalPrice: 100, decisionPrice: 99.9 }, fills)!;
    // The mid rose 10 cents between the decision and the order's arrival: 10 bps of delay for a buyer.
    expect(buy.delayBps).toBeCloseTo(10, 9);
    expect(buy.totalBps).toBeCloseTo(1, 9);
    const sell = implementationShortfall({ side: 'sell', arrivalPrice: 100, decisionPrice: 99.9 }, [
      { ...fills[0]!, price: 99.99 },
    ])!;
    expect(sell.delayBps).toBeCloseTo(-10, 9); // a seller gained from the rise
    expect(implementationShortfall({ side: 'buy', arrivalPrice: 100 }, fills)!.delayBps).toBeNull();
  });

  it('counts a sell below the arrival mid as a cost', () => {
    const breakdown = implementationShortfall({ side: 'sell', arrivalPrice: 50 }, [
      { quantity: 10, price: 49.98, commissionCents: 0, bid: 49.99, ask: 50.01 },
    ])!;
    expect(breakdown.spreadBps).toBeCloseTo(2, 9);
    expect(breakdown.impactBps).toBeCloseTo(2, 9);
    expect(breakdown.timingBps).toBeCloseTo(0, 9);
  });

  it('knows only the total and the fees without the quotes the fills met; nothing without fills', () => {
    const breakdown = implementationShortfall({ side: 'buy', arrivalPrice: 10 }, [
      { quantity: 10, price: 10.01, commissionCents: 1 },
    ])!;
    expect(breakdown).toMatchObject({ timingBps: null, spreadBps: null, impactBps: null });
    expect(breakdown.totalBps).toBeCloseTo(11, 9);
    expect(implementationShortfall({ side: 'buy', arrivalPrice: 10 }, [])).toBeNull();
  });

  it('always adds up: timing + spread + impact + fees = total', () => {
    const fill = fc.record({
      quantity: fc.integer({ min: 1, max: 10_000 }),
      mid: fc.integer({ min: 1_000, max: 100_000 }),
      halfSpread: fc.integer({ min: 1, max: 20 }),
      past: fc.integer({ min: 0, max: 200 }),
      commission: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        fc.array(fill, { minLength: 1, maxLength: 10 }),
        (side, fills) => {
          const sign = side === 'buy' ? 1 : -1;
          const breakdown = implementationShortfall(
            { side, arrivalPrice: 500 },
            fills.map((f) => ({
              quantity: f.quantity,
              price: (f.mid + sign * (f.halfSpread + f.past)) / 100,
              commissionCents: f.commission,
              bid: (f.mid - f.halfSpread) / 100,
              ask: (f.mid + f.halfSpread) / 100,
            })),
          )!;
          const parts =
            breakdown.timingBps! + breakdown.spreadBps! + breakdown.impactBps! + breakdown.feesBps;
          expect(parts).toBeCloseTo(breakdown.totalBps, 6);
          expect(breakdown.spreadBps!).toBeGreaterThan(0);
          expect(breakdown.impactBps!).toBeGreaterThanOrEqual(-1e-9);
        },
      ),
      { seed: 9 },
    );
  });
});
