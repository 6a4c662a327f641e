import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positionAfterFill } from '../../../lib/core/portfolio/position-fill';

describe('one fill on a position, in cents', () => {
  it('adds to the cost in the position’s direction and realises against the prorated cost when closing', () => {
    expect(positionAfterFill({ quantity: 0, costBasisCents: 0 }, 10, 100_000)).toEqual({
      quantity: 10,
      costBasisCents: 100_000,
      realizedCents: 0,
    });
    // Sell 3 of 10 that cost $1,000: $300 of cost leaves; sold for $330, $30 realised.
    expect(positionAfterFill({ quantity: 10, costBasisCents: 100_000 }, -3, 33_000)).toEqual({
      quantity: 7,
      costBasisCents: 70_000,
      realizedCents: 3_000,
    });
    // Cover 5 of a 10-share short opened for $1,000 at $90 each: $50 realised.
    expect(positionAfterFill({ quantity: -10, costBasisCents: -100_000 }, 5, 45_000)).toEqual({
      quantity: -5,
      costBasisCents: -50_000,
      realizedCents: 5_000,
    });
  });

  it('reverses through flat: the closing part realises, the rest opens the other way at its share', () => {
    // Sell 15 of a 10-share long (cost $1,000) for $1,650: 10 close for $1,100 (+$100), 5 open short for $550.
    expect(positionAfterFill({ quantity: 10, costBasisCents: 100_000 }, -15, 165_000)).toEqual({
      quantity: -5,
      costBasisCents: -55_000,
      realizedCents: 10_000,
    });
  });

  it('never makes or loses a cent: cost before plus the money traded is cost after less what was realised', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000, max: 1_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: -2_000, max: 2_000 }).filter((quantity) => quantity !== 0),
        fc.integer({ min: 1, max: 100_000 }),
        (quantity, averageCents, traded, priceCents) => {
          const before = { quantity, costBasisCents: quantity * averageCents };
          const notional = Math.abs(traded) * priceCents;
          const after = positionAfterFill(before, traded, notional);
          expect(after.quantity).toBe(quantity + traded);
          // A buy puts its notional into the position, a sell takes it out; a gain is money it gave back.
          expect(before.costBasisCents + Math.sign(traded) * notional).toBe(
            after.costBasisCents - after.realizedCents,
          );
          for (const value of [after.costBasisCents, after.realizedCents])
            expect(Number.isInteger(value)).toBe(true);
          if (after.quantity === 0) expect(after.costBasisCents).toBe(0);
        },
      ),
      { seed: 11 },
    );
  });
});
