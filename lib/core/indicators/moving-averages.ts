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
 * Simple moving average over `period` values (a ring buffer: no allocation per value). The sum
 * is kept in whole ten-thousandths (exact for prices, which have at most four decimals) plus a
 * residual for what is finer, so the average of a window does not depend on how many values
 * came before it: a live engine replaying 390 bars and a backtest that started years earlier
 * compute the same number, and a crossover that ties ties on both (a running float sum drifted
 * by an ulp and broke such a tie one way live, the other in the backtest).
 */
export class Sma implements Indicator {
  /** Each value in the window, as whole ten-thousandths and what is left over. */
  private readonly units: Float64Array;
  private readonly rests: Float64Array;
  private count = 0;
  private unitSum = 0;
  private restSum = 0;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1)
      throw new RangeError(`period must be a whole number ≥ 1: ${period}`);
    this.units = new Float64Array(period);
    this.rests = new Float64Array(period);
  }

  private slot = 0;

  next(value: number): number {
    const slot = this.slot;
    if (this.count >= this.period) {
      this.unitSum -= this.units[slot]!;
      this.restSum -= this.rests[slot]!;
    } else this.count++;
    const units = Math.round(value * UNITS);
    const rest = value - units / UNITS;
    this.units[slot] = units;
    this.rests[slot] = rest;
    this.unitSum += units;
    this.restSum += rest;
    this.slot = slot + 1 === this.period ? 0 : slot + 1;
    return this.count >= this.period ? (this.unitSum / UNITS + this.restSum) / this.period : Number.NaN;
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
