/**
 * Incremental indicators: each `next(value)` takes one new observation (oldest first) and
 * returns the indicator, or undefined until enough observations have arrived. Conventions
 * match the technicalindicators library (the tests compare against it).
 */
export interface Indicator<T = number> {
  next(value: number): T | undefined;
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

  next(value: number): number | undefined {
    const slot = this.slot;
    if (this.count >= this.period) this.sum -= this.window[slot]!;
    else this.count++;
    this.window[slot] = value;
    this.sum += value;
    this.slot = slot + 1 === this.period ? 0 : slot + 1;
    return this.count >= this.period ? this.sum / this.period : undefined;
  }
}

/** Exponential moving average, α = 2 / (period + 1), seeded with the SMA of the first `period` values. */
export class Ema implements Indicator {
  private readonly seed: Sma;
  private value: number | undefined;
  private readonly alpha: number;

  constructor(readonly period: number) {
    this.seed = new Sma(period);
    this.alpha = 2 / (period + 1);
  }

  next(value: number): number | undefined {
    if (this.value === undefined) {
      this.value = this.seed.next(value);
      return this.value;
    }
    this.value = (value - this.value) * this.alpha + this.value;
    return this.value;
  }
}
