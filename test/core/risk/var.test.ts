import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionalVaR,
  historicalVaR,
  monteCarloVaR,
  normalCdf,
  normalPdf,
  normalQuantile,
  parametricCVaR,
  parametricVaR,
  portfolioReturns,
} from '../../../lib/core/risk';

const relative = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('the standard normal', () => {
  // Reference values: scipy.stats.norm (cdf, pdf, ppf), to full double precision.
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.6448536269514722, 0.95],
    [2.3263478740408408, 0.99],
    [3, 0.9986501019683699],
    [-3, 0.0013498980316300933],
    [-5, 2.866515718791939e-7],
    [-8, 6.22096057427178e-16],
  ])('Φ(%s) = %s to 1e-12 relative', (x, p) => {
    expect(relative(normalCdf(x), p)).toBeLessThan(1e-12);
  });

  it.each([
    [0.95, 1.6448536269514722],
    [0.99, 2.3263478740408408],
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.05, -1.6448536269514729],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%s) = %s', (p, x) => {
    expect(Math.abs(normalQuantile(p) - x)).toBeLessThan(1e-12 * Math.max(1, Math.abs(x)));
  });

  it('φ(z₀.₉₅) matches the reference density', () => {
    expect(relative(normalPdf(1.6448536269514722), 0.10313564037537128)).toBeLessThan(1e-12);
  });

  it('inverts its own CDF across the range', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-14 + 1e-12 * p);
      }),
    );
  });
});

describe('historical VaR and CVaR', () => {
  const returns = [-0.05, -0.02, 0.01, 0.03, -0.01, 0.02, 0.0, -0.03, 0.04, 0.015];

  it('matches numpy.percentile (linear) for VaR', () => {
    // np.percentile(r, 5) = -0.05 + 0.45 × (-0.03 − -0.05) = -0.041
    expect(relative(historicalVaR(returns, 0.95), 0.041)).toBeLessThan(1e-12);
    // np.percentile(r, 1) = -0.05 + 0.09 × 0.02 = -0.0482
    expect(relative(historicalVaR(returns, 0.99), 0.0482)).toBeLessThan(1e-12);
  });

  it('matches empyrical.conditional_value_at_risk for CVaR', () => {
    // cutoff index floor(9 × 0.05) = 0: the worst return alone.
    expect(relative(conditionalVaR(returns, 0.95), 0.05)).toBeLessThan(1e-12);
    const longer = Array.from({ length: 100 }, (_, i) => (i - 50) / 1000);
    // cutoff floor(99 × 0.05) = 4: mean of the 5 worst = mean(-0.05..-0.046) = -0.048.
    expect(relative(conditionalVaR(longer, 0.95), 0.048)).toBeLessThan(1e-12);
  });

  it('never reports CVaR below VaR', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 20, maxLength: 300 }),
        (series) => {
          expect(conditionalVaR(series, 0.95)).toBeGreaterThanOrEqual(historicalVaR(series, 0.95) - 1e-15);
        },
      ),
    );
  });
});

describe('parametric VaR and CVaR', () => {
  it('is z·σ·√h − μ·h with the exact normal quantile', () => {
    expect(relative(parametricVaR({ mean: 0, stdev: 0.02 }, 0.95), 0.032897072539029446)).toBeLessThan(1e-12);
    expect(
      relative(
        parametricVaR({ mean: 0.0005, stdev: 0.02 }, 0.99, 10),
        2.3263478740408408 * 0.02 * Math.sqrt(10) - 0.005,
      ),
    ).toBeLessThan(1e-12);
  });

  it('gives the normal expected shortfall σ·φ(z)/(1 − c)', () => {
    expect(
      relative(parametricCVaR({ mean: 0, stdev: 0.02 }, 0.95), (0.02 * 0.10313564037537128) / 0.05),
    ).toBeLessThan(1e-10);
  });
});

describe('Monte Carlo VaR', () => {
  it('is repeatable for a seed and converges to the parametric value', () => {
    const parameters = { mean: 0, stdev: 0.02 };
    const a = monteCarloVaR(parameters, 0.95, { seed: 7, simulations: 200_000 });
    const b = monteCarloVaR(parameters, 0.95, { seed: 7, simulations: 200_000 });
    expect(a).toEqual(b);
    expect(relative(a.var, parametricVaR(parameters, 0.95))).toBeLessThan(0.02);
    expect(relative(a.cvar, parametricCVaR(parameters, 0.95))).toBeLessThan(0.02);
  });
});

describe('portfolioReturns', () => {
  it('weights each asset’s daily return', () => {
    expect(
      Array.from(
        portfolioReturns(
          [
            [0.01, -0.02],
            [0.03, 0.01],
          ],
          [0.5, 0.25],
        ),
      ),
    ).toEqual([0.0125, -0.0075]);
  });
});
