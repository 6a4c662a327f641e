import { randomUUID } from 'node:crypto';
import { cycleWindow } from '../../core/engine/cycle-window';
import { exitReason } from '../../core/engine/exits';
import {
  type ActedSignal,
  actedKey,
  activeStrategies,
  changeSessionState,
  type CycleError,
  type CycleSummary,
  type SessionStrategy,
  setStrategyState,
  type StrategySession,
  withCycle,
} from '../../core/engine/session';
import { decideOnSignal } from '../../core/engine/signal-orders';
import { DomainError, NotFoundError } from '../../core/errors';
import { midPrice } from '../../core/market/quote';
import type { Account } from '../../core/portfolio/account';
import { averageEntryPrice } from '../../core/portfolio/strategy-positions';
import { valuePortfolio } from '../../core/portfolio/valuation';
import { createStrategy } from '../../core/strategies/registry';
import {
  type Bar,
  type MarketEvent,
  mergeBarsByTime,
  newestSignals,
  type Signal,
} from '../../core/strategies/strategy';
import { derivedClientOrderId, orderIdFor } from '../orders/order-ids';
import { placeOrder } from '../orders/place-order';
import { reconcileOpenOrders } from '../orders/reconcile-orders';
import { ensurePaperAccount } from '../use-cases/get-portfolio';
import type { EngineDependencies } from './engine-dependencies';
import { retrySession } from './retry-session';

/** The lease every cycle takes: two cycles never run at once, wherever they were started. */
export const CYCLE_LEASE = 'engine-cycle';
/** Orders a cycle has in flight at once. */
const ORDER_CONCURRENCY = 6;

/** Longer than any cycle; a holder that died frees it after this. */
const CYCLE_LEASE_MS = 60_000;

export interface CycleRun {
  ran: boolean;
  reason: string;
  sessions: { sessionId: string; accountId: string; summary: CycleSummary }[];
}

/** Per process (per Lambda container, per local host): whether the startup reconciliation ran. */
export interface EngineProcessState {
  reconciled: boolean;
}

/**
 * One cycle of the engine: inside the regular session only, under the cycle lease. The first
 * cycle of a process reconciles open orders with the broker before anything trades (reports a
 * restart lost are re-sent; fills apply once). Planned sessions whose start time has come are
 * started; then every running session trades one cycle.
 */
export async function runEngineCycle(
  deps: EngineDependencies,
  holder: string,
  process: EngineProcessState,
): Promise<CycleRun> {
  const now = deps.clock.now();
  const window = cycleWindow(now);
  if (!window.open) return { ran: false, reason: window.reason, sessions: [] };
  if (!(await deps.engine.acquireLease(CYCLE_LEASE, holder, now, new Date(now.getTime() + CYCLE_LEASE_MS)))) {
    return { ran: false, reason: 'another cycle holds the lease', sessions: [] };
  }
  try {
    if (!process.reconciled) {
      await reconcileOpenOrders(deps, { olderThanMs: 0, repairUnreserved: true });
      process.reconciled = true;
    }
    const ran: CycleRun['sessions'] = [];
    for (const live of await deps.engine.liveSessions()) {
      let session = live;
      if (session.state === 'created' && session.startAt && Date.parse(session.startAt) <= now.getTime()) {
        session = await retrySession(deps, session.accountId, (current, at) =>
          current.state === 'created'
            ? changeSessionState(current, 'running', 'planned start', 'engine', at)
            : null,
        );
      }
      if (session.state !== 'running') continue;
      const summary = await runSessionCycle(deps, session);
      ran.push({ sessionId: session.sessionId, accountId: session.accountId, summary });
    }
    return { ran: true, reason: window.reason, sessions: ran };
  } finally {
    await deps.engine.releaseLease(CYCLE_LEASE, holder);
  }
}

/**
 * One session's cycle: market data for all its symbols fetched once (quotes and minute bars),
 * every active strategy replayed over the bars (the same code backtests run) and its newest
 * signals turned into orders through the risk engine, exits checked on every position, the
 * cycle recorded. A failing strategy is recorded as an error and never stops the others.
 */
async function runSessionCycle(deps: EngineDependencies, session: StrategySession): Promise<CycleSummary> {
  const started = performance.now();
  const now = deps.clock.now();
  const strategies = activeStrategies(session);
  const { context, timeline } = await marketForCycle(deps, session, strategies, now);
  const errors: CycleError[] = [];
  // The strategies first (CPU only), then what they ask for: each strategy–symbol pair decides on
  // the account as the cycle began, and the orders go out a few at a time (they share the
  // account item, whose conditional writes serialise the money; the rest overlaps).
  const work: { strategy: SessionStrategy; symbol: string; signal: Signal | null }[] = [];
  let signals = 0;
  for (const strategy of strategies) {
    try {
      const latest = await strategySignals(deps, strategy, timeline);
      signals += latest.size;
      for (const symbol of strategy.symbols)
        work.push({ strategy, symbol, signal: latest.get(symbol) ?? null });
    } catch (error) {
      errors.push({ configId: strategy.configId, message: messageOf(error) });
    }
  }
  const outcomes = await actOnSignals(context, work, errors);
  const summary: CycleSummary = {
    cycleId: randomUUID(),
    at: now.toISOString(),
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    strategiesRun: strategies.length,
    signals,
    orders: outcomes.orders,
    exits: outcomes.exits,
    errors,
  };
  await recordOnSession(deps, session, summary, outcomes.acted, outcomes.tripped);
  await deps.engine.recordCycle(session.sessionId, summary);
  return summary;
}

/** The market for one cycle, fetched once: quotes of every symbol traded or held, and minute bars. */
async function marketForCycle(
  deps: EngineDependencies,
  session: StrategySession,
  strategies: readonly SessionStrategy[],
  now: Date,
): Promise<{ context: CycleContext; timeline: Bar[] }> {
  const account = await ensurePaperAccount(deps, session.accountId);
  const symbols = [...new Set(strategies.flatMap((strategy) => strategy.symbols))];
  const held = Object.keys(account.positions).filter((symbol) => account.positions[symbol]!.quantity !== 0);
  const [quotes, bars] = await Promise.all([
    deps.marketData.getQuotes([...new Set([...symbols, ...held])]),
    deps.bars.minuteBars(symbols, deps.warmupBars, now),
  ]);
  const prices = new Map([...quotes].map(([symbol, quote]) => [symbol, midPrice(quote)]));
  const equityDollars = valuePortfolio(account, prices).equityCents / 100;
  return { context: { deps, session, account, prices, equityDollars, now }, timeline: mergeBarsByTime(bars) };
}

/**
 * Each strategy–symbol pair's signal acted on, a few at a time: what was acted on, the orders and
 * exits sent, and the strategies the consecutive-loss breaker tripped (errors added to `errors`).
 */
async function actOnSignals(
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

/** The cycle on its session: the summary, the signals acted on, the strategies the breaker paused. */
async function recordOnSession(
  deps: EngineDependencies,
  session: StrategySession,
  summary: CycleSummary,
  acted: Record<string, ActedSignal>,
  tripped: ReadonlySet<string>,
): Promise<void> {
  try {
    await retrySession(deps, session.accountId, (current, at) => {
      if (current.sessionId !== session.sessionId) return null;
      let next: StrategySession = { ...withCycle(current, summary), acted: { ...current.acted, ...acted } };
      if (current.state === 'running' || current.state === 'paused') {
        for (const configId of tripped) next = setStrategyState(next, configId, 'paused', at);
      }
      return next;
    });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error; // stopped meanwhile: nothing more to record on it
  }
}

interface CycleContext {
  deps: EngineDependencies;
  session: StrategySession;
  account: Account;
  prices: Map<string, number>;
  equityDollars: number;
  now: Date;
}

interface SymbolOutcome {
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
      const result = await send(context, strategy, symbol, 'sell', held, clientOrderId);
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
  const result = await send(context, strategy, symbol, decision.side, decision.quantity, clientOrderId);
  if (result.error && !result.refused) return { error: result.error }; // not recorded: tried again next cycle
  return {
    acted: {
      ...base,
      outcome: result.ordered ? 'ordered' : 'rejected',
      ...(result.orderId ? { orderId: result.orderId } : {}),
      ...(result.error ? { reason: result.error.message } : {}),
    },
    ...(result.error ? { error: result.error } : {}),
    ordered: result.ordered && !result.replayed,
    ...(result.code === 'CONSECUTIVE_LOSSES' ? { breaker: true } : {}),
  };
}

interface SendResult {
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
): Promise<SendResult> {
  const { deps, session } = context;
  const existing = await deps.orders.get(session.accountId, orderIdFor(session.accountId, clientOrderId));
  if (existing) {
    // An earlier run sent it, unless that order ended without trading (refused, or interrupted).
    const refused =
      existing.status === 'rejected' || (existing.status === 'canceled' && existing.filledQuantity === 0);
    if (!refused) return { ordered: true, replayed: true, orderId: existing.orderId };
    const message = existing.history.at(-1)?.reason ?? existing.status;
    return {
      ordered: false,
      refused: true,
      orderId: existing.orderId,
      error: { configId: strategy.configId, symbol, message },
    };
  }
  try {
    const { order } = await placeOrder(deps, session.accountId, {
      symbol,
      side,
      quantity,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'auto',
      strategyId: strategy.configId,
      clientOrderId,
    });
    if (order.status === 'rejected') {
      const reason = order.history.at(-1)?.reason ?? 'rejected';
      return {
        ordered: false,
        orderId: order.orderId,
        refused: true,
        error: { configId: strategy.configId, symbol, message: reason },
      };
    }
    return { ordered: true, orderId: order.orderId };
  } catch (error) {
    const refused = error instanceof DomainError && error.kind !== 'unavailable' && error.kind !== 'conflict';
    return {
      ordered: false,
      refused,
      error: { configId: strategy.configId, symbol, message: messageOf(error) },
    };
  }
}

/**
 * The strategy replayed over the cycle's bars of its symbols (and, for options strategies, the
 * current chain): its newest signal per symbol, if made on a bar after it became active.
 */
async function strategySignals(
  deps: EngineDependencies,
  strategy: SessionStrategy,
  timeline: readonly Bar[],
): Promise<Map<string, Signal>> {
  const symbols = new Set(strategy.symbols);
  const events: MarketEvent[] = timeline
    .filter((bar) => symbols.has(bar.symbol))
    .map((bar) => ({ kind: 'bar' as const, bar }));
  const underlying = strategy.parameters.underlying;
  if (typeof underlying === 'string') {
    const chain = await deps.chains.chain(underlying);
    if (chain) events.push({ kind: 'chain', chain });
  }
  return newestSignals(createStrategy(strategy.type, strategy.parameters), events, strategy.activeSince);
}

function messageOf(error: unknown): string {
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
