import { changeSessionState } from '../../core/engine/session';
import { DomainError, NotFoundError } from '../../core/errors';
import { retrySession } from '../engine/retry-session';
import { readChangeWrite } from '../orders/retrying';
import type { EngineStore } from '../ports/engine-store';
import { isTerminal } from '../../core/orders/order-lifecycle';
import type { TradingState, TradingStateName } from '../../core/risk/trading-state';
import { cancelOrder } from '../orders/cancel-order';
import type { CancelAllResult } from '../ports/broker';
import type { OrderDependencies } from '../orders/order-dependencies';
import { optionClosingGroups, placeClosingOrder, placeOptionClosingOrder } from '../orders/closing-order';
import { derivedClientOrderId } from '../orders/order-ids';
import { isOptionSymbol } from '../../core/options/occ-symbol';
import { STOP_TYPES } from '../../core/orders/stop-order-rules';
import { readTradingState } from './pre-trade';
import type { AuditLog } from '../ports/audit-log';
import type { RiskAlert } from '../../core/risk/alerts';
import { raiseAlert } from './raise-alert';

export interface RiskDependencies extends OrderDependencies {
  audit: AuditLog;
  /** The engine's sessions, paused by a stop (absent where a host runs no engine). */
  engine?: EngineStore;
}

export interface EmergencyStopResult {
  state: TradingState;
  ordersCanceled: string[];
  executionsStopped: string[];
  /** Per symbol, the closing order placed (or why it could not be). */
  flattened: { symbol: string; quantity: number; orderId?: string; error?: string }[];
  /** The trading session it paused, if one was running. */
  sessionPaused: string | null;
  /** The broker's own mass cancel, per order it still had working (or why it could not run). */
  venueCancels: { results: CancelAllResult[]; error?: string };
  /** Why the platform's own cancels stopped short (the account or an order could not be read); the halt holds. */
  cancelError?: string;
}

/**
 * The kill switch. In this order: the account is durably HALTED (so every pre-trade path —
 * the API, TWAP slices, iceberg clips — refuses from this moment); every open order is
 * cancelled and every TWAP/iceberg stopped; with `flatten`, each position is closed by a market
 * order, the only order a halt lets through. Audited, and raised as a critical alert (whoever
 * pulled it: a trader, an administrator or a CloudWatch alarm). Running it again is harmless.
 */
export async function emergencyStop(
  deps: RiskDependencies,
  accountId: string,
  actor: string,
  options: { reason?: string; flatten?: boolean; alarm?: string } = {},
): Promise<EmergencyStopResult> {
  const reason = options.reason?.trim() || 'emergency stop';
  const { before, after } = await setTradingState(deps, accountId, 'HALTED', reason, actor);
  await deps.audit.append({
    accountId,
    at: deps.clock.now().toISOString(),
    actor,
    action: 'emergency_stop',
    before,
    after,
    detail: { flatten: options.flatten ?? false },
  });
  // The engine first: no cycle may send another order while the orders below are cancelled.
  const sessionPaused = deps.engine
    ? await pauseLiveSession(deps, deps.engine, accountId, reason, actor)
    : null;
  const canceled = await cancelOpenOrders(deps, accountId);
  const venueCancels = await cancelAllAtVenue(deps, accountId, actor);
  const flattened = options.flatten ? await flattenPositions(deps, canceled.account, after.version) : [];
  await raiseAlert(
    deps,
    stopAlert(deps.clock.now(), accountId, actor, reason, options.alarm, canceled, venueCancels, flattened),
  );
  return {
    state: after,
    ordersCanceled: canceled.ordersCanceled,
    executionsStopped: canceled.executionsStopped,
    flattened,
    sessionPaused,
    venueCancels,
    ...(canceled.cancelError === undefined ? {} : { cancelError: canceled.cancelError }),
  };
}

/** The critical alert a stop raises: who, why, and what it did. */
function stopAlert(
  now: Date,
  accountId: string,
  actor: string,
  reason: string,
  alarm: string | undefined,
  canceled: { ordersCanceled: string[]; stopsCanceled: string[]; cancelError?: string | undefined },
  venueCancels: EmergencyStopResult['venueCancels'],
  flattened: EmergencyStopResult['flattened'],
): RiskAlert {
  const shortfall = canceled.cancelError
    ? ` Open orders could not all be canceled here (${canceled.cancelError}); the venue's mass cancel ${venueCancels.error ? `failed too (${venueCancels.error})` : 'ran'}.`
    : '';
  const closing = flattened.filter((position) => position.orderId).length;
  const flattening = flattened.length > 0 ? ` Closing ${closing} of ${flattened.length} positions.` : '';
  const at = now.toISOString();
  return {
    accountId,
    alertId: `${at}#${alarm ? `alarm#${alarm}` : `stop#${actor}`}`,
    level: 'critical',
    code: 'EMERGENCY_STOP',
    message: `Trading halted by ${alarm ? `the alarm ${alarm}` : actor}: ${reason}; ${canceled.ordersCanceled.length} open orders canceled${canceled.stopsCanceled.length > 0 ? ` (${canceled.stopsCanceled.length} of them resting stops or exits: the positions they protected are unprotected now)` : ''}.${shortfall}${flattening} An administrator must reset it.`,
    at,
    detail: {
      actor,
      ...(alarm ? { alarm } : {}),
      ordersCanceled: canceled.ordersCanceled,
      ...(canceled.stopsCanceled.length > 0 ? { stopsCanceled: canceled.stopsCanceled } : {}),
      ...(flattened.length > 0 ? { flattened } : {}),
      ...(canceled.cancelError ? { cancelError: canceled.cancelError } : {}),
    },
  };
}

/**
 * Cancels every open order on the platform's books (TWAP and iceberg parents stop their runs).
 * The halt holds whatever happens here; a failure must not keep the venue's mass cancel from
 * running, so it is recorded and the stop goes on.
 */
async function cancelOpenOrders(deps: RiskDependencies, accountId: string) {
  const ordersCanceled: string[] = [];
  const executionsStopped: string[] = [];
  const stopsCanceled: string[] = [];
  let account: Awaited<ReturnType<typeof deps.accounts.get>> = null;
  let cancelError: string | undefined;
  try {
    account = await deps.accounts.get(accountId);
    for (const orderId of Object.keys(account?.openOrders ?? {})) {
      const order = await deps.orders.get(accountId, orderId);
      if (!order || isTerminal(order.status)) continue;
      await cancelOrder(deps, accountId, orderId);
      ordersCanceled.push(orderId);
      if (order.execution !== 'immediate') executionsStopped.push(orderId);
      if (STOP_TYPES.has(order.orderType) || order.orderClass === 'oco') stopsCanceled.push(orderId);
    }
  } catch (error) {
    cancelError = (error as Error).message;
  }
  return { account, ordersCanceled, executionsStopped, stopsCanceled, cancelError };
}

/**
 * The broker's mass cancel (Alpaca DELETE /v2/orders): it also reaches what the platform's books
 * do not show — an order sent just before a crash, or one placed in the broker's own UI. Audited.
 */
async function cancelAllAtVenue(
  deps: RiskDependencies,
  accountId: string,
  actor: string,
): Promise<EmergencyStopResult['venueCancels']> {
  const venueCancels: EmergencyStopResult['venueCancels'] = { results: [] };
  try {
    venueCancels.results = await deps.broker.cancelAll(accountId);
  } catch (error) {
    venueCancels.error = (error as Error).message;
  }
  await deps.audit.append({
    accountId,
    at: deps.clock.now().toISOString(),
    actor,
    action: 'venue_cancel_all',
    detail: { results: venueCancels.results, ...(venueCancels.error ? { error: venueCancels.error } : {}) },
  });
  return venueCancels;
}

/**
 * Closes each long position with a market order, the only order a halt lets through, and each
 * underlying's options as one order per expiration (a spread's legs together); each outcome reported.
 */
async function flattenPositions(
  deps: RiskDependencies,
  account: Awaited<ReturnType<RiskDependencies['accounts']['get']>>,
  haltVersion: number,
): Promise<EmergencyStopResult['flattened']> {
  const flattened: EmergencyStopResult['flattened'] = [];
  if (!account) return flattened;
  const close = async (
    symbol: string,
    quantity: number,
    place: () => Promise<{ order: { orderId: string } }>,
  ) => {
    try {
      flattened.push({ symbol, quantity, orderId: (await place()).order.orderId });
    } catch (error) {
      flattened.push({ symbol, quantity, error: (error as Error).message });
    }
  };
  for (const position of Object.values(account.positions)) {
    if (position.quantity <= 0 || isOptionSymbol(position.symbol)) continue;
    await close(position.symbol, position.quantity, () =>
      placeClosingOrder(
        deps,
        account.accountId,
        { symbol: position.symbol, held: position.quantity, quantity: position.quantity },
        { clientOrderId: `flatten-${haltVersion}-${position.symbol}`, bypassHalt: true },
      ),
    );
  }
  for (const group of optionClosingGroups(Object.values(account.positions))) {
    const name = group.symbols.join('+');
    await close(name, group.units, () =>
      placeOptionClosingOrder(deps, account.accountId, group, {
        clientOrderId: derivedClientOrderId('flat', String(haltVersion), ...group.symbols),
        bypassHalt: true,
      }),
    );
  }
  return flattened;
}

/** Pauses the account's running session (a paused or ending one is left as it is); its id, or null. */
async function pauseLiveSession(
  deps: RiskDependencies,
  engine: EngineStore,
  accountId: string,
  reason: string,
  actor: string,
): Promise<string | null> {
  const current = await engine.currentSession(accountId);
  if (!current || current.state !== 'running') return null;
  try {
    const paused = await retrySession({ engine, clock: deps.clock }, accountId, (session, now) =>
      session.state === 'running'
        ? changeSessionState(session, 'paused', `emergency stop: ${reason}`, actor, now)
        : null,
    );
    return paused.sessionId;
  } catch (error) {
    if (error instanceof NotFoundError) return null; // stopped meanwhile
    throw error;
  }
}

/** Re-enables trading after a stop. The route allows it to administrators only; audited. */
export async function resetEmergencyStop(
  deps: RiskDependencies,
  accountId: string,
  actor: string,
  reason?: string,
): Promise<TradingState> {
  const current = await readTradingState(deps, accountId);
  if (current.state === 'ACTIVE') {
    throw new DomainError('NOT_HALTED', 'Trading is already active; there is nothing to reset', 'conflict');
  }
  const { before, after } = await setTradingState(
    deps,
    accountId,
    'ACTIVE',
    reason?.trim() || 'reset by an administrator',
    actor,
  );
  await deps.audit.append({
    accountId,
    at: deps.clock.now().toISOString(),
    actor,
    action: 'emergency_stop_reset',
    before,
    after,
  });
  await raiseAlert(deps, {
    accountId,
    alertId: `EMERGENCY_STOP_RESET#${after.changedAt}`,
    level: 'warning',
    code: 'EMERGENCY_STOP_RESET',
    message: `Trading re-enabled by ${actor}: ${after.reason}`,
    at: after.changedAt,
    detail: { actor, previousState: before.state },
  });
  return after;
}

export async function setTradingState(
  deps: RiskDependencies,
  accountId: string,
  state: TradingStateName,
  reason: string,
  actor: string,
): Promise<{ before: TradingState; after: TradingState }> {
  const { current: before, next: after } = await readChangeWrite({
    read: () => readTradingState(deps, accountId),
    change: (current): TradingState => ({
      accountId,
      state,
      reason,
      changedAt: deps.clock.now().toISOString(),
      changedBy: actor,
      version: current.version + 1,
    }),
    write: (_current, next) => deps.tradingStates.save(next),
    attempts: 10,
  });
  return { before, after: after! };
}
