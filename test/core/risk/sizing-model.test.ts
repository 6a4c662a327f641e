import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualisedVolatility,
  parseSizingSpec,
  type SizingModel,
  sharesFor,
} from '../../../lib/core/risk/sizing-model';

const AT_100 = { equity: 100_000, price: 100, lotSize: 1 };

describe('sharesFor', () => {
  it.each<[string, SizingModel, number]>([
    ['fixed shares, whatever the equity', { kind: 'fixed', quantity: 100 }, 100],
    ['95 % of $100,000 at $100', { kind: 'equity_fraction', fraction: 0.95 }, 950],
    [
      '1 % risked on a 5 % stop: $1,000 over $5 a share',
      { kind: 'fixed_fractional', riskFraction: 0.01, stopFraction: 0.05 },
      200,
    ],
    [
      '½-Kelly of p 0.6, R 1.5 (0.3333 × 0.5 = 16.7 %), under its 25 % cap',
      { kind: 'kelly', winProbability: 0.6, winLossRatio: 1.5, multiplier: 0.5, maxFraction: 0.25 },
      166,
    ],
    [
      'Kelly capped at 10 %',
      { kind: 'kelly', winProbability: 0.9, winLossRatio: 3, multiplier: 1, maxFraction: 0.1 },
      100,
    ],
    [
      'a losing edge sizes nothing',
      { kind: 'kelly', winProbability: 0.3, winLossRatio: 1, multiplier: 0.5, maxFraction: 0.25 },
      0,
    ],
  ])('%s', (_name, model, shares) => {
    expect(sharesFor(model, AT_100)).toBe(shares);
  });

  it('targets volatility: 10 % of equity’s worth of risk on a 40 %-vol stock is $25,000, capped at max', () => {
    const model: SizingModel = {
      kind: 'volatility_target',
      targetVolatility: 0.1,
      lookbackBars: 20,
      maxFraction: 1,
    };
    expect(sharesFor(model, { ...AT_100, volatility: 0.4 })).toBe(250);
    expect(sharesFor({ ...model, maxFraction: 0.1 }, { ...AT_100, volatility: 0.4 })).toBe(100);
    expect(sharesFor(model, { ...AT_100, volatility: 0 })).toBe(0);
  });

  it('rounds down to whole lots and never leverages (a 0.1 % stop would ask for 10× equity)', () => {
    expect(sharesFor({ kind: 'equity_fraction', fraction: 0.95 }, { ...AT_100, lotSize: 100 })).toBe(900);
    expect(sharesFor({ kind: 'fixed_fractional', riskFraction: 0.01, stopFraction: 0.001 }, AT_100)).toBe(
      1_000,
    );
  });

  it('is never negative and, except fixed, never buys more than equity pays for', () => {
    const model = fc.oneof(
      fc.record({
        kind: fc.constant('equity_fraction' as const),
        fraction: fc.double({ min: 0.0001, max: 1, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('fixed_fractional' as const),
        riskFraction: fc.double({ min: 0.0001, max: 1, noNaN: true }),
        stopFraction: fc.double({ min: 0.0001, max: 0.99, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('kelly' as const),
        winProbability: fc.double({ min: 0, max: 1, noNaN: true }),
        winLossRatio: fc.double({ min: 0.01, max: 100, noNaN: true }),
        multiplier: fc.double({ min: 0.01, max: 1, noNaN: true }),
        maxFraction: fc.double({ min: 0.0001, max: 1, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(
        model,
        fc.double({ min: 1, max: 1e8, noNaN: true }),
        fc.double({ min: 0.01, max: 10_000, noNaN: true }),
        fc.constantFrom(1, 10, 100),
        (sizing, equity, price, lotSize) => {
          const shares = sharesFor(sizing, { equity, price, lotSize });
          return shares >= 0 && shares % lotSize === 0 && shares * price <= equity * (1 + 1e-9);
        },
      ),
    );
  });
});

describe('annualisedVolatility', () => {
  it('is 0 on a flat series and scales a daily σ by √252', () => {
    const day = 86_400_000;
    const time = Array.from({ length: 30 }, (_, i) => i * day);
    expect(annualisedVolatility(new Array(30).fill(100), time, 29, 20)).toBe(0);
    // Alternating ±1 % log returns: sample σ ≈ 1.026 % a day.
    const close = time.map((_, i) => 100 * Math.exp(i % 2 === 0 ? 0 : 0.01));
    const sigma = annualisedVolatility(close, time, 29, 20);
    expect(sigma).toBeCloseTo(0.01 * Math.sqrt(20 / 19) * Math.sqrt(252), 6);
  });

  it('annualises minute bars by 252 × 390 bars a year', () => {
    const time = Array.from({ length: 21 }, (_, i) => i * 60_000);
    const close = time.map((_, i) => 100 * Math.exp(i % 2 === 0 ? 0 : 0.001));
    expect(annualisedVolatility(close, time, 20, 20)).toBeCloseTo(
      0.001 * Math.sqrt(20 / 19) * Math.sqrt(252 * 390),
      6,
    );
  });
});

describe('parseSizingSpec', () => {
  it.each<[string, SizingModel]>([
    ['fixed:100', { kind: 'fixed', quantity: 100 }],
    ['equity_fraction:0.5', { kind: 'equity_fraction', fraction: 0.5 }],
    [
      'fixed_fractional:risk=0.01,stop=0.05',
      { kind: 'fixed_fractional', riskFraction: 0.01, stopFraction: 0.05 },
    ],
    [
      'volatility_target:target=0.15',
      { kind: 'volatility_target', targetVolatility: 0.15, lookbackBars: 20, maxFraction: 1 },
    ],
    [
      'kelly:p=0.55,ratio=1.5',
      { kind: 'kelly', winProbability: 0.55, winLossRatio: 1.5, multiplier: 0.5, maxFraction: 0.25 },
    ],
  ])('reads %s', (text, model) => {
    expect(parseSizingSpec(text)).toEqual(model);
  });

  it.each([
    ['martingale:2', /must be fixed, equity_fraction/],
    ['fixed:1.5', /whole number of shares/],
    ['equity_fraction:2', /from 0.0001 to 1/],
    ['fixed_fractional:risk=0.01', /needs stop=/],
    ['fixed_fractional:risk=0.01,stop=0.05,leverage=3', /leverage is not an option/],
    ['kelly:p=1.5,ratio=1', /p must be a number from 0 to 1/],
  ])('refuses %s, naming the field and the problem', (text, problem) => {
    expect(() => parseSizingSpec(text)).toThrow(problem);
    try {
      parseSizingSpec(text);
    } catch (error) {
      expect(error).toMatchObject({ code: 'SIZING_INVALID', details: [{ field: 'sizing', in: 'body' }] });
    }
  });
});
