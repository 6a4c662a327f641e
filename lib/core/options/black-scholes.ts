import { normalCdf, normalPdf } from '../risk/normal';

export type OptionType = 'call' | 'put';

/**
 * Inputs of Black–Scholes–Merton. Units: prices in currency; `rate` and `dividendYield`
 * continuously compounded per year (0.05 = 5 %); `volatility` annualised (0.2 = 20 %);
 * `timeToExpiry` in years (ACT/365: days / 365).
 */
export interface OptionInputs {
  type: OptionType;
  spot: number;
  strike: number;
  rate: number;
  volatility: number;
  timeToExpiry: number;
  dividendYield?: number;
}

/**
 * Price and greeks. Units, stated because conventions differ between platforms:
 * - `delta`: per 1.00 of spot; `gamma`: per 1.00 of spot, per 1.00 of spot.
 * - `vega`: per 1.00 (100 percentage points) of volatility — `vegaPerPoint` divides by 100.
 * - `theta`: per year (calendar) — `thetaPerDay` divides by 365.
 * - `rho`: per 1.00 (100 percentage points) of rate — `rhoPerPoint` divides by 100.
 */
export interface OptionValuation {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/**
 * Black–Scholes–Merton with a continuous dividend yield. At or after expiry (or at zero
 * volatility) the option is worth its discounted forward intrinsic value and the greeks are
 * those of that limit (delta a step, the others 0).
 */
export function blackScholes(inputs: OptionInputs): OptionValuation {
  return valueInto(inputs, { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });
}

/**
 * `blackScholes`, written into `out` (an option chain's quote): a chain values millions of
 * options in a backtest, and a valuation object per option, copied into the quote and dropped,
 * was a fifth of its garbage.
 */
export function valueInto<T extends OptionValuation>(inputs: OptionInputs, out: T): T {
  const { type, spot: s, strike: k, rate: r, volatility: sigma, timeToExpiry: t } = inputs;
  const q = inputs.dividendYield ?? 0;
  const discountedSpot = s * Math.exp(-q * Math.max(t, 0));
  const discountedStrike = k * Math.exp(-r * Math.max(t, 0));
  if (!(t > 0) || !(sigma > 0))
    return Object.assign(out, degenerate(type, discountedSpot, discountedStrike, t, q));
  const sqrtT = Math.sqrt(t);
  const sigmaSqrtT = sigma * sqrtT;
  const d1 = (Math.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / sigmaSqrtT;
  const d2 = d1 - sigmaSqrtT;
  const pdf = normalPdf(d1);
  const gamma = (Math.exp(-q * t) * pdf) / (s * sigmaSqrtT);
  const vega = discountedSpot * pdf * sqrtT;
  const decay = -(discountedSpot * pdf * sigma) / (2 * sqrtT);
  if (type === 'call') {
    const nd1 = normalCdf(d1);
    const nd2 = normalCdf(d2);
    out.price = discountedSpot * nd1 - discountedStrike * nd2;
    out.delta = Math.exp(-q * t) * nd1;
    out.gamma = gamma;
    out.vega = vega;
    out.theta = decay - r * discountedStrike * nd2 + q * discountedSpot * nd1;
    out.rho = discountedStrike * t * nd2;
    return out;
  }
  const nMinusD1 = normalCdf(-d1);
  const nMinusD2 = normalCdf(-d2);
  out.price = discountedStrike * nMinusD2 - discountedSpot * nMinusD1;
  out.delta = -Math.exp(-q * t) * nMinusD1;
  out.gamma = gamma;
  out.vega = vega;
  out.theta = decay + r * discountedStrike * nMinusD2 - q * discountedSpot * nMinusD1;
  out.rho = -discountedStrike * t * nMinusD2;
  return out;
}

function degenerate(
  type: OptionType,
  forwardSpot: number,
  forwardStrike: number,
  t: number,
  q: number,
): OptionValuation {
  const inTheMoney = type === 'call' ? forwardSpot > forwardStrike : forwardStrike > forwardSpot;
  const sign = type === 'call' ? 1 : -1;
  return {
    price: Math.max(0, sign * (forwardSpot - forwardStrike)),
    delta: inTheMoney ? sign * Math.exp(-q * Math.max(t, 0)) : 0,
    gamma: 0,
    vega: 0,
    theta: 0,
    rho: 0,
  };
}

/** Theta per calendar day. */
export const thetaPerDay = (valuation: Pick<OptionValuation, 'theta'>) => valuation.theta / 365;
/** Vega per volatility point (1 %). */
export const vegaPerPoint = (valuation: Pick<OptionValuation, 'vega'>) => valuation.vega / 100;
/** Rho per rate point (1 %). */
export const rhoPerPoint = (valuation: Pick<OptionValuation, 'rho'>) => valuation.rho / 100;

/**
 * Price and vega only (what a volatility search needs at each step), computed as in
 * `blackScholes`; t > 0 and volatility > 0.
 */
export function priceAndVega(
  type: OptionType,
  discountedSpot: number,
  discountedStrike: number,
  volatility: number,
  sqrtT: number,
): { price: number; vega: number } {
  const sigmaSqrtT = volatility * sqrtT;
  const d1 = Math.log(discountedSpot / discountedStrike) / sigmaSqrtT + 0.5 * sigmaSqrtT;
  const d2 = d1 - sigmaSqrtT;
  const vega = discountedSpot * normalPdf(d1) * sqrtT;
  const price =
    type === 'call'
      ? discountedSpot * normalCdf(d1) - discountedStrike * normalCdf(d2)
      : discountedStrike * normalCdf(-d2) - discountedSpot * normalCdf(-d1);
  return { price, vega };
}
