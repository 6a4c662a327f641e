import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notionalCents, prorateCents, toCents, toDollars } from '../../lib/core/money';

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
  ])('converts %s dollars to %s cents, rounding half away from zero', (dollars, cents) => {
    expect(toCents(dollars)).toBe(cents);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s', (value) => {
    expect(() => toCents(value)).toThrow(RangeError);
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
