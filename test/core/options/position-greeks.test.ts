import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../../lib/core/options/black-scholes';
import { bookValue, type BookState, type OptionHolding } from '../../../lib/core/options/options-var';
import {
  addGreeks,
  NO_GREEKS,
  optionPositionGreeks,
  sharePositionGreeks,
} from '../../../lib/core/options/position-greeks';

const RATE = 0.04;
const SPOT = 600;

/** A small book on one underlying: a long straddle, a short iron condor and some shares. */
const OPTIONS: OptionHolding[] = [
  { underlying: 'SPY', type: 'call', strike: 600, timeToExpiry: 30 / 365, volatility: 0.18, quantity: 2 },
  { underlying: 'SPY', type: 'put', strike: 600, timeToExpiry: 30 / 365, volatility: 0.19, quantity: 2 },
  { underlying: 'SPY', type: 'put', strike: 570, timeToExpiry: 45 / 365, volatility: 0.23, quantity: 3 },
  { underlying: 'SPY', type: 'put', strike: 580, timeToExpiry: 45 / 365, volatility: 0.21, quantity: -3 },
  { underlying: 'SPY', type: 'call', strike: 620, timeToExpiry: 45 / 365, volatility: 0.16, quantity: -3 },
  { underlying: 'SPY', type: 'call', strike: 635, timeToExpiry: 45 / 365, volatility: 0.15, quantity: 3 },
];
const SHARES = 150;

function book(spot = SPOT, volatilityShift = 0, days = 0): number {
  const state: BookState = {
    spots: new Map([['SPY', spot]]),
    shares: new Map([['SPY', SHARES]]),
    options: OPTIONS.map((option) => ({ ...option, volatility: option.volatility + volatilityShift })),
    rate: RATE,
  };
  return bookValue(state, null, days);
}

describe('dollar greeks of a book', () => {
  it('add up to the finite differences of the book’s value (delta, gamma, vega, theta)', () => {
    const total = OPTIONS.map((option) => {
      const valuation = blackScholes({ ...option, spot: SPOT, rate: RATE });
      return optionPositionGreeks(option.quantity, {
        underlying: 'SPY',
        spot: SPOT,
        impliedVolatility: option.volatility,
        timeToExpiry: option.timeToExpiry,
        ...valuation,
      });
    }).reduce(addGreeks, sharePositionGreeks(SHARES, SPOT));
    const h = 0.01;
    const delta = (book(SPOT + h) - book(SPOT - h)) / (2 * h);
    const gamma = (book(SPOT + h) - 2 * book() + book(SPOT - h)) / (h * h);
    const vega = (book(SPOT, 0.0001) - book(SPOT, -0.0001)) / 2 / 0.01; // per volatility point
    const theta = book(SPOT, 0, 1) - book(); // one calendar day
    expect(total.deltaShares).toBeCloseTo(delta, 3);
    expect(total.deltaDollars).toBeCloseTo(delta * SPOT, 0);
    expect(total.gammaShares).toBeCloseTo(gamma, 1);
    expect(total.vegaPerPoint).toBeCloseTo(vega, 1);
    // Theta is the instantaneous rate; a whole day's decay differs from it by second-order terms.
    expect(Math.abs(total.thetaPerDay - theta)).toBeLessThan(Math.abs(theta) * 0.02);
    expect(addGreeks(NO_GREEKS, total)).toEqual(total);
  });
});
