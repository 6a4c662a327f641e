import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  componentVaR,
  correlationMatrix,
  covarianceMatrix,
  diversificationRatio,
} from '../../../lib/core/analytics/portfolio-analytics';

describe('correlation of members’ returns', () => {
  it('is 1 for series that move as one, −1 for mirrors, 0 for orthogonal ones and for a flat series', () => {
    const a = [0.01, -0.02, 0.03, 0.0, -0.01];
    const scaled = a.map((r) => 2 * r + 0.001);
    const mirror = a.map((r) => -r);
    const flat = [0.01, 0.01, 0.01, 0.01, 0.01];
    const m = correlationMatrix([a, scaled, mirror, flat]);
    expect(m[0]![1]).toBeCloseTo(1, 12);
    expect(m[0]![2]).toBeCloseTo(-1, 12);
    expect(m[0]![3]).toBe(0);
    expect(m.map((row, i) => row[i])).toEqual([1, 1, 1, 1]);
    // Orthogonal by construction (mean zero, dot product zero).
    expect(
      correlationMatrix([
        [1, -1, 1, -1],
        [1, 1, -1, -1],
      ])[0]![1],
    ).toBeCloseTo(0, 12);
  });

  it('matches an independent calculation on crafted series (a textbook formula, term by term)', () => {
    const x = [0.012, -0.004, 0.007, 0.015, -0.011, 0.003];
    const y = [0.01, 0.002, 0.004, 0.011, -0.006, -0.002];
    const n = x.length;
    const sx = x.reduce((s, v) => s + v, 0);
    const sy = y.reduce((s, v) => s + v, 0);
    const sxy = x.reduce((s, v, i) => s + v * y[i]!, 0);
    const sxx = x.reduce((s, v) => s + v * v, 0);
    const syy = y.reduce((s, v) => s + v * v, 0);
    const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    expect(correlationMatrix([x, y])[0]![1]).toBeCloseTo(r, 12);
    expect(covarianceMatrix([x, y])[0]![1]).toBeCloseTo((sxy - (sx * sy) / n) / (n - 1), 15);
  });

  it('refuses series of different lengths', () => {
    expect(() => correlationMatrix([[1, 2], [1]])).toThrow(/same periods/);
  });
});

describe('the book’s risk, shared out', () => {
  const covariance = [
    [0.0004, 0.0001, -0.00005],
    [0.0001, 0.0009, 0.0002],
    [-0.00005, 0.0002, 0.0001],
  ];

  it('splits parametric VaR into components that add up to the book’s VaR, for any holdings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 3, maxLength: 3 }),
        (weights) => {
          fc.pre(weights.some((w) => w !== 0));
          const result = componentVaR(weights, covariance, 0.99);
          const sum = result.components.reduce((s, c) => s + c, 0);
          expect(sum).toBeCloseTo(result.portfolio, 6);
        },
      ),
      { seed: 29 },
    );
  });

  it('gives each member’s marginal VaR as the change of the book’s VaR per dollar more of it', () => {
    const weights = [100_000, 50_000, 200_000];
    const { portfolio, marginal } = componentVaR(weights, covariance, 0.95);
    for (let i = 0; i < 3; i++) {
      const bumped = weights.map((w, j) => (j === i ? w + 1 : w));
      expect(marginal[i]).toBeCloseTo(componentVaR(bumped, covariance, 0.95).portfolio - portfolio, 4);
    }
    // 95 %: 1.6449 standard deviations of the book's P&L.
    const variance = weights.reduce(
      (s, wi, i) => s + weights.reduce((t, wj, j) => t + wi * covariance[i]![j]! * wj, 0),
      0,
    );
    expect(portfolio).toBeCloseTo(1.6448536 * Math.sqrt(variance), 2);
  });

  it('has a diversification ratio of 1 for members that move as one and more when they do not', () => {
    const oneFactor = [
      [0.0004, 0.0006],
      [0.0006, 0.0009],
    ];
    expect(diversificationRatio([1, 1], oneFactor)).toBeCloseTo(1, 9);
    expect(
      diversificationRatio(
        [1, 1],
        covariance.slice(0, 2).map((row) => row.slice(0, 2)),
      ),
    ).toBeGreaterThan(1);
  });
});
