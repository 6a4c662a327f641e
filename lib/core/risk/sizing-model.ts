import { DomainError } from '../errors';
import { roundDownToLot } from '../market/instrument';
import { sizePosition } from './position-sizing';

/**
 * How a strategy's signal becomes a number of shares — the one model the backtester and the live
 * engine both size with (`sharesFor`). Fractions as 0–1; volatilities annualised.
 * - fixed: always `quantity` shares.
 * - equity_fraction: `fraction` of equity at the signal's price.
 * - fixed_fractional: risk `riskFraction` of equity on a stop `stopFraction` below (above, short) the price.
 * - volatility_target: the position whose volatility is `targetVolatility` of equity, σ measured over
 *   the last `lookbackBars` bars; at most `maxFraction` of equity.
 * - kelly: the Kelly fraction p − (1 − p)/R scaled by `multiplier` (½-Kelly = 0.5), at most `maxFraction`.
 * No model buys more than equity pays for (no leverage) nor less than a lot.
 */
export type SizingModel =
  | { kind: 'fixed'; quantity: number }
  | { kind: 'equity_fraction'; fraction: number }
  | { kind: 'fixed_fractional'; riskFraction: number; stopFraction: number }
  | { kind: 'volatility_target'; targetVolatility: number; lookbackBars: number; maxFraction: number }
  | { kind: 'kelly'; winProbability: number; winLossRatio: number; multiplier: number; maxFraction: number };

/** Positions are this share of equity unless a request says otherwise (the CLI and the API alike). */
export const DEFAULT_EQUITY_FRACTION = 0.95;

/**
 * The sizing a request names: a fixed quantity, a model's spec (`field` names it in a refusal),
 * or a fraction of equity — DEFAULT_EQUITY_FRACTION when it names none. One way at a time: each
 * boundary (the API's schema, the CLI's flags) refuses two.
 */
export function sizingOf(
  asked: { fraction?: number | undefined; quantity?: number | undefined; sizing?: string | undefined },
  field = 'sizing',
): SizingModel {
  if (asked.quantity !== undefined) return { kind: 'fixed', quantity: asked.quantity };
  if (asked.sizing !== undefined) return parseSizingSpec(asked.sizing, field);
  return { kind: 'equity_fraction', fraction: asked.fraction ?? DEFAULT_EQUITY_FRACTION };
}

export interface SizingInputs {
  equity: number;
  price: number;
  lotSize: number;
  /** The symbol's annualised volatility (volatility_target only). */
  volatility?: number;
}

/** Shares to hold for a new position under `model`: whole lots, never negative, never leveraged. */
export function sharesFor(model: SizingModel, inputs: SizingInputs): number {
  const { equity, price, lotSize } = inputs;
  if (!(equity > 0) || !(price > 0)) return 0;
  const account = { equity, lotSize, maxQuantity: Math.floor(equity / price) };
  switch (model.kind) {
    case 'fixed':
      return roundDownToLot(model.quantity, lotSize);
    case 'equity_fraction':
      // The arithmetic the backtester has always used: floor(fraction × equity / price), in lots.
      return Math.floor((model.fraction * equity) / price / lotSize) * lotSize;
    case 'fixed_fractional':
      return sizePosition(account, {
        method: 'fixed_fractional',
        riskFraction: model.riskFraction,
        entryPrice: price,
        stopPrice: price * (1 - model.stopFraction),
      }).quantity;
    case 'volatility_target': {
      const sized = sizePosition(
        { ...account, maxQuantity: Math.floor((equity * model.maxFraction) / price) },
        {
          method: 'volatility_target',
          targetVolatility: model.targetVolatility,
          price,
          volatility: inputs.volatility ?? 0,
        },
      );
      return sized.quantity;
    }
    case 'kelly':
      return sizePosition(account, {
        method: 'kelly',
        winProbability: model.winProbability,
        winLossRatio: model.winLossRatio,
        multiplier: model.multiplier,
        maxFraction: model.maxFraction,
        price,
      }).quantity;
  }
}

/** Whether the model needs the symbol's volatility (and so its recent bars). */
export function needsVolatility(
  model: SizingModel,
): model is Extract<SizingModel, { kind: 'volatility_target' }> {
  return model.kind === 'volatility_target';
}

const MINUTES_PER_SESSION = 390;
const SESSIONS_PER_YEAR = 252;

/**
 * Annualised volatility of closes `end − lookback … end` (inclusive): the sample standard deviation
 * (ddof = 1) of log returns, scaled by the bars a year holds at their spacing — minute bars
 * 252 × 390 / minutes a bar, daily bars 252. Times in epoch ms. 0 with fewer than 3 bars.
 */
export function annualisedVolatility(
  close: ArrayLike<number>,
  time: ArrayLike<number>,
  end: number,
  lookback: number,
): number {
  const start = Math.max(0, end - lookback);
  const count = end - start;
  if (count < 2) return 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = start + 1; i <= end; i++) {
    const r = Math.log(close[i]! / close[i - 1]!);
    sum += r;
    sumSquares += r * r;
  }
  const mean = sum / count;
  const variance = Math.max(0, (sumSquares - count * mean * mean) / (count - 1));
  const minutesPerBar = Math.min(MINUTES_PER_SESSION, (time[end]! - time[start]!) / 60_000 / count);
  const barsPerYear = (SESSIONS_PER_YEAR * MINUTES_PER_SESSION) / Math.max(1, minutesPerBar);
  return Math.sqrt(variance * barsPerYear);
}

/**
 * Reads a sizing spec as the CLI and the API take it:
 * `fixed:100`, `equity_fraction:0.5`, `fixed_fractional:risk=0.01,stop=0.05`,
 * `volatility_target:target=0.15,lookback=20,max=1`, `kelly:p=0.55,ratio=1.5,multiplier=0.5,max=0.25`.
 * A bad spec is a DomainError naming `field` and what is wrong.
 */
export function parseSizingSpec(text: string, field = 'sizing'): SizingModel {
  const [kind = '', rest = ''] = text.split(/:(.*)/s);
  const fail = (problem: string): never => {
    throw new DomainError('SIZING_INVALID', `${field} ${text}: ${problem}`, 'invalid', [
      { field, in: 'body', problem },
    ]);
  };
  const options = new Map<string, string>();
  if (rest.includes('='))
    for (const part of rest.split(',')) {
      const [name = '', value = ''] = part.split('=');
      options.set(name.trim(), value.trim());
    }
  const number = (name: string, min: number, max: number, fallback?: number): number => {
    const raw = options.get(name);
    if (raw === undefined) {
      if (fallback !== undefined) return fallback;
      return fail(`needs ${name}=<number>`);
    }
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value < min || value > max)
      return fail(`${name} must be a number from ${min} to ${max}`);
    return value;
  };
  const only = (...names: string[]) => {
    const unknown = [...options.keys()].filter((name) => !names.includes(name));
    if (unknown.length > 0)
      fail(`${unknown.join(', ')} is not an option of ${kind} (it takes ${names.join(', ')})`);
  };
  switch (kind) {
    case 'fixed': {
      const quantity = Number(rest);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000_000)
        return fail('fixed takes a whole number of shares from 1 to 10,000,000, e.g. fixed:100');
      return { kind, quantity };
    }
    case 'equity_fraction': {
      const fraction = Number(rest);
      if (rest === '' || !(fraction >= 0.0001 && fraction <= 1))
        return fail('equity_fraction takes a fraction from 0.0001 to 1, e.g. equity_fraction:0.5');
      return { kind, fraction };
    }
    case 'fixed_fractional':
      only('risk', 'stop');
      return { kind, riskFraction: number('risk', 0.0001, 1), stopFraction: number('stop', 0.0001, 0.99) };
    case 'volatility_target':
      only('target', 'lookback', 'max');
      return {
        kind,
        targetVolatility: number('target', 0.001, 5),
        lookbackBars: Math.round(number('lookback', 2, 10_000, 20)),
        maxFraction: number('max', 0.0001, 1, 1),
      };
    case 'kelly':
      only('p', 'ratio', 'multiplier', 'max');
      return {
        kind,
        winProbability: number('p', 0, 1),
        winLossRatio: number('ratio', 0.01, 100),
        multiplier: number('multiplier', 0.01, 1, 0.5),
        maxFraction: number('max', 0.0001, 1, 0.25),
      };
    default:
      return fail('the model must be fixed, equity_fraction, fixed_fractional, volatility_target or kelly');
  }
}
