import { DateTime } from 'luxon';
import { NEW_YORK, tradingSession } from '../market/nyse-calendar';
import { blackScholes, type OptionType, type OptionValuation } from './black-scholes';
import { type OptionContract, occSymbol } from './occ-symbol';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** One listed option as the simulated market quotes it. Prices in dollars per share. */
export interface OptionQuote extends OptionValuation {
  contract: OptionContract;
  symbol: string;
  bid: number;
  ask: number;
  mid: number;
  impliedVolatility: number;
  timeToExpiry: number;
}

export interface OptionChain {
  underlying: string;
  spot: number;
  asOf: string;
  expiries: { expiry: string; timeToExpiry: number; calls: OptionQuote[]; puts: OptionQuote[] }[];
}

/**
 * How the simulated chain is drawn: strikes every `strikeStep` around spot, a volatility
 * surface with skew and smile in log-moneyness (σ(k) = atm + skew·k + smile·k²), and a
 * bid/ask spread that is a fraction of the price with a one-cent floor, on a one-cent tick.
 */
export interface ChainParameters {
  underlying: string;
  spot: number;
  asOf: Date;
  atmVolatility: number;
  rate: number;
  dividendYield?: number;
  skew?: number;
  smile?: number;
  strikeStep: number;
  strikesEachSide: number;
  expiries: readonly string[];
  spreadFraction?: number;
}

/** A deterministic option chain (same inputs, same chain) for paper trading and backtests. */
export function simulateChain(parameters: ChainParameters): OptionChain {
  const { spot, strikeStep, strikesEachSide } = parameters;
  const center = Math.round(spot / strikeStep) * strikeStep;
  const strikes: number[] = [];
  for (let i = -strikesEachSide; i <= strikesEachSide; i++) {
    const strike = Number((center + i * strikeStep).toFixed(4));
    if (strike > 0) strikes.push(strike);
  }
  const expiries = parameters.expiries
    .map((expiry) => ({
      expiry,
      timeToExpiry: (expiryClose(expiry).getTime() - parameters.asOf.getTime()) / YEAR_MS,
    }))
    .filter(({ timeToExpiry }) => timeToExpiry > 0)
    .map(({ expiry, timeToExpiry }) => {
      const quote = (type: OptionType, strike: number) =>
        optionQuote(parameters, expiry, timeToExpiry, type, strike);
      return {
        expiry,
        timeToExpiry,
        calls: strikes.map((strike) => quote('call', strike)),
        puts: strikes.map((strike) => quote('put', strike)),
      };
    });
  return { underlying: parameters.underlying, spot, asOf: parameters.asOf.toISOString(), expiries };
}

/** The volatility the surface gives a strike: atm + skew·ln(K/S) + smile·ln(K/S)², floored at 1 %. */
export function surfaceVolatility(parameters: ChainParameters, strike: number): number {
  const k = Math.log(strike / parameters.spot);
  return Math.max(
    0.01,
    parameters.atmVolatility + (parameters.skew ?? -0.15) * k + (parameters.smile ?? 0.4) * k * k,
  );
}

function optionQuote(
  parameters: ChainParameters,
  expiry: string,
  timeToExpiry: number,
  type: OptionType,
  strike: number,
): OptionQuote {
  const volatility = surfaceVolatility(parameters, strike);
  const valuation = blackScholes({
    type,
    spot: parameters.spot,
    strike,
    rate: parameters.rate,
    volatility,
    timeToExpiry,
    dividendYield: parameters.dividendYield ?? 0,
  });
  const halfSpread = Math.max(0.005, (valuation.price * (parameters.spreadFraction ?? 0.04)) / 2);
  const bid = Math.max(0, Math.floor((valuation.price - halfSpread) * 100) / 100);
  const ask = Math.max(0.01, Math.ceil((valuation.price + halfSpread) * 100) / 100);
  const contract = { underlying: parameters.underlying, expiry, type, strike };
  return {
    ...valuation,
    contract,
    symbol: occSymbol(contract),
    bid,
    ask,
    mid: (bid + ask) / 2,
    impliedVolatility: volatility,
    timeToExpiry,
  };
}

/** When an option expiring on `date` stops trading: that session's close (16:00 New York, or an early close). */
export function expiryClose(date: string): Date {
  return (
    tradingSession(date)?.close ??
    DateTime.fromISO(date, { zone: NEW_YORK }).set({ hour: 16, minute: 0 }).toJSDate()
  );
}

/**
 * Listed expiries after `asOf`: the next `weeks` Fridays (weeklies) and the third Friday of the
 * next `months` months (monthlies), sorted, without repeats. A Friday holiday moves to Thursday.
 */
export function listedExpiries(asOf: Date, weeks = 4, months = 3): string[] {
  const today = DateTime.fromJSDate(asOf, { zone: NEW_YORK }).startOf('day');
  const dates = new Set<string>();
  let friday = today.plus({ days: (5 - today.weekday + 7) % 7 || 7 });
  for (let i = 0; i < weeks; i++, friday = friday.plus({ weeks: 1 })) dates.add(tradingDayOnOrBefore(friday));
  for (let i = 0; i <= months; i++) {
    const first = today.plus({ months: i }).startOf('month');
    const third = first.plus({ days: (5 - first.weekday + 7) % 7 }).plus({ weeks: 2 });
    if (third > today) dates.add(tradingDayOnOrBefore(third));
  }
  return [...dates].sort().slice(0, weeks + months);
}

function tradingDayOnOrBefore(day: DateTime): string {
  let cursor = day;
  for (let guard = 0; guard < 5 && !tradingSession(cursor.toISODate()!); guard++)
    cursor = cursor.minus({ days: 1 });
  return cursor.toISODate()!;
}

/** Greeks of a set of option positions (quantity in contracts, `multiplier` shares each, 100 by default). */
export function portfolioGreeks(
  positions: readonly { quantity: number; valuation: OptionValuation; multiplier?: number }[],
): OptionValuation {
  const total: OptionValuation = { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  for (const { quantity, valuation, multiplier = 100 } of positions) {
    const scale = quantity * multiplier;
    total.price += scale * valuation.price;
    total.delta += scale * valuation.delta;
    total.gamma += scale * valuation.gamma;
    total.vega += scale * valuation.vega;
    total.theta += scale * valuation.theta;
    total.rho += scale * valuation.rho;
  }
  return total;
}
