import { newYorkDate } from '../../core/market/nyse-calendar';
import type { Quote } from '../../core/market/quote';
import type { Cents } from '../../core/money';
import { type Account, buyingPowerCents, sellableQuantity } from '../../core/portfolio/account';
import { valuePortfolio } from '../../core/portfolio/valuation';
import { STOP_TYPES } from '../../core/orders/stop-order-rules';
import { forSession, recordOrder } from '../../core/risk/account-risk-state';
import {
  DEFAULT_RISK_LIMITS,
  defaultLimitSet,
  type RiskLimits,
  type RiskLimitSet,
} from '../../core/risk/limits';
import type { PreTradeOrder, RiskContext } from '../../core/risk/pre-trade/types';
import type { TradingState } from '../../core/risk/trading-state';
import type { OrderSettings } from '../orders/order-settings';
import { OPTION_MULTIPLIER } from '../../core/options/occ-symbol';
import { type BookPricing, quoteSymbols, riskSymbols } from '../options/position-quotes';
import type { RiskProfile } from '../ports/risk-limits-repository';
import { type ReturnsModel, type RiskModelCache, varModelFor } from './risk-model';

/** The platform's default account limits: the risk defaults with the order-size settings of the environment. */
export function defaultAccountLimits(settings: OrderSettings): RiskLimits {
  return {
    ...DEFAULT_RISK_LIMITS,
    maxOrderQuantity: settings.maxOrderQuantity,
    maxOrderNotional: settings.maxOrderNotional,
    priceCollarFraction: settings.priceCollarFraction,
  };
}

/** The limits in force for an account: what an administrator set, else the defaults. */
export function limitSetOf(profile: RiskProfile, accountId: string, settings: OrderSettings): RiskLimitSet {
  const defaults = defaultAccountLimits(settings);
  // A set saved before a limit existed takes that limit's default.
  return profile.limits
    ? { ...profile.limits, account: { ...defaults, ...profile.limits.account } }
    : defaultLimitSet(accountId, defaults);
}

/**
 * Prices and covariances for the account's symbols and the order's, read before a decision: the
 * symbols it holds and those of its open orders — a fill of one of those, landing while this
 * order is decided, must not bring a position the snapshot has never priced.
 */
export interface MarketSnapshot {
  quotes: Map<string, Quote>;
  model: ReturnsModel;
}

export async function marketSnapshot(
  deps: BookPricing & { riskModel: RiskModelCache },
  account: Account,
  symbol: string,
  now: Date,
): Promise<MarketSnapshot> {
  const symbols = [
    ...new Set([
      symbol,
      ...Object.keys(account.positions),
      ...Object.values(account.openOrders).map((exposure) => exposure.symbol),
    ]),
  ];
  // An option's risk is its underlying's: the underlying is priced and modelled with it.
  const modelled = riskSymbols(symbols);
  const [quotes, model] = await Promise.all([
    quoteSymbols(deps, [...new Set([...symbols, ...modelled])]),
    deps.riskModel.model(modelled, now),
  ]);
  return { quotes, model };
}

/**
 * The account's equity (positions at the last price), and each position's value in dollars as
 * the risk models see it: an option's is its delta in shares of the underlying at the
 * underlying's price, added to the underlying's (the parametric VaR and concentration are
 * first-order in options; `GET /api/risk` revalues them in full besides).
 */
export function accountValue(account: Account, quotes: ReadonlyMap<string, Quote>) {
  const prices = new Map<string, number>();
  for (const [symbol, quote] of quotes) prices.set(symbol, quote.last);
  const valuation = valuePortfolio(account, prices);
  const positionValues = new Map<string, number>();
  for (const { position, marketValueCents } of valuation.positions) {
    const mark = quotes.get(position.symbol)?.option;
    const [symbol, dollars] = mark
      ? [mark.underlying, mark.delta * position.quantity * OPTION_MULTIPLIER * mark.spot]
      : [position.symbol, marketValueCents / 100];
    positionValues.set(symbol, (positionValues.get(symbol) ?? 0) + dollars);
  }
  return { valuation, positionValues };
}

/** Everything the pre-trade checks read, from the freshest account the caller has. */
export function buildRiskContext(input: {
  account: Account;
  order: PreTradeOrder;
  limits: RiskLimits;
  tradingState: TradingState;
  snapshot: MarketSnapshot;
  now: Date;
  buyCostCents: (quantity: number) => Cents;
}): RiskContext {
  const { account, order, snapshot, now } = input;
  const quote = snapshot.quotes.get(order.symbol);
  if (!quote) throw new Error(`no quote for ${order.symbol}`);
  const { valuation, positionValues } = accountValue(account, snapshot.quotes);
  const risk = forSession(account.risk, newYorkDate(now), valuation.equityCents);
  let pendingBuyQuantity = 0;
  for (const exposure of Object.values(account.openOrders)) {
    if (exposure.symbol === order.symbol && exposure.side === 'buy') {
      pendingBuyQuantity += exposure.quantity - exposure.filledQuantity;
    }
  }
  return {
    nowMs: now.getTime(),
    tradingState: { state: input.tradingState.state, reason: input.tradingState.reason },
    limits: input.limits,
    quote: { bid: quote.bid, ask: quote.ask, last: quote.last },
    heldQuantity: account.positions[order.symbol]?.quantity ?? 0,
    sellableQuantity: sellableQuantity(account, order.symbol),
    pendingBuyQuantity,
    buyingPowerCents: buyingPowerCents(account),
    buyCostCents: input.buyCostCents,
    equityCents: valuation.equityCents,
    sessionOpenEquityCents: risk.sessionOpenEquityCents,
    orderTimes: risk.orderTimes,
    recentOrders: risk.recentOrders,
    lossStreak: {
      account: risk.lossStreak.account.count,
      strategy:
        order.strategyId === undefined ? 0 : (risk.lossStreak.strategies[order.strategyId]?.count ?? 0),
    },
    varModel: varModelFor(snapshot.model, positionValues, order.symbol),
  };
}

/** The account with the order remembered by the risk state (rate, duplicates), in the same write as its reservation. */
export function withOrderRecorded(
  account: Account,
  order: PreTradeOrder,
  limits: RiskLimits,
  /** The equity the decision saw (the session's opening equity, if this is its first order). */
  equityCents: number,
  now: Date,
): Account {
  const risk = forSession(account.risk, newYorkDate(now), equityCents);
  return {
    ...account,
    risk: recordOrder(
      risk,
      {
        at: now.getTime(),
        symbol: order.symbol,
        side: order.side,
        quantity: order.quantity,
        ...(order.limitPrice === undefined ? {} : { limitPrice: order.limitPrice }),
        ...(order.stopPrice === undefined ? {} : { stopPrice: order.stopPrice }),
        ...(STOP_TYPES.has(order.orderType) ? { orderType: order.orderType } : {}),
      },
      limits,
    ),
  };
}
