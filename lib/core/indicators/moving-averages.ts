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

/** Simple moving average over `period` values (a ring buffer: no allocation per value). */
export class Sma implements Indicator {
  private readonly window: Float64Array;
  private count = 0;
  private sum = 0;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1)
      throw new RangeError(`period must be a whole number ≥ 1: ${period}`);
    this.window = new Float64Array(period);
  }

  private slot = 0;

  next(value: number): number {
    const slot = this.slot;
    if (this.count >= this.period) this.sum -= this.window[slot]!;
    else this.count++;
    this.window[slot] = value;
    this.sum += value;
    this.slot = slot + 1 === this.period ? 0 : slot + 1;
    return this.count >= this.period ? this.sum / this.period : Number.NaN;
  }
}

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
