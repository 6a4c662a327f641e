import type { Indicator } from './moving-averages';

/** Wilder's RSI (0–100): averages of gains and losses smoothed by 1/period after an SMA seed. */
export class Rsi implements Indicator {
  private previous = Number.NaN;
  private count = 0;
  private gain = 0;
  private loss = 0;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1)
      throw new RangeError(`period must be a whole number ≥ 1: ${period}`);
  }

  next(value: number): number {
    const previous = this.previous;
    this.previous = value;
    if (Number.isNaN(previous)) return Number.NaN;
    const change = value - previous;
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    this.count++;
    if (this.count <= this.period) {
      this.gain += up / this.period;
      this.loss += down / this.period;
      if (this.count < this.period) return Number.NaN;
    } else {
      this.gain = (this.gain * (this.period - 1) + up) / this.period;
      this.loss = (this.loss * (this.period - 1) + down) / this.period;
    }
    if (this.loss === 0) return this.gain === 0 ? 50 : 100;
    return 100 - 100 / (1 + this.gain / this.loss);
  }
}

/** Rate of change over `period` values, in percent: 100·(x − x₋ₙ)/x₋ₙ. */
export class Roc implements Indicator {
  private readonly window: number[] = [];

  constructor(readonly period: number) {}

  next(value: number): number {
    this.window.push(value);
    if (this.window.length <= this.period) return Number.NaN;
    const past = this.window.shift()!;
    return past === 0 ? Number.NaN : (100 * (value - past)) / past;
  }
}

export interface Bands {
  lower: number;
  middle: number;
  upper: number;
}

/** Bollinger bands: SMA ± `multiplier` population standard deviations over `period` values. */
export class BollingerBands implements Indicator<Bands | undefined> {
  private readonly window: number[] = [];

  constructor(
    readonly period: number,
    readonly multiplier: number,
  ) {}

  next(value: number): Bands | undefined {
    this.window.push(value);
    if (this.window.length > this.period) this.window.shift();
    if (this.window.length < this.period) return undefined;
    let sum = 0;
    for (const x of this.window) sum += x;
    const middle = sum / this.period;
    let squares = 0;
    for (const x of this.window) squares += (x - middle) * (x - middle);
    const deviation = Math.sqrt(squares / this.period);
    return {
      lower: middle - this.multiplier * deviation,
      middle,
      upper: middle + this.multiplier * deviation,
    };
  }
}
