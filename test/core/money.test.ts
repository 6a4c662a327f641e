import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDollars, notionalCents, prorateCents, toCents, toDollars } from '../../lib/core/money';

describe('toCents', () => {
  it.each([
    [0, 0],
    [1, 100],
    [1.005, 101],
    [1.015, 102],
    [-1.005, -101],
    [150, 15_000],
    [0.1 + 0.2, 30],
    [100_000, 10_000_000],
    [19.999, 2000],
    [-0.001, 0],
    [-0, 0],
  ])('converts %s dollars to %s cents, rounding half away from zero', (dollars, cents) => {
    expect(toCents(dollars)).toBe(cents);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s', (value) => {
    expect(() => toCents(value)).toThrow(RangeError);
  });

  it('rounds every amount as the decimal rule does (toFixed(6), then half away from zero; no -0)', () => {
    const decimal = (dollars: number) => {
      const scaled = Number((dollars * 100).toFixed(6));
      return Math.sign(scaled) * Math.round(Math.abs(scaled)) + 0;
    };
    // Any double, amounts with up to four decimals, and amounts a hair either side of half a cent.
    const halfCents = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -3, max: 3 }))
      .map(([cents, ulps]) => (cents + 0.5) / 100 + ulps * 1e-12);
    const amounts = fc.oneof(
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
      fc.integer({ min: -1e12, max: 1e12 }).map((tenThousandths) => tenThousandths / 10_000),
      halfCents,
    );
    fc.assert(
      fc.property(amounts, (dollars) => {
        expect(toCents(dollars)).toBe(decimal(dollars));
      }),
      { numRuns: 5_000 },
    );
  });

  it('round-trips every whole number of cents through dollars', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(toCents(toDollars(cents))).toBe(cents);
      }),
    );
  });
});

describe('notionalCents', () => {
  it('prices a round lot exactly', () => {
    expect(notionalCents(150.07, 100)).toBe(1_500_700);
  });

  it('is exact for cent prices and whole quantities', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (priceCents, quantity) => {
          expect(notionalCents(priceCents / 100, quantity)).toBe(priceCents * quantity);
        },
      ),
    );
  });
});

describe('prorateCents', () => {
  it('takes the whole amount when the part is the whole', () => {
    expect(prorateCents(1_234_567, 300, 300)).toBe(1_234_567);
  });

  it('never loses a cent: the taken part and the remainder add back to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc
          .integer({ min: 1, max: 1_000_000 })
          .chain((whole) => fc.tuple(fc.constant(whole), fc.integer({ min: 0, max: whole }))),
        (total, [whole, part]) => {
          const taken = prorateCents(total, part, whole);
          expect(Number.isInteger(taken)).toBe(true);
          expect(taken + (total - taken)).toBe(total);
          expect(Math.abs(taken)).toBeLessThanOrEqual(Math.abs(total));
        },
      ),
    );
  });
});

describe('formatDollars', () => {
  it('writes dollars as a trader reads them: sign, separators, two decimals', () => {
    expect(formatDollars(16_829_100)).toBe('$16,829,100.00');
    expect(formatDollars(-3_700)).toBe('-$3,700.00');
    expect(formatDollars(0.5)).toBe('$0.50');
    expect(formatDollars(5267.904)).toBe('$5,267.90');
  });
});
