import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteAround, SIMULATED_SPREAD } from '../../../lib/core/market/quote-model';

describe('the quote around a last price', () => {
  it('spreads 2 bps of the price, at least a cent, the bid half a spread (rounded down) below', () => {
    expect(quoteAround(100, SIMULATED_SPREAD)).toEqual({ bid: 99.99, ask: 100.01 });
    expect(quoteAround(20, SIMULATED_SPREAD)).toEqual({ bid: 20, ask: 20.01 }); // 0.4 cent → the minimum cent
    expect(quoteAround(150, SIMULATED_SPREAD)).toEqual({ bid: 149.99, ask: 150.02 }); // 3 cents
    expect(quoteAround(850.37, { bps: 10, minimumCents: 1 })).toEqual({ bid: 849.95, ask: 850.8 });
  });

  it('is on the cent, never crossed, and holds the last price inside', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (lastCents) => {
        const { bid, ask } = quoteAround(lastCents / 100, SIMULATED_SPREAD);
        expect(
          Number.isInteger(Math.round(bid * 100)) && Math.abs(bid * 100 - Math.round(bid * 100)) < 1e-6,
        ).toBe(true);
        expect(ask).toBeGreaterThan(bid);
        expect(bid * 100).toBeLessThanOrEqual(lastCents + 1e-6);
        expect(ask * 100).toBeGreaterThanOrEqual(lastCents - 1e-6);
      }),
      { seed: 7 },
    );
  });
});
