import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors';
import {
  assertAllocationsFit,
  changeSessionState,
  type CycleSummary,
  type PositionExits,
  type SessionStrategy,
  setStrategyState,
  type StrategySession,
} from '../../core/engine/session';
import type { StrategyConfig, StrategyPerformance } from '../../core/strategies/config';
import type { StrategyPosition } from '../../core/portfolio/strategy-positions';
import { cancelOrder } from '../orders/cancel-order';
import { placeOrder } from '../orders/place-order';
import { optionClosingGroups, placeOptionClosingOrder } from '../orders/closing-order';
import { derivedClientOrderId } from '../orders/order-ids';
import { isOptionSymbol } from '../../core/options/occ-symbol';
import type { EngineDependencies } from './engine-dependencies';
import { readTradingState } from '../risk/pre-trade';
import { retrySession } from './retry-session';
import { raiseAlert } from '../risk/raise-alert';

export interface SessionStrategyRequest {
  configId: string;
  /** Share of equity per position; defaults to an even split of 100 % over the strategies. */
  allocation?: number;
  exits?: PositionExits;
}

export interface StartRequest {
  strategies: SessionStrategyRequest[];
  closeOnStop?: boolean;
  /** Start at this instant (a planned session) instead of at the next cycle. */
  startAt?: string;
}

/**
 * Starts a session for the account with the latest versions of the given configurations. One
 * live session per account: starting while one is live is a 409. Unknown or archived
 * configurations are a 400 naming the entry; allocations must not add up to more than 100 %.
 */
export async function startSession(
  deps: EngineDependencies,
  accountId: string,
  actor: string,
  request: StartRequest,
): Promise<StrategySession> {
  const now = deps.clock.now();
  const strategies = await sessionStrategies(deps, accountId, request.strategies, now);
  const session: StrategySession = {
    sessionId: `session-${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
    accountId,
    state: 'created',
    strategies,
    closeOnStop: request.closeOnStop ?? true,
    ...(request.startAt ? { startAt: request.startAt } : {}),
    acted: {},
    cycles: 0,
    errors: [],
    history: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  const started = request.startAt ? session : changeSessionState(session, 'running', 'started', actor, now);
  if (!(await deps.engine.createSession(started))) {
    const live = await deps.engine.currentSession(accountId);
    throw new DomainError(
      'SESSION_ALREADY_LIVE',
      `Session ${live?.sessionId ?? ''} is ${live?.state ?? 'live'}; stop it before starting another`,
      'conflict',
    );
  }
  await auditSession(deps, started, actor, 'session_started', {
    strategies: started.strategies.map((strategy) => ({
      configId: strategy.configId,
      allocation: strategy.allocation,
    })),
  });
  const names = started.strategies.map((strategy) => strategy.name).join(', ');
  await sessionAlert(
    deps,
    started,
    'SESSION_STARTED',
    `Session started by ${actor}${request.startAt ? ` (trading from ${request.startAt})` : ''}: ${names}`,
  );
  return started;
}

/** A pause or resume, of one strategy (`configId`) or of the whole session. */
function auditControl(
  deps: EngineDependencies,
  session: StrategySession,
  actor: string,
  verb: 'paused' | 'resumed',
  configId: string | undefined,
): Promise<void> {
  return configId
    ? auditSession(deps, session, actor, `strategy_${verb}`, { configId })
    : auditSession(deps, session, actor, `session_${verb}`);
}

/** The session controls are consequential (they make the engine trade or stop): each is in the audit log. */
async function auditSession(
  deps: EngineDependencies,
  session: StrategySession,
  actor: string,
  action: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await deps.audit.append({
    accountId: session.accountId,
    at: deps.clock.now().toISOString(),
    actor,
    action,
    after: { sessionId: session.sessionId, state: session.state },
    detail,
  });
}

/** A session's start or stop, told to the trader's channels (info; once per session and event). */
function sessionAlert(
  deps: EngineDependencies,
  session: StrategySession,
  code: 'SESSION_STARTED' | 'SESSION_STOPPED',
  message: string,
): Promise<boolean> {
  return raiseAlert(deps, {
    accountId: session.accountId,
    alertId: `${code}#${session.sessionId}`,
    level: 'info',
    code,
    message,
    at: deps.clock.now().toISOString(),
    detail: { sessionId: session.sessionId },
  });
}

async function sessionStrategies(
  deps: EngineDependencies,
  accountId: string,
  requested: SessionStrategyRequest[],
  now: Date,
): Promise<SessionStrategy[]> {
  if (requested.length === 0) {
    throw new DomainError('NO_STRATEGIES', 'A session needs at least one strategy', 'invalid', [
      { field: 'strategies', in: 'body', problem: 'must name at least one configuration' },
    ]);
  }
  const seen = new Set<string>();
  const strategies: SessionStrategy[] = [];
  for (const [index, entry] of requested.entries()) {
    const field = `strategies.${index}.config_id`;
    if (seen.has(entry.configId)) {
      throw new DomainError('DUPLICATE_STRATEGY', `${entry.configId} is listed twice`, 'invalid', [
        { field, in: 'body', problem: 'is listed more than once' },
      ]);
    }
    seen.add(entry.configId);
    const config = await activeConfig(deps, accountId, entry.configId, field);
    strategies.push({
      configId: config.configId,
      version: config.version,
      type: config.type,
      name: config.name,
      parameters: config.parameters,
      symbols: config.symbols,
      allocation: entry.allocation ?? 1 / requested.length,
      state: 'active',
      activeSince: now.toISOString(),
      ...(entry.exits ? { exits: entry.exits } : {}),
    });
  }
  assertAllocationsFit(strategies.map((strategy) => strategy.allocation));
  return strategies;
}

/** The latest version of an active (not archived) configuration, or a 400 naming `field`. */
export async function activeConfig(
  deps: Pick<EngineDependencies, 'strategies'>,
  accountId: string,
  configId: string,
  field: string,
): Promise<StrategyConfig> {
  const config = await deps.strategies.get(accountId, configId);
  if (!config || config.archived) {
    throw new DomainError('UNKNOWN_STRATEGY', `No active configuration ${configId}`, 'invalid', [
      { field, in: 'body', problem: 'is not an active strategy configuration' },
    ]);
  }
  return config;
}

/** Pauses the session, or one of its strategies (which keeps its positions; its signals are ignored). */
export async function pauseSession(
  deps: EngineDependencies,
  accountId: string,
  actor: string,
  configId?: string,
): Promise<StrategySession> {
  const paused = await retrySession(deps, accountId, (session, now) => {
    if (configId) return setStrategyState(session, configId, 'paused', now);
    if (session.state === 'paused') return null;
    return changeSessionState(session, 'paused', 'paused', actor, now);
  });
  await auditControl(deps, paused, actor, 'paused', configId);
  return paused;
}

/**
 * Resumes the session, or one strategy; a resumed strategy acts only on signals from now on.
 * Refused while trading is halted: every order it sent would be refused, and the halt was
 * pulled to stop exactly that — an administrator resets it first.
 */
export async function resumeSession(
  deps: EngineDependencies,
  accountId: string,
  actor: string,
  configId?: string,
): Promise<StrategySession> {
  const trading = await readTradingState(deps, accountId);
  if (trading.state === 'HALTED') {
    throw new DomainError(
      'TRADING_HALTED',
      `Trading is halted (${trading.reason}); an administrator must reset it (POST /api/risk/emergency-stop/reset) before the session can resume`,
      'conflict',
    );
  }
  const resumed = await retrySession(deps, accountId, (session, now) => {
    if (configId) return setStrategyState(session, configId, 'active', now);
    if (session.state === 'running') return null;
    // A session paused as a whole resumes every strategy's clock: what it missed is not acted on.
    const resumed = changeSessionState(session, 'running', 'resumed', actor, now);
    return {
      ...resumed,
      strategies: resumed.strategies.map((strategy) =>
        strategy.state === 'active' ? { ...strategy, activeSince: now.toISOString() } : strategy,
      ),
    };
  });
  await auditControl(deps, resumed, actor, 'resumed', configId);
  return resumed;
}

/**
 * Stops the session: it goes `stopping` at once (the cycle no longer trades it), its strategies'
 * open orders are canceled and — unless told to leave them — their positions closed with
 * market orders through the risk engine; then `stopped`, listing the orders it sent.
 */
export async function stopSession(
  deps: EngineDependencies,
  accountId: string,
  actor: string,
  options: { closePositions?: boolean; reason?: string } = {},
): Promise<StrategySession> {
  const stopping = await retrySession(deps, accountId, (session, now) =>
    session.state === 'stopping'
      ? null
      : changeSessionState(session, 'stopping', options.reason ?? 'stop requested', actor, now),
  );
  const closePositions = options.closePositions ?? stopping.closeOnStop;
  const sent = await cancelStrategyOrders(
    deps,
    accountId,
    stopping.strategies.map((s) => s.configId),
  );
  if (closePositions) sent.push(...(await closeStrategyPositions(deps, stopping)));
  const stopped = await retrySession(deps, accountId, (session, now) => ({
    ...changeSessionState(
      session,
      'stopped',
      closePositions ? 'stopped; positions closed' : 'stopped; positions left open',
      actor,
      now,
    ),
    stopOrders: sent,
  }));
  await auditSession(deps, stopped, actor, 'session_stopped', { closePositions, orders: sent });
  await sessionAlert(
    deps,
    stopped,
    'SESSION_STOPPED',
    `Session stopped by ${actor}${options.reason ? ` (${options.reason})` : ''}: ${closePositions ? `${sent.length} orders sent to cancel and close` : 'positions left open'}`,
  );
  return stopped;
}

/** Cancels every working order the strategies sent; returns the ids it asked to cancel. */
export async function cancelStrategyOrders(
  deps: EngineDependencies,
  accountId: string,
  configIds: readonly string[],
): Promise<string[]> {
  const account = await deps.accounts.get(accountId);
  const wanted = new Set(configIds);
  const canceled: string[] = [];
  for (const exposure of Object.values(account?.openOrders ?? {})) {
    if (!exposure.strategyId || !wanted.has(exposure.strategyId)) continue;
    try {
      await cancelOrder(deps, accountId, exposure.orderId);
      canceled.push(exposure.orderId);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'ORDER_NOT_CANCELABLE')) throw error; // it ended meanwhile
    }
  }
  return canceled;
}

/** Sells what each strategy of the session holds (never more than the account holds); closes its spreads whole. */
async function closeStrategyPositions(deps: EngineDependencies, session: StrategySession): Promise<string[]> {
  const account = await deps.accounts.get(session.accountId);
  const sent: string[] = [];
  for (const strategy of session.strategies) {
    const book = account?.strategyPositions?.[strategy.configId] ?? {};
    // Its options: each spread closed as one order (legs held the way the account holds them).
    const legs = Object.entries(book)
      .filter(
        ([symbol, position]) =>
          isOptionSymbol(symbol) &&
          Math.sign(account?.positions[symbol]?.quantity ?? 0) === Math.sign(position.quantity),
      )
      .map(([symbol, position]) => ({ symbol, quantity: position.quantity }));
    for (const group of optionClosingGroups(legs)) {
      const { order } = await placeOptionClosingOrder(deps, session.accountId, group, {
        clientOrderId: derivedClientOrderId('stop', session.sessionId, strategy.configId, ...group.symbols),
        strategyId: strategy.configId,
      });
      sent.push(order.orderId);
    }
    for (const [symbol, position] of Object.entries(book)) {
      const held = Math.min(position.quantity, account?.positions[symbol]?.quantity ?? 0);
      if (held <= 0 || isOptionSymbol(symbol)) continue;
      const { order } = await placeOrder(deps, session.accountId, {
        symbol,
        side: 'sell',
        quantity: held,
        orderType: 'market',
        timeInForce: 'day',
        execution: 'immediate',
        strategyId: strategy.configId,
        clientOrderId: `stop-${session.sessionId}-${strategy.configId}-${symbol}`.slice(0, 48),
      });
      sent.push(order.orderId);
    }
  }
  return sent;
}

export interface StrategyStatus extends SessionStrategy {
  positions: Record<string, StrategyPosition>;
  performance: StrategyPerformance | null;
  openOrders: number;
}

export interface ExecutionStatus {
  session: StrategySession | null;
  strategies: StrategyStatus[];
  recentCycles: CycleSummary[];
}

/** The account's session with each strategy's positions, performance and working orders, and recent cycles. */
export async function executionStatus(deps: EngineDependencies, accountId: string): Promise<ExecutionStatus> {
  const [session, account] = await Promise.all([
    deps.engine.currentSession(accountId),
    deps.accounts.get(accountId),
  ]);
  if (!session) return { session: null, strategies: [], recentCycles: [] };
  const exposures = Object.values(account?.openOrders ?? {});
  return {
    session,
    strategies: session.strategies.map((strategy) => ({
      ...strategy,
      positions: account?.strategyPositions?.[strategy.configId] ?? {},
      performance: account?.risk?.performance?.[strategy.configId] ?? null,
      openOrders: exposures.filter((exposure) => exposure.strategyId === strategy.configId).length,
    })),
    recentCycles: await deps.engine.recentCycles(session.sessionId, 20),
  };
}
