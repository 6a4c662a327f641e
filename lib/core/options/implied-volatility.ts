import { DomainError } from '../errors';
import { type OptionType, priceAndVega } from './black-scholes';

const LOW = 1e-6;
const HIGH = 10; // 1,000 % a year: beyond any listed option
const TOLERANCE = 1e-10;

/**
 * The volatility that reproduces an option's price under Black–Scholes–Merton: Newton's method
 * on vega from the Corrado–Miller estimate, falling back to bisection whenever a Newton step
 * leaves the bracket (deep in or out of the money vega vanishes and Newton alone diverges).
 * Throws NO_IMPLIED_VOLATILITY when no volatility in (0, 1000 %] gives the price — outside
 * the no-arbitrage bounds (below the discounted intrinsic value, above the discounted spot
 * for a call or strike for a put).
 */
export function impliedVolatility(inputs: {
  type: OptionType;
  price: number;
  spot: number;
  strike: number;
  rate: number;
  timeToExpiry: number;
  dividendYield?: number;
}): number {
  const { type, price, timeToExpiry: t } = inputs;
  if (!(t > 0) || !(price > 0)) throw noVolatility(inputs, 'the option has no time value to explain');
  const spot = inputs.spot * Math.exp(-(inputs.dividendYield ?? 0) * t);
  const strike = inputs.strike * Math.exp(-inputs.rate * t);
  const sqrtT = Math.sqrt(t);
  const value = (volatility: number) => priceAndVega(type, spot, strike, volatility, sqrtT);
  const intrinsic = Math.max(0, type === 'call' ? spot - strike : strike - spot);
  if (price < intrinsic - 1e-12 * Math.max(1, price) || price > (type === 'call' ? spot : strike)) {
    throw noVolatility(inputs, outOfBounds(type, intrinsic, spot, strike));
  }
  let low = LOW;
  let high = HIGH;
  let sigma = corradoMiller(type === 'call' ? price : price + spot - strike, spot, strike, sqrtT);
  for (let iteration = 0; iteration < 100; iteration++) {
    const { price: model, vega } = value(sigma);
    const difference = model - price;
    if (Math.abs(difference) < TOLERANCE) return sigma;
    if (difference > 0) high = sigma;
    else low = sigma;
    const newton = vega > 1e-12 ? sigma - difference / vega : Number.NaN;
    sigma = newton > low && newton < high ? newton : 0.5 * (low + high);
    if (high - low < 1e-14) break;
  }
  // Converged to the top of the bracket without reaching the price: more than 1000 % a year.
  if (sigma > HIGH * (1 - 1e-9)) throw noVolatility(inputs, 'it would take more than 1000% a year');
  return sigma;
}

function outOfBounds(type: OptionType, intrinsic: number, spot: number, strike: number): string {
  const ceiling = type === 'call' ? spot : strike;
  return `the price must lie between ${intrinsic.toFixed(6)} (no volatility) and ${ceiling.toFixed(6)} (the no-arbitrage bound)`;
}

/** Corrado & Miller (1996): a closed-form first guess from a call price (forward terms), kept inside the bracket. */
function corradoMiller(call: number, spot: number, strike: number, sqrtT: number): number {
  const half = call - (spot - strike) / 2;
  const root = Math.sqrt(Math.max(0, half * half - ((spot - strike) * (spot - strike)) / Math.PI));
  const guess = ((Math.sqrt(2 * Math.PI) / (spot + strike)) * (half + root)) / sqrtT;
  return Number.isFinite(guess) && guess > 0.01 ? Math.min(guess, 5) : 0.3;
}

function noVolatility(inputs: { type: OptionType; price: number; strike: number }, why: string): DomainError {
  return new DomainError(
    'NO_IMPLIED_VOLATILITY',
    `No volatility reproduces a ${inputs.type} price of ${inputs.price} at strike ${inputs.strike}: ${why}`,
    'unprocessable',
    [{ field: 'price', problem: why }],
  );
}
