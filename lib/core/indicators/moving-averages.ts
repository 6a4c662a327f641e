/**
 * Incremental indicators: each `next(value)` takes one new observation (oldest first) and
 * returns the indicator. Until enough observations have arrived a scalar indicator returns NaN
 * (as pandas' rolling windows and TA-Lib do) and a composite one undefined. NaN, not undefined,
 * for scalars: a `number | undefined` result is boxed in a heap object on every call even when
 * inlined — three allocations per bar per strategy in a backtest's hot loop (docs/benchmarks.md).
 * Values match the technicalindicators library (the tests compare against it).
 */
export interface Indicator<T = number> {
  next(value: number): T;
}

/**
 * Simple moving average over `period` values (a ring buffer: no allocation per value). Over
 * prices (at most four decimals) the sum is kept in whole ten-thousandths, exactly, so the
 * average of a window does not depend on how many values came before it: a live engine replaying
 * 390 bars and a backtest that started years earlier compute the same number, and a crossover
 * that ties ties on both (a running float sum drifted by an ulp and broke such a tie one way live,
 * the other in the backtest). A value finer than four decimals switches it to the float sum.
 */
export class Sma implements Indicator {
  private readonly window: Float64Array;
  private count = 0;
  /** The window's sum in whole ten-thousandths: exact while every value is a price. */
  private units = 0;
  /** The window's sum as floats, used once a value is not a price (finer than four decimals). */
  private sum = 0;
  private exact = true;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1)
      throw new RangeError(`period must be a whole number ≥ 1: ${period}`);
    this.window = new Float64Array(period);
  }

  private slot = 0;

  next(value: number): number {
    const slot = this.slot;
    const scaled = value * UNITS;
    const units = Math.round(scaled);
    if (this.count >= this.period) {
      const old = this.window[slot]!;
      this.units -= Math.round(old * UNITS);
      this.sum -= old;
    } else this.count++;
    this.window[slot] = value;
    this.units += units;
    this.sum += value;
    // A value four decimals cannot hold (an indicator of an indicator): the float sum from now on.
    if (this.exact && units / UNITS !== value) this.exact = false;
    this.slot = slot + 1 === this.period ? 0 : slot + 1;
    if (this.count < this.period) return Number.NaN;
    return (this.exact ? this.units / UNITS : this.sum) / this.period;
  }
}

/** Ten-thousandths: the finest price step (the sub-penny tick). */
const UNITS = 10_000;

/** Exponential moving average, α = 2 / (period + 1), seeded with the SMA of the first `period` values. */
export class Ema implements Indicator {
  private readonly seed: Sma;
  /** NaN until seeded (a number field: never boxed per update). */
  private value = Number.NaN;
  private readonly alpha: number;

  constructor(readonly period: number) {
    this.seed = new Sma(period);
    this.alpha = 2 / (period + 1);
  }

  next(value: number): number {
    if (Number.isNaN(this.value)) {
      this.value = this.seed.next(value);
      return this.value;
    }
    this.value = (value - this.value) * this.alpha + this.value;
    return this.value;
  }
}
