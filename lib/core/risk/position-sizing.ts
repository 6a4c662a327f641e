import { roundDownToLot } from '../market/instrument';

/**
 * How to size a new position. Prices in dollars; fractions as 0–1; volatilities annualised.
 * - fixed_fractional: risk `riskFraction` of equity between entry and stop.
 * - volatility_target: hold the position whose volatility is `targetVolatility` of equity
 *   (σ-based), or risk `riskFraction` of equity over `atrMultiple` ATRs (ATR-based).
 * - kelly: the Kelly fraction p − (1 − p)/R, scaled by `multiplier` (½-Kelly = 0.5) and capped.
 */
export type SizingRule =
  | { method: 'fixed_fractional'; riskFraction: number; entryPrice: number; stopPrice: number }
  | { method: 'volatility_target'; targetVolatility: number; price: number; volatility: number }
  | { method: 'atr'; riskFraction: number; price: number; atr: number; atrMultiple: number }
  | {
      method: 'kelly';
      winProbability: number;
      winLossRatio: number;
      multiplier: number;
      maxFraction: number;
      price: number;
    };

export interface SizingAccount {
  equity: number;
  lotSize: number;
  /** An upper bound from the limits (shares), if any. */
  maxQuantity?: number;
}

export interface SizedPosition {
  quantity: number;
  /** The position value the rule asked for, as a fraction of equity (before lot rounding and caps). */
  fractionOfEquity: number;
}

/** No rule may ask for more shares than this (a near-zero stop distance would ask for billions). */
const MAX_SHARES = 1e12;

/** Sizes a position by the rule; whole lots, never negative, never above `maxQuantity`. */
export function sizePosition(account: SizingAccount, rule: SizingRule): SizedPosition {
  if (!(account.equity > 0)) return { quantity: 0, fractionOfEquity: 0 };
  const { shares, price } = rawShares(account.equity, rule);
  const bounded = Math.min(Math.max(0, shares), account.maxQuantity ?? MAX_SHARES);
  const quantity = Number.isFinite(bounded) ? roundDownToLot(bounded, account.lotSize) : 0;
  return {
    quantity,
    fractionOfEquity: Number.isFinite(shares) ? (Math.max(0, shares) * price) / account.equity : 0,
  };
}

function rawShares(equity: number, rule: SizingRule): { shares: number; price: number } {
  switch (rule.method) {
    case 'fixed_fractional': {
      const stopDistance = Math.abs(rule.entryPrice - rule.stopPrice);
      return {
        shares: stopDistance > 0 ? (equity * rule.riskFraction) / stopDistance : 0,
        price: rule.entryPrice,
      };
    }
    case 'volatility_target':
      return {
        shares: rule.volatility > 0 ? (equity * rule.targetVolatility) / rule.volatility / rule.price : 0,
        price: rule.price,
      };
    case 'atr': {
      const risk = rule.atr * rule.atrMultiple;
      return { shares: risk > 0 ? (equity * rule.riskFraction) / risk : 0, price: rule.price };
    }
    case 'kelly': {
      const fraction = kellyFraction(rule.winProbability, rule.winLossRatio);
      const capped = Math.min(Math.max(0, fraction) * rule.multiplier, rule.maxFraction);
      return { shares: (equity * capped) / rule.price, price: rule.price };
    }
  }
}

/** The Kelly criterion for a bet won with probability p paying R per unit lost: p − (1 − p)/R. */
export function kellyFraction(winProbability: number, winLossRatio: number): number {
  if (!(winLossRatio > 0)) return 0;
  return winProbability - (1 - winProbability) / winLossRatio;
}
