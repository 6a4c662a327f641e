import { DateTime } from 'luxon';
import { isTradingDate, NEW_YORK, newYorkDate, tradingSession } from '../market/nyse-calendar';
import { type OptionInputs, type OptionType, type OptionValuation, valueInto } from './black-scholes';
import { type OptionContract, occRoot, occStrike } from './occ-symbol';
import { keptAnswers } from '../kept-answers';

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
  const expiries: OptionChain['expiries'] = [];
  // One set of pricing inputs, rewritten for each option (valueInto reads it at once).
  const inputs: OptionInputs = {
    type: 'call',
    spot,
    strike: 0,
    rate: parameters.rate,
    volatility: 0,
    timeToExpiry: 0,
    dividendYield: parameters.dividendYield ?? 0,
  };
  for (const expiry of parameters.expiries) {
    const timeToExpiry = (expiryClose(expiry).getTime() - parameters.asOf.getTime()) / YEAR_MS;
    if (!(timeToExpiry > 0)) continue;
    // The OCC root + date + type is the same for every strike of an expiry, and day after day.
    const [callPrefix, putPrefix] = occRoots(parameters.underlying, expiry);
    const calls: OptionQuote[] = [];
    const puts: OptionQuote[] = [];
    inputs.timeToExpiry = timeToExpiry;
    for (const strike of strikes) {
      inputs.strike = strike;
      inputs.volatility = surfaceVolatility(parameters, strike);
      inputs.type = 'call';
      calls.push(optionQuote(parameters, expiry, inputs, callPrefix));
      inputs.type = 'put';
      puts.push(optionQuote(parameters, expiry, inputs, putPrefix));
    }
    expiries.push({ expiry, timeToExpiry, calls, puts });
  }
  return { underlying: parameters.underlying, spot, asOf: parameters.asOf.toISOString(), expiries };
}

/** The call and put OCC roots of an underlying's expiry, worked out once. */
function occRoots(underlying: string, expiry: string): readonly [string, string] {
  return rootsOf(`${underlying} ${expiry}`);
}

const rootsOf = keptAnswers(10_000, (key: string): readonly [string, string] => {
  const [underlying, expiry] = key.split(' ') as [string, string];
  return [occRoot({ underlying, expiry, type: 'call' }), occRoot({ underlying, expiry, type: 'put' })];
});

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
  inputs: OptionInputs,
  symbolPrefix: string,
): OptionQuote {
  const { type, strike } = inputs;
  // Spelled out in one shape (every quote the same, which keeps chain building fast); the
  // valuation is written straight into it.
  const quote: OptionQuote = {
    price: 0,
    delta: 0,
    gamma: 0,
    vega: 0,
    theta: 0,
    rho: 0,
    contract: { underlying: parameters.underlying, expiry, type, strike },
    symbol: symbolPrefix + occStrike(strike),
    bid: 0,
    ask: 0,
    mid: 0,
    impliedVolatility: inputs.volatility,
    timeToExpiry: inputs.timeToExpiry,
  };
  valueInto(inputs, quote);
  const halfSpread = Math.max(0.005, (quote.price * (parameters.spreadFraction ?? 0.04)) / 2);
  quote.bid = Math.max(0, Math.floor((quote.price - halfSpread) * 100) / 100);
  quote.ask = Math.max(0.01, Math.ceil((quote.price + halfSpread) * 100) / 100);
  quote.mid = (quote.bid + quote.ask) / 2;
  return quote;
}

/** When an option expiring on `date` stops trading: that session's close (16:00 New York, or an early close). */
export function expiryClose(date: string): Date {
  return closeOn(date);
}

/** Expiry closes, worked out once (time-zone arithmetic is the costly part of a chain). */
const closeOn = keptAnswers(
  10_000,
  (date: string) =>
    tradingSession(date)?.close ??
    DateTime.fromISO(date, { zone: NEW_YORK }).set({ hour: 16, minute: 0 }).toJSDate(),
);

/**
 * Listed expiries after `asOf`: the next `weeks` Fridays (weeklies) and the third Friday of the
 * next `months` months (monthlies), sorted, without repeats. A Friday holiday moves to Thursday.
 */
export function listedExpiries(asOf: Date, weeks = 4, months = 3): string[] {
  return [...listings(`${newYorkDate(asOf)}|${weeks}|${months}`)];
}

const listings = keptAnswers(10_000, (key: string): readonly string[] => {
  const [date, weeks, months] = key.split('|') as [string, string, string];
  return computeListedExpiries(date, Number(weeks), Number(months));
});

/** The listing as of a New York date (YYYY-MM-DD). */
function computeListedExpiries(date: string, weeks: number, months: number): string[] {
  // Calendar arithmetic on the New York date, in UTC (dates only: no time-zone work needed).
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const today = Date.UTC(y, m - 1, d);
  const DAY = 86_400_000;
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
  const weekday = (time: number) => new Date(time).getUTCDay();
  const dates = new Set<string>();
  let friday = today + ((5 - weekday(today) + 7) % 7 || 7) * DAY;
  for (let i = 0; i < weeks; i++, friday += 7 * DAY) dates.add(tradingDayOnOrBefore(friday, iso));
  for (let i = 0; i <= months; i++) {
    const first = Date.UTC(y, m - 1 + i, 1);
    const third = first + (((5 - weekday(first) + 7) % 7) + 14) * DAY;
    if (third > today) dates.add(tradingDayOnOrBefore(third, iso));
  }
  return [...dates].sort().slice(0, weeks + months);
}

function tradingDayOnOrBefore(day: number, iso: (time: number) => string): string {
  let cursor = day;
  for (let guard = 0; guard < 5 && !isTradingDate(iso(cursor)); guard++) cursor -= 86_400_000;
  return iso(cursor);
}

/** A contract's quote in a chain: its expiry, then its strike by binary search (strikes are listed in order). */
export function findOptionQuote(
  chain: OptionChain,
  contract: { expiry: string; type: OptionType; strike: number },
): OptionQuote | undefined {
  const expiry = chain.expiries.find((entry) => entry.expiry === contract.expiry);
  if (!expiry) return undefined;
  const quotes = contract.type === 'call' ? expiry.calls : expiry.puts;
  let low = 0;
  let high = quotes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const strike = quotes[middle]!.contract.strike;
    if (strike === contract.strike) return quotes[middle];
    if (strike < contract.strike) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
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
