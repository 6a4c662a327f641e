import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blackScholes,
  impliedVolatility,
  type OptionInputs,
  type OptionValuation,
  rhoPerPoint,
  thetaPerDay,
  vegaPerPoint,
} from '../../../lib/core/options';

/*
 * Reference values: scipy.stats.norm (SciPy 1.17) evaluating the Black–Scholes–Merton formulas
 * with continuous dividend yield, printed to full precision; the first four rows are the worked
 * examples of Hull, Options, Futures and Other Derivatives (ex. 15.6; the greeks of ch. 19's
 * 20-week option), whose published rounded figures are checked separately below.
 */
const REFERENCE: [OptionInputs, OptionValuation][] = [
  [
    { type: 'call', spot: 42, strike: 40, rate: 0.1, volatility: 0.2, timeToExpiry: 0.5, dividendYield: 0 },
    {
      price: 4.759422392871532,
      delta: 0.779131290942669,
      gamma: 0.04996267040591185,
      vega: 8.813415059602853,
      theta: -4.559092194592627,
      rho: 13.982045913360283,
    },
  ],
  [
    { type: 'put', spot: 42, strike: 40, rate: 0.1, volatility: 0.2, timeToExpiry: 0.5, dividendYield: 0 },
    {
      price: 0.8085993729000922,
      delta: -0.22086870905733103,
      gamma: 0.04996267040591185,
      vega: 8.813415059602853,
      theta: -0.7541744965897708,
      rho: -5.0425425766539975,
    },
  ],
  [
    {
      type: 'call',
      spot: 49,
      strike: 50,
      rate: 0.05,
      volatility: 0.2,
      timeToExpiry: 0.3846,
      dividendYield: 0,
    },
    {
      price: 2.4004610869656666,
      delta: 0.5216016339715761,
      gamma: 0.06554537725247868,
      vega: 12.105242754243843,
      theta: -4.305389964546104,
      rho: 8.906574098800945,
    },
  ],
  [
    {
      type: 'put',
      spot: 49,
      strike: 50,
      rate: 0.05,
      volatility: 0.2,
      timeToExpiry: 0.3846,
      dividendYield: 0,
    },
    {
      price: 2.4481469339504045,
      delta: -0.4783983660284239,
      gamma: 0.06554537725247868,
      vega: 12.105242754243843,
      theta: -1.8530056721968677,
      rho: -9.957165877949382,
    },
  ],
  [
    {
      type: 'call',
      spot: 100,
      strike: 95,
      rate: 0.03,
      volatility: 0.35,
      timeToExpiry: 0.25,
      dividendYield: 0.02,
    },
    {
      price: 9.67748057619987,
      delta: 0.6502785237577349,
      gamma: 0.020981617739296354,
      vega: 18.35891552188431,
      theta: -13.211194971790754,
      rho: 13.837592949893406,
    },
  ],
  [
    {
      type: 'put',
      spot: 100,
      strike: 95,
      rate: 0.03,
      volatility: 0.35,
      timeToExpiry: 0.25,
      dividendYield: 0.02,
    },
    {
      price: 4.466397864749773,
      delta: -0.34473395543494745,
      gamma: 0.020981617739296354,
      vega: 18.35891552188431,
      theta: -12.372514973941575,
      rho: -9.73494835206113,
    },
  ],
  [
    {
      type: 'call',
      spot: 250,
      strike: 300,
      rate: 0.045,
      volatility: 0.6,
      timeToExpiry: 2.0,
      dividendYield: 0.01,
    },
    {
      price: 71.45317616073235,
      delta: 0.6026411809954001,
      gamma: 0.0017665128056162062,
      vega: 132.48846042121548,
      theta: -21.930986469659114,
      rho: 158.41423817623533,
    },
  ],
  [
    {
      type: 'put',
      spot: 250,
      strike: 300,
      rate: 0.045,
      volatility: 0.6,
      timeToExpiry: 2.0,
      dividendYield: 0.01,
    },
    {
      price: 100.58286341541199,
      delta: -0.3775574923113552,
      gamma: 0.0017665128056162062,
      vega: 132.48846042121548,
      theta: -12.043412151764423,
      rho: -389.9444729865016,
    },
  ],
  [
    {
      type: 'call',
      spot: 190,
      strike: 190,
      rate: 0.04,
      volatility: 0.26,
      timeToExpiry: 0.019178082191780823,
      dividendYield: 0.005,
    },
    {
      price: 2.792115580927387,
      delta: 0.5145667235259802,
      gamma: 0.05827030388705413,
      vega: 10.488973989006107,
      theta: -74.41044348511636,
      rho: 1.8214491321179782,
    },
  ],
  [
    {
      type: 'put',
      spot: 190,
      strike: 190,
      rate: 0.04,
      volatility: 0.26,
      timeToExpiry: 0.019178082191780823,
      dividendYield: 0.005,
    },
    {
      price: 2.664636351988193,
      delta: -0.4853373906603994,
      gamma: 0.05827030388705413,
      vega: 10.488973989006107,
      theta: -67.76618029493451,
      rho: -1.8195922850472563,
    },
  ],
];

describe('blackScholes', () => {
  it.each(REFERENCE)('%o matches the reference price and greeks to 1e-4', (inputs, expected) => {
    const actual = blackScholes(inputs);
    for (const key of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
      expect(Math.abs(actual[key] - expected[key]), key).toBeLessThan(1e-4);
    }
  });

  it("reproduces Hull's published figures", () => {
    expect(
      blackScholes({ type: 'call', spot: 42, strike: 40, rate: 0.1, volatility: 0.2, timeToExpiry: 0.5 })
        .price,
    ).toBeCloseTo(4.76, 2);
    expect(
      blackScholes({ type: 'put', spot: 42, strike: 40, rate: 0.1, volatility: 0.2, timeToExpiry: 0.5 })
        .price,
    ).toBeCloseTo(0.81, 2);
    const greeks = blackScholes({
      type: 'call',
      spot: 49,
      strike: 50,
      rate: 0.05,
      volatility: 0.2,
      timeToExpiry: 0.3846,
    });
    expect(greeks.delta).toBeCloseTo(0.522, 3);
    expect(greeks.gamma).toBeCloseTo(0.066, 3);
    expect(greeks.vega).toBeCloseTo(12.1, 1);
    expect(greeks.theta).toBeCloseTo(-4.31, 2);
    expect(greeks.rho).toBeCloseTo(8.91, 2);
    expect(thetaPerDay(greeks)).toBeCloseTo(-4.31 / 365, 4);
    expect(vegaPerPoint(greeks)).toBeCloseTo(0.121, 3);
    expect(rhoPerPoint(greeks)).toBeCloseTo(0.0891, 4);
  });

  it('at expiry: intrinsic value and a step delta', () => {
    expect(
      blackScholes({ type: 'call', spot: 105, strike: 100, rate: 0.05, volatility: 0.3, timeToExpiry: 0 }),
    ).toEqual({
      price: 5,
      delta: 1,
      gamma: 0,
      vega: 0,
      theta: 0,
      rho: 0,
    });
    expect(
      blackScholes({ type: 'put', spot: 105, strike: 100, rate: 0.05, volatility: 0.3, timeToExpiry: 0 })
        .price,
    ).toBe(0);
  });

  const arbitraryInputs = fc.record({
    spot: fc.double({ min: 1, max: 1_000, noNaN: true }),
    moneyness: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
    rate: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
    volatility: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
    timeToExpiry: fc.double({ min: 1 / 365, max: 3, noNaN: true }),
    dividendYield: fc.double({ min: 0, max: 0.05, noNaN: true }),
  });

  it('property: put–call parity C − P = S·e^(−qT) − K·e^(−rT)', () => {
    fc.assert(
      fc.property(arbitraryInputs, ({ moneyness, ...rest }) => {
        const inputs = { ...rest, strike: rest.spot * moneyness };
        const call = blackScholes({ ...inputs, type: 'call' });
        const put = blackScholes({ ...inputs, type: 'put' });
        const forward =
          inputs.spot * Math.exp(-inputs.dividendYield * inputs.timeToExpiry) -
          inputs.strike * Math.exp(-inputs.rate * inputs.timeToExpiry);
        expect(call.price - put.price).toBeCloseTo(forward, 8);
        expect(call.delta - put.delta).toBeCloseTo(Math.exp(-inputs.dividendYield * inputs.timeToExpiry), 10);
      }),
    );
  });

  it('property: greek signs and bounds (0 ≤ call delta ≤ 1, −1 ≤ put delta ≤ 0, gamma and vega ≥ 0, price within no-arbitrage bounds)', () => {
    fc.assert(
      fc.property(arbitraryInputs, ({ moneyness, ...rest }) => {
        const inputs = { ...rest, strike: rest.spot * moneyness };
        const call = blackScholes({ ...inputs, type: 'call' });
        const put = blackScholes({ ...inputs, type: 'put' });
        const discountedSpot = inputs.spot * Math.exp(-inputs.dividendYield * inputs.timeToExpiry);
        const discountedStrike = inputs.strike * Math.exp(-inputs.rate * inputs.timeToExpiry);
        expect(call.delta).toBeGreaterThanOrEqual(0);
        expect(call.delta).toBeLessThanOrEqual(1);
        expect(put.delta).toBeGreaterThanOrEqual(-1);
        expect(put.delta).toBeLessThanOrEqual(0);
        expect(call.gamma).toBeGreaterThanOrEqual(0);
        expect(call.vega).toBeGreaterThanOrEqual(0);
        expect(call.rho).toBeGreaterThanOrEqual(0);
        expect(put.rho).toBeLessThanOrEqual(0);
        expect(call.price).toBeGreaterThanOrEqual(Math.max(0, discountedSpot - discountedStrike) - 1e-9);
        expect(call.price).toBeLessThanOrEqual(discountedSpot + 1e-9);
        expect(put.price).toBeGreaterThanOrEqual(Math.max(0, discountedStrike - discountedSpot) - 1e-9);
        expect(put.price).toBeLessThanOrEqual(discountedStrike + 1e-9);
      }),
    );
  });

  it('property: the greeks are the derivatives of the price (central differences)', () => {
    fc.assert(
      fc.property(
        arbitraryInputs,
        fc.constantFrom('call' as const, 'put' as const),
        ({ moneyness, ...rest }, type) => {
          const inputs = { ...rest, strike: rest.spot * moneyness, type };
          const at = blackScholes(inputs);
          const h = inputs.spot * 1e-4;
          const bump = (change: Partial<OptionInputs>) => blackScholes({ ...inputs, ...change }).price;
          const delta = (bump({ spot: inputs.spot + h }) - bump({ spot: inputs.spot - h })) / (2 * h);
          const vega =
            (bump({ volatility: inputs.volatility + 1e-5 }) -
              bump({ volatility: inputs.volatility - 1e-5 })) /
            2e-5;
          const rho = (bump({ rate: inputs.rate + 1e-5 }) - bump({ rate: inputs.rate - 1e-5 })) / 2e-5;
          const dt = Math.min(1e-5, inputs.timeToExpiry / 10);
          const theta =
            -(
              bump({ timeToExpiry: inputs.timeToExpiry + dt }) -
              bump({ timeToExpiry: inputs.timeToExpiry - dt })
            ) /
            (2 * dt);
          const scale = Math.max(1, inputs.spot);
          expect(Math.abs(at.delta - delta)).toBeLessThan(1e-4);
          expect(Math.abs(at.vega - vega) / scale).toBeLessThan(1e-4);
          expect(Math.abs(at.rho - rho) / scale).toBeLessThan(1e-4);
          expect(Math.abs(at.theta - theta) / scale).toBeLessThan(1e-3);
        },
      ),
    );
  });
});

describe('impliedVolatility', () => {
  it('round-trips across a grid of moneyness and expiries', () => {
    for (const moneyness of [0.6, 0.8, 0.9, 0.97, 1, 1.03, 1.1, 1.25, 1.5]) {
      for (const days of [2, 7, 30, 90, 365, 730]) {
        for (const volatility of [0.08, 0.25, 0.6, 1.2]) {
          for (const type of ['call', 'put'] as const) {
            const inputs = {
              type,
              spot: 100,
              strike: 100 * moneyness,
              rate: 0.04,
              timeToExpiry: days / 365,
              dividendYield: 0.01,
            };
            const price = blackScholes({ ...inputs, volatility }).price;
            if (price < 1e-6) continue; // no time value left to read a volatility from
            const vega = blackScholes({ ...inputs, volatility }).vega;
            const found = impliedVolatility({ ...inputs, price });
            // Where vega is tiny, many volatilities give the same price: compare prices there.
            if (vega > 1e-3)
              expect(
                Math.abs(found - volatility),
                JSON.stringify({ moneyness, days, volatility, type }),
              ).toBeLessThan(1e-6);
            expect(Math.abs(blackScholes({ ...inputs, volatility: found }).price - price)).toBeLessThan(1e-8);
          }
        }
      }
    }
  });

  it('says clearly when no volatility reproduces the price', () => {
    const inputs = { type: 'call' as const, spot: 100, strike: 90, rate: 0.05, timeToExpiry: 0.5 };
    expect(() => impliedVolatility({ ...inputs, price: 5 })).toThrow(
      /No volatility reproduces a call price of 5/,
    ); // below intrinsic
    expect(() => impliedVolatility({ ...inputs, price: 120 })).toThrow(/NO_IMPLIED_VOLATILITY|No volatility/); // above the spot
    expect(() => impliedVolatility({ ...inputs, price: 5, timeToExpiry: 0 })).toThrow(/no time value/);
  });
});
