import fc from 'fast-check';
import * as ti from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BollingerBands, Ema, type Indicator, Roc, Rsi, Sma } from '../../../lib/core/indicators';

/** Runs an incremental indicator over a series, keeping only the outputs after warm-up (as technicalindicators returns them). */
function run<T>(indicator: Indicator<T>, values: readonly number[]): Exclude<T, undefined>[] {
  return values
    .map((value) => indicator.next(value))
    .filter((out): out is Exclude<T, undefined> => out !== undefined && !Number.isNaN(out));
}

const prices = fc.array(fc.double({ min: 1, max: 1_000, noNaN: true }), { minLength: 1, maxLength: 120 });
const period = fc.integer({ min: 1, max: 30 });

describe('incremental indicators agree with technicalindicators 3.1', () => {
  it('SMA', () => {
    fc.assert(
      fc.property(prices, period, (values, p) => {
        const ours = run(new Sma(p), values);
        const theirs = ti.SMA.calculate({ period: p, values });
        expect(ours).toHaveLength(theirs.length);
        ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 8));
      }),
    );
  });

  it('EMA (seeded with the SMA)', () => {
    fc.assert(
      fc.property(prices, period, (values, p) => {
        const ours = run(new Ema(p), values);
        const theirs = ti.EMA.calculate({ period: p, values });
        expect(ours).toHaveLength(theirs.length);
        ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 8));
      }),
    );
  });

  it("Wilder's RSI (the library rounds to 2 decimals)", () => {
    fc.assert(
      fc.property(prices, fc.integer({ min: 2, max: 30 }), (values, p) => {
        const ours = run(new Rsi(p), values);
        const theirs = ti.RSI.calculate({ period: p, values });
        expect(ours).toHaveLength(theirs.length);
        ours.forEach((v, i) => expect(Math.abs(v - theirs[i]!)).toBeLessThanOrEqual(0.0051));
      }),
    );
  });

  it('ROC (percent)', () => {
    fc.assert(
      fc.property(prices, period, (values, p) => {
        const ours = run(new Roc(p), values);
        const theirs = ti.ROC.calculate({ period: p, values });
        expect(ours).toHaveLength(theirs.length);
        ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 6));
      }),
    );
  });

  it('Bollinger bands (population deviation)', () => {
    fc.assert(
      fc.property(
        prices,
        fc.integer({ min: 2, max: 30 }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        (values, p, k) => {
          const ours = run(new BollingerBands(p, k), values);
          const theirs = ti.BollingerBands.calculate({ period: p, stdDev: k, values });
          expect(ours).toHaveLength(theirs.length);
          ours.forEach((v, i) => {
            expect(v.middle).toBeCloseTo(theirs[i]!.middle, 6);
            expect(v.upper).toBeCloseTo(theirs[i]!.upper, 6);
            expect(v.lower).toBeCloseTo(theirs[i]!.lower, 6);
          });
        },
      ),
    );
  });
});

describe('warm-up', () => {
  it('scalar indicators give NaN until enough observations, then numbers; bands give undefined', () => {
    const values = [10, 11, 12, 13, 14, 15];
    const outputs = (indicator: Indicator<number>) => values.map((value) => indicator.next(value));
    const warming = (out: number[]) => out.findIndex((value) => !Number.isNaN(value));
    expect(warming(outputs(new Sma(3)))).toBe(2);
    expect(warming(outputs(new Ema(3)))).toBe(2);
    expect(warming(outputs(new Rsi(3)))).toBe(3);
    expect(warming(outputs(new Roc(3)))).toBe(3);
    for (const indicator of [new Sma(3), new Ema(3), new Rsi(3), new Roc(3)])
      expect(outputs(indicator).slice(4).every(Number.isFinite)).toBe(true);
    const bands = new BollingerBands(3, 2);
    expect(values.map((value) => bands.next(value)).slice(0, 3)).toEqual([
      undefined,
      undefined,
      expect.objectContaining({ middle: 11 }),
    ]);
  });
});

describe('a moving average does not depend on where its history started', () => {
  it('gives bit-for-bit the same average of a window of prices, however many came before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000_000 }), { minLength: 25, maxLength: 300 }),
        fc.integer({ min: 1, max: 20 }),
        (cents, period) => {
          const prices = cents.map((c) => c / 100);
          const long = new Sma(period);
          let fromStart = Number.NaN;
          for (const price of prices) fromStart = long.next(price);
          const short = new Sma(period);
          let fromWindow = Number.NaN;
          for (const price of prices.slice(-period)) fromWindow = short.next(price);
          expect(Object.is(fromStart, fromWindow)).toBe(true);
        },
      ),
      { seed: 23 },
    );
  });
});
