import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kellyFraction, sizePosition } from '../../../lib/core/risk/position-sizing';

describe('sizePosition', () => {
  const account = { equity: 100_000, lotSize: 1 };
  it('fixed fractional: 1% of $100,000 risked over a $2 stop = 500 shares', () => {
    expect(
      sizePosition(account, {
        method: 'fixed_fractional',
        riskFraction: 0.01,
        entryPrice: 50,
        stopPrice: 48,
      }),
    ).toEqual({
      quantity: 500,
      fractionOfEquity: 0.25,
    });
  });
  it('volatility target: 10% target on a 40%-vol stock at $100 = $25,000 = 250 shares', () => {
    expect(
      sizePosition(account, {
        method: 'volatility_target',
        targetVolatility: 0.1,
        price: 100,
        volatility: 0.4,
      }).quantity,
    ).toBe(250);
  });
  it('ATR: 1% risk over 2 ATRs of $2.50 = 200 shares', () => {
    expect(
      sizePosition(account, { method: 'atr', riskFraction: 0.01, price: 100, atr: 2.5, atrMultiple: 2 })
        .quantity,
    ).toBe(200);
  });
  it('Kelly: p = 0.6, R = 1 → f* = 0.2; half Kelly = 10% = 100 shares at $100; capped at 5% = 50', () => {
    expect(kellyFraction(0.6, 1)).toBeCloseTo(0.2, 12);
    const rule = {
      method: 'kelly' as const,
      winProbability: 0.6,
      winLossRatio: 1,
      multiplier: 0.5,
      maxFraction: 1,
      price: 100,
    };
    expect(sizePosition(account, rule).quantity).toBe(100);
    expect(sizePosition(account, { ...rule, maxFraction: 0.05 }).quantity).toBe(50);
    expect(sizePosition(account, { ...rule, winProbability: 0.4 }).quantity).toBe(0); // negative edge: no bet
  });
  it('rounds down to lots and respects the maximum quantity', () => {
    const rule = { method: 'fixed_fractional' as const, riskFraction: 0.01, entryPrice: 50, stopPrice: 48 };
    expect(sizePosition({ ...account, lotSize: 100 }, { ...rule, stopPrice: 47.7 }).quantity).toBe(400); // 434.78 → 400
    expect(sizePosition({ ...account, maxQuantity: 120 }, rule).quantity).toBe(120);
  });
  it('property: never negative, whole lots, zero without equity or without a stop distance', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e7, noNaN: true }),
        fc.double({ min: 0.01, max: 1_000, noNaN: true }),
        fc.double({ min: 0.01, max: 1_000, noNaN: true }),
        fc.constantFrom(1, 10, 100),
        (equity, entry, stop, lotSize) => {
          const { quantity } = sizePosition(
            { equity, lotSize },
            { method: 'fixed_fractional', riskFraction: 0.02, entryPrice: entry, stopPrice: stop },
          );
          expect(quantity).toBeGreaterThanOrEqual(0);
          expect(quantity % lotSize).toBe(0);
          if (equity <= 0 || entry === stop) expect(quantity).toBe(0);
        },
      ),
    );
  });
});
