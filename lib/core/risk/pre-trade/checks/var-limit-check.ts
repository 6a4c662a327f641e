import { formatDollars } from '../../../money';
import { normalQuantile } from '../../normal';
import { adjustOrReject, referencePrice } from '../order-effects';
import type { PreTradeCheck } from '../types';

const Z95 = normalQuantile(0.95);

/**
 * Portfolio VaR limit: the 1-day 95 % parametric VaR after the order (z·√(V + 2Δb + Δ²c), see
 * VarModel) must stay within `maxVarFraction` of equity. Orders that lower VaR always pass; one
 * that would breach is cut to the largest size that fits (the root of that quadratic).
 */
export const varLimitCheck: PreTradeCheck = {
  name: 'var_limit',
  evaluate(order, context) {
    const model = context.varModel;
    if (!model) {
      return {
        kind: 'reject',
        code: 'VAR_UNAVAILABLE',
        detail: `No price history to measure ${order.symbol}'s effect on VaR, so the order is refused (fail closed)`,
      };
    }
    const price = referencePrice(order, context);
    const direction = order.side === 'buy' ? 1 : -1;
    const delta = direction * order.quantity * price;
    const { portfolioVariance: v, covarianceWithSymbol: b, symbolVariance: c } = model;
    const after = v + 2 * delta * b + delta * delta * c;
    if (after <= v) return null;
    const limitDollars = context.limits.maxVarFraction * (context.equityCents / 100);
    const varAfter = Z95 * Math.sqrt(Math.max(0, after));
    if (varAfter <= limitDollars) return null;
    // Largest x ≥ 0 dollars with c·x² + 2·(direction·b)·x + v − (L/z)² ≤ 0.
    const bound = (limitDollars / Z95) ** 2;
    const slope = direction * b;
    const discriminant = slope * slope - c * (v - bound);
    const maxDollars = c > 0 && discriminant >= 0 ? (-slope + Math.sqrt(discriminant)) / c : 0;
    return adjustOrReject(
      order,
      context,
      Math.floor(Math.max(0, maxDollars) / price + 1e-9),
      'VAR_LIMIT',
      `1-day 95% VaR would be ${formatDollars(varAfter)}, over the limit of ${formatDollars(limitDollars)} (${+(context.limits.maxVarFraction * 100).toFixed(4)}% of equity)`,
    );
  },
};
