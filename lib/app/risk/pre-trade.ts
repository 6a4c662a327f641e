import { alertOnRejectionBurst, REJECTION_ALERT_PREFIX } from '../notifications/rejection-burst';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors';
import type { Account } from '../../core/portfolio/account';
import { effectiveLimits, type RiskLimits } from '../../core/risk/limits';
import { preTradeCheck } from '../../core/risk/pre-trade/pre-trade-check';
import type {
  PreTradeCheck,
  PreTradeDecision,
  PreTradeOrder,
  RiskContext,
} from '../../core/risk/pre-trade/types';
import type { TradingState } from '../../core/risk/trading-state';
import type { OrderDependencies } from '../orders/order-dependencies';
import type { RiskProfile } from '../ports/risk-limits-repository';
import { raiseAlert } from './raise-alert';
import { buildRiskContext, limitSetOf, type MarketSnapshot } from './risk-context';

/** The account's trading state and limits; if they cannot be read, nothing is sent (fail closed). */
export async function readRiskProfile(
  deps: Pick<OrderDependencies, 'riskLimits'>,
  accountId: string,
): Promise<RiskProfile> {
  try {
    return await deps.riskLimits.profile(accountId);
  } catch {
    throw new DomainError(
      'TRADING_STATE_UNAVAILABLE',
      'The trading state cannot be read, so no order is sent until it can (fail closed); try again shortly',
      'unavailable',
    );
  }
}

/** The account's trading state alone, failing closed like the profile. */
export async function readTradingState(
  deps: Pick<OrderDependencies, 'riskLimits'>,
  accountId: string,
): Promise<TradingState> {
  return (await readRiskProfile(deps, accountId)).tradingState;
}

export interface Decided {
  decision: PreTradeDecision;
  context: RiskContext;
  limits: RiskLimits;
}

/** Runs the pre-trade engine on an order against the account as given. Pure apart from the clock it is handed. */
export function decide(
  deps: Pick<OrderDependencies, 'settings'>,
  input: {
    account: Account;
    profile: RiskProfile;
    order: PreTradeOrder;
    snapshot: MarketSnapshot;
    now: Date;
    buyCostCents: (quantity: number) => number;
    checks?: readonly PreTradeCheck[];
  },
): Decided {
  const limitSet = limitSetOf(input.profile, input.account.accountId, deps.settings);
  const limits = effectiveLimits(limitSet, input.order.symbol, input.order.strategyId);
  const context = buildRiskContext({
    account: input.account,
    order: input.order,
    limits,
    tradingState: input.profile.tradingState as TradingState,
    snapshot: input.snapshot,
    now: input.now,
    buyCostCents: input.buyCostCents,
  });
  return { decision: preTradeCheck(input.order, context, input.checks), context, limits };
}

/**
 * Records a decision with the inputs it was made on (the audit log), and raises a warning
 * alert for a rejection. `source` says where the order came from (api, slice, flatten...).
 */
export async function recordDecision(
  deps: Pick<OrderDependencies, 'audit' | 'alerts' | 'alertPublisher' | 'clock'>,
  accountId: string,
  source: string,
  order: PreTradeOrder,
  { decision, inputs }: { decision: PreTradeDecision; inputs: Record<string, unknown> },
  orderId?: string,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.audit.append({
    accountId,
    at,
    actor: 'risk-engine',
    action: `pre_trade_${decision.outcome}`,
    detail: {
      source,
      ...(orderId ? { orderId } : {}),
      order,
      decision,
      inputs,
    },
  });
  if (decision.outcome === 'reject') {
    await raiseAlert(deps, {
      accountId,
      alertId: `${REJECTION_ALERT_PREFIX}${orderId ?? randomUUID()}#${at}`,
      level: 'warning',
      notify: false,
      code: decision.code,
      message: `Order ${order.side} ${order.quantity} ${order.symbol} rejected: ${decision.detail}`,
      at,
      detail: { source, check: decision.check, ...(orderId ? { orderId } : {}) },
    });
    await alertOnRejectionBurst(deps, accountId, new Date(at));
  }
}

/** What the audit log keeps of the inputs an equity decision was made on. */
export function decisionInputs(context: RiskContext): Record<string, unknown> {
  return {
    tradingState: context.tradingState.state,
    equityCents: context.equityCents,
    sessionOpenEquityCents: context.sessionOpenEquityCents,
    buyingPowerCents: context.buyingPowerCents,
    heldQuantity: context.heldQuantity,
    pendingBuyQuantity: context.pendingBuyQuantity,
    quote: context.quote,
    lossStreak: context.lossStreak,
    ordersInWindow: context.orderTimes.length,
  };
}

/** A refusal by the pre-trade risk engine (hosts count them: the RiskRejects metric). */
export class RiskRejectedError extends DomainError {
  constructor(
    code: string,
    message: string,
    kind: 'unprocessable' | 'unavailable',
    details: { field: string; in: 'body'; problem: string }[] | undefined,
    readonly check: string,
  ) {
    super(code, message, kind, details);
    this.name = 'RiskRejectedError';
  }
}

/** The rejection as the API reports it: 422 (503 when the risk state was unreadable), naming the field. */
export function rejectionError(
  decision: Extract<PreTradeDecision, { outcome: 'reject' }>,
): RiskRejectedError {
  return new RiskRejectedError(
    decision.code,
    decision.detail,
    decision.code === 'TRADING_STATE_UNAVAILABLE' ? 'unavailable' : 'unprocessable',
    decision.field ? [{ field: decision.field, in: 'body', problem: decision.detail }] : undefined,
    decision.check,
  );
}
