import { randomUUID } from 'node:crypto';
import { cycleWindow } from '../../core/engine/cycle-window';
import {
  type ActedSignal,
  activeStrategies,
  changeSessionState,
  type CycleError,
  type CycleSummary,
  type SessionStrategy,
  setStrategyState,
  type StrategySession,
  withCycle,
} from '../../core/engine/session';
import { NotFoundError } from '../../core/errors';
import { midPrice } from '../../core/market/quote';
import { valuePortfolio } from '../../core/portfolio/valuation';
import { quoteSymbols } from '../options/position-quotes';
import { createStrategy } from '../../core/strategies/registry';
import {
  type Bar,
  type MarketEvent,
  mergeBarsByTime,
  newestSignals,
  type Signal,
} from '../../core/strategies/strategy';
import { reconcileOpenOrders } from '../orders/reconcile-orders';
import { ensurePaperAccount } from '../use-cases/get-portfolio';
import type { EngineDependencies } from './engine-dependencies';
import { actOnSignals, type CycleContext, messageOf } from './act-on-signals';
import { retrySession } from './retry-session';

/** The lease every cycle takes: two cycles never run at once, wherever they were started. */
export const CYCLE_LEASE = 'engine-cycle';

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
    quoteSymbols(deps, [...new Set([...symbols, ...held])]),
    deps.bars.minuteBars(symbols, deps.warmupBars, now),
  ]);
  const prices = new Map([...quotes].map(([symbol, quote]) => [symbol, midPrice(quote)]));
  const equityDollars = valuePortfolio(account, prices).equityCents / 100;
  return {
    context: { deps, session, account, prices, quotes, equityDollars, now },
    timeline: mergeBarsByTime(bars),
  };
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
