/*
 * A cycle's second phase: each strategy's signals (and each position's exits) turned into orders
 * through the risk engine, a few at a time. The frame of the cycle is run-cycle.ts.
 */
import { exitReason } from '../../core/engine/exits';
import { optionExitRulesOf } from '../../core/engine/option-exits';
import { actOnOptions } from './act-on-options';
import {
  type ActedSignal,
  actedKey,
  type CycleError,
  type SessionStrategy,
  type StrategySession,
} from '../../core/engine/session';
import { decideOnSignal } from '../../core/engine/signal-orders';
import { DomainError } from '../../core/errors';
import type { Account } from '../../core/portfolio/account';
import type { Quote } from '../../core/market/quote';
import { averageEntryPrice } from '../../core/portfolio/strategy-positions';
import type { Signal } from '../../core/strategies/strategy';
import { derivedClientOrderId, orderIdFor } from '../orders/order-ids';
import { type PlaceOrderResult, placeOrder } from '../orders/place-order';
import type { EngineDependencies } from './engine-dependencies';

/** Orders a cycle has in flight at once. */
const ORDER_CONCURRENCY = 6;

/**
 * Each strategy–symbol pair's signal acted on, a few at a time: what was acted on, the orders and
 * exits sent, and the strategies the consecutive-loss breaker tripped (errors added to `errors`).
 */
export async function actOnSignals(
  context: CycleContext,
  work: readonly { strategy: SessionStrategy; symbol: string; signal: Signal | null }[],
  errors: CycleError[],
) {
  const acted: Record<string, ActedSignal> = {};
  const tripped = new Set<string>();
  let orders = 0;
  let exits = 0;
  await forEachConcurrently(work, ORDER_CONCURRENCY, async ({ strategy, symbol, signal }) => {
    if (tripped.has(strategy.configId)) return;
    try {
      const outcome = await actOnSymbol(context, strategy, symbol, signal);
      if (outcome.acted) acted[actedKey(strategy.configId, symbol)] = outcome.acted;
      if (outcome.error) errors.push(outcome.error);
      if (outcome.ordered) orders++;
      if (outcome.exited) exits++;
      if (outcome.breaker && !tripped.has(strategy.configId)) {
        // The breaker refuses its every new position: pause it here too, so it stops asking.
        tripped.add(strategy.configId);
        errors.push({
          configId: strategy.configId,
          message: 'paused by the consecutive-loss circuit breaker',
        });
      }
    } catch (error) {
      errors.push({ configId: strategy.configId, symbol, message: messageOf(error) });
    }
  });
  return { acted, tripped, orders, exits };
}

/** What each decision of a cycle reads: the account and prices as the cycle began. */
export interface CycleContext {
  deps: EngineDependencies;
  session: StrategySession;
  account: Account;
  /** Mids, by symbol (option contracts included). */
  prices: Map<string, number>;
  /** The quotes behind them: what a position could be closed at. */
  quotes: ReadonlyMap<string, Quote>;
  equityDollars: number;
  now: Date;
}

export interface SymbolOutcome {
  /** The risk engine's consecutive-loss breaker refused the strategy: the engine pauses it. */
  breaker?: boolean;
  acted?: ActedSignal;
  error?: CycleError;
  ordered?: boolean;
  exited?: boolean;
}

/** Exits first (a position past its stop leaves whatever the strategy says), then the signal. */
async function actOnSymbol(
  context: CycleContext,
  strategy: SessionStrategy,
  symbol: string,
  signal: Signal | null,
): Promise<SymbolOutcome> {
  const { session, account, prices, now } = context;
  const optionRules = optionExitRulesOf(strategy.type, strategy.parameters);
  if (optionRules) return actOnOptions(context, strategy, symbol, signal, optionRules);
  const price = prices.get(symbol);
  if (price === undefined)
    return { error: { configId: strategy.configId, symbol, message: `no quote for ${symbol}` } };
  const position = account.strategyPositions?.[strategy.configId]?.[symbol];
  const held = Math.min(position?.quantity ?? 0, account.positions[symbol]?.quantity ?? 0);
  const orderWorking = Object.values(account.openOrders).some(
    (exposure) => exposure.strategyId === strategy.configId && exposure.symbol === symbol,
  );
  const entry = averageEntryPrice(position);
  if (held > 0 && entry !== null && !orderWorking) {
    const reason = exitReason(
      strategy.exits,
      { entryPrice: entry, openedAt: position!.openedAt },
      price,
      now,
    );
    if (reason) {
      const clientOrderId = derivedClientOrderId(
        'x',
        session.sessionId,
        strategy.configId,
        symbol,
        position!.openedAt,
      );
      const result = await send(context, strategy, symbol, 'sell', held, clientOrderId, price);
      return { ...(result.error ? { error: result.error } : {}), exited: result.ordered && !result.replayed };
    }
  }
  // Most pairs have no new signal in a cycle: nothing to decide, no instrument to look up.
  if (!signal) return {};
  const decision = decideOnSignal({
    signal,
    acted: session.acted[actedKey(strategy.configId, symbol)],
    held,
    orderWorking,
    price,
    equityDollars: context.equityDollars,
    allocation: strategy.allocation,
    lotSize: (await context.deps.instruments.get(symbol))?.lotSize ?? 1,
  });
  const base = { at: signal.at, direction: signal.direction };
  if (decision.kind === 'none') {
    return decision.record ? { acted: { ...base, outcome: 'skipped', reason: decision.reason } } : {};
  }
  const clientOrderId = derivedClientOrderId('s', session.sessionId, strategy.configId, symbol, signal.at);
  const result = await send(
    context,
    strategy,
    symbol,
    decision.side,
    decision.quantity,
    clientOrderId,
    price,
  );
  return signalOutcome(base, result);
}

/**
 * What sending a signal's order did, as the cycle records it: acted on (ordered or refused, a
 * refusal final for the signal), or — a failure that may pass next time — not recorded at all.
 */
export function signalOutcome(
  signal: { at: string; direction: Signal['direction'] },
  result: SendResult,
): SymbolOutcome {
  if (result.error && !result.refused) return { error: result.error }; // not recorded: tried again next cycle
  return {
    acted: {
      at: signal.at,
      direction: signal.direction,
      outcome: result.ordered ? 'ordered' : 'rejected',
      ...(result.orderId ? { orderId: result.orderId } : {}),
      ...(result.error ? { reason: result.error.message } : {}),
    },
    ...(result.error ? { error: result.error } : {}),
    ordered: result.ordered && !result.replayed,
    ...(result.code === 'CONSECUTIVE_LOSSES' ? { breaker: true } : {}),
  };
}

export interface SendResult {
  /** An order exists for this cause (sent now, or by an earlier run of the cycle: `replayed`). */
  ordered: boolean;
  /** The refusal's code (RISK codes such as CONSECUTIVE_LOSSES). */
  code?: string;
  replayed?: boolean;
  orderId?: string;
  error?: CycleError;
  /** Validation or risk said no: final for this signal. */
  refused?: boolean;
}

/**
 * Sends one engine order, unless its derived client id already made one (a cycle repeated after
 * a restart finds it and sends nothing). A refusal by validation or risk is final for the signal.
 */
async function send(
  context: CycleContext,
  strategy: SessionStrategy,
  symbol: string,
  side: 'buy' | 'sell',
  quantity: number,
  clientOrderId: string,
  /** The price the cycle decided at (its mid as the cycle began). */
  decisionPrice: number,
): Promise<SendResult> {
  return sendOnce(context, strategy, symbol, clientOrderId, () =>
    placeOrder(context.deps, context.session.accountId, {
      symbol,
      side,
      quantity,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'auto',
      strategyId: strategy.configId,
      clientOrderId,
      decisionPrice,
    }),
  );
}

/**
 * The engine's rule for every order it sends, shares or options: nothing when the derived client
 * id already made an order (it ordered — unless that order ended without trading: refused); else
 * `place` it. A refusal by validation or risk is final for the cause and says its code (the loss
 * breaker's pauses the strategy); a failure that may pass (unavailable, a conflict) is not.
 */
export async function sendOnce(
  context: CycleContext,
  strategy: SessionStrategy,
  symbol: string,
  clientOrderId: string,
  place: () => Promise<PlaceOrderResult>,
): Promise<SendResult> {
  const { deps, session } = context;
  const error = (message: string) => ({ configId: strategy.configId, symbol, message });
  const existing = await deps.orders.get(session.accountId, orderIdFor(session.accountId, clientOrderId));
  if (existing) {
    // An earlier run sent it, unless that order ended without trading (refused, or interrupted).
    const refused =
      existing.status === 'rejected' || (existing.status === 'canceled' && existing.filledQuantity === 0);
    if (!refused) return { ordered: true, replayed: true, orderId: existing.orderId };
    return {
      ordered: false,
      refused: true,
      orderId: existing.orderId,
      error: error(existing.history.at(-1)?.reason ?? existing.status),
    };
  }
  try {
    const { order } = await place();
    if (order.status === 'rejected') {
      return {
        ordered: false,
        orderId: order.orderId,
        refused: true,
        error: error(order.history.at(-1)?.reason ?? 'rejected'),
      };
    }
    return { ordered: true, orderId: order.orderId };
  } catch (failure) {
    const refused =
      failure instanceof DomainError && failure.kind !== 'unavailable' && failure.kind !== 'conflict';
    return {
      ordered: false,
      refused,
      ...(failure instanceof DomainError ? { code: failure.code } : {}),
      error: error(messageOf(failure)),
    };
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `task` over `items` with at most `limit` running at once. */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
