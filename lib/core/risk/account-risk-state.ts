import type { Cents } from '../money';
import { recordStrategyTrade, type StrategyPerformance } from '../strategies/config';
import type { RiskLimits } from './limits';
import type { RecentOrder } from './pre-trade/types';

/** A run of losing trades. `before` is the run as it stood before `lastOrderId`'s outcome. */
export interface LossStreak {
  count: number;
  before: number;
  lastOrderId?: string;
  lastOrderPnlCents: Cents;
}

/**
 * The risk engine's memory of an account, kept on the account item so it changes in the same
 * conditional write as the money: the session-open equity (for the daily loss limit), recent
 * orders (rate and duplicate controls — bounded by the limits) and losing streaks.
 */
export interface AccountRiskState {
  /** The trading date (New York) the snapshot belongs to. */
  session: string;
  sessionOpenEquityCents: Cents;
  orderTimes: number[];
  recentOrders: RecentOrder[];
  lossStreak: { account: LossStreak; strategies: Record<string, LossStreak> };
  /** Realised P&L, trades and wins per strategy configuration (absent until its first closing fill). */
  performance?: Record<string, StrategyPerformance>;
}

const EMPTY_STREAK: LossStreak = { count: 0, before: 0, lastOrderPnlCents: 0 };

export function emptyRiskState(session: string, equityCents: Cents): AccountRiskState {
  return {
    session,
    sessionOpenEquityCents: equityCents,
    orderTimes: [],
    recentOrders: [],
    lossStreak: { account: EMPTY_STREAK, strategies: {} },
  };
}

/** The state for `session`: a new session starts from the equity seen now; streaks carry over. */
export function forSession(
  state: AccountRiskState | undefined,
  session: string,
  equityCents: Cents,
): AccountRiskState {
  if (!state) return emptyRiskState(session, equityCents);
  if (state.session === session) return state;
  return { ...state, session, sessionOpenEquityCents: equityCents };
}

/** Remembers an order just sent; forgets what no window can see any more (bounded size). */
export function recordOrder(
  state: AccountRiskState,
  order: RecentOrder,
  limits: RiskLimits,
): AccountRiskState {
  const rateSince = order.at - limits.orderWindowSeconds * 1000;
  const duplicateSince = order.at - limits.duplicateWindowSeconds * 1000;
  const orderTimes = [...state.orderTimes.filter((at) => at > rateSince), order.at].slice(
    -limits.maxOrdersPerWindow,
  );
  const recentOrders =
    limits.duplicateWindowSeconds > 0
      ? [...state.recentOrders.filter((recent) => recent.at > duplicateSince), order].slice(
          -limits.maxOrdersPerWindow,
        )
      : [];
  return { ...state, orderTimes, recentOrders };
}

/**
 * Counts a closing fill's P&L into the losing streaks (the account's and its strategy's). Fills
 * of one order make one trade: a later fill of the same order re-judges that trade.
 */
export function recordTradeOutcome(
  state: AccountRiskState,
  trade: { orderId: string; strategyId?: string; realizedPnlCents: Cents },
): AccountRiskState {
  const strategies = { ...state.lossStreak.strategies };
  if (trade.strategyId !== undefined) {
    strategies[trade.strategyId] = nextStreak(strategies[trade.strategyId] ?? EMPTY_STREAK, trade);
  }
  const performance =
    trade.strategyId === undefined
      ? state.performance
      : {
          ...state.performance,
          [trade.strategyId]: recordStrategyTrade(state.performance?.[trade.strategyId], trade),
        };
  return {
    ...state,
    lossStreak: { account: nextStreak(state.lossStreak.account, trade), strategies },
    ...(performance ? { performance } : {}),
  };
}

function nextStreak(streak: LossStreak, trade: { orderId: string; realizedPnlCents: Cents }): LossStreak {
  const sameTrade = streak.lastOrderId === trade.orderId;
  const before = sameTrade ? streak.before : streak.count;
  const pnl = (sameTrade ? streak.lastOrderPnlCents : 0) + trade.realizedPnlCents;
  return { count: pnl < 0 ? before + 1 : 0, before, lastOrderId: trade.orderId, lastOrderPnlCents: pnl };
}
