import { DomainError } from '../errors';

/**
 * A trading session: a set of strategy configurations run for one account by the engine's
 * 15-second cycle. created → running ⇄ paused → stopping → stopped; a stopped session is
 * history (a new start makes a new session).
 */
export type SessionState = 'created' | 'running' | 'paused' | 'stopping' | 'stopped';

export const SESSION_TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  created: ['running', 'stopping'],
  running: ['paused', 'stopping'],
  paused: ['running', 'stopping'],
  stopping: ['stopped'],
  stopped: [],
};

/** One strategy of a session: which configuration version, on what share of equity, and whether it trades. */
export interface SessionStrategy {
  configId: string;
  version: number;
  type: string;
  name: string;
  /** The version's validated parameters (kept here so a cycle reads no configuration). */
  parameters: Record<string, unknown>;
  symbols: string[];
  /** Share of account equity one position of this strategy may take (0–1]. */
  allocation: number;
  state: 'active' | 'paused';
  /**
   * Signals on bars before this instant are history: the strategy acts only on what it decides
   * after it was started or resumed (a strategy started mid-trend waits for its next signal).
   */
  activeSince: string;
  /** Exits the engine watches for this strategy's positions (fractions of the entry price, minutes). */
  exits?: PositionExits;
}

export interface PositionExits {
  takeProfit?: number;
  stopLoss?: number;
  maxHoldMinutes?: number;
}

/** What the engine did about one signal (one per configuration and symbol: the latest). */
export interface ActedSignal {
  at: string;
  direction: 'long' | 'short' | 'flat';
  outcome: 'ordered' | 'rejected' | 'skipped' | 'failed';
  orderId?: string;
  reason?: string;
}

export interface CycleError {
  configId?: string;
  symbol?: string;
  message: string;
}

/** What one cycle did. */
export interface CycleSummary {
  cycleId: string;
  /** The platform time the cycle ran at. */
  at: string;
  durationMs: number;
  strategiesRun: number;
  signals: number;
  orders: number;
  exits: number;
  errors: CycleError[];
}

export interface SessionChange {
  at: string;
  from: SessionState;
  to: SessionState;
  reason: string;
  actor: string;
}

export interface StrategySession {
  sessionId: string;
  accountId: string;
  state: SessionState;
  strategies: SessionStrategy[];
  /** On stop: close the session's positions (true) or leave them (false). */
  closeOnStop: boolean;
  /** A planned session starts at the first cycle at or after this instant (the pre-market plan). */
  startAt?: string;
  /** The latest signal acted on per `configId|symbol`: a signal is acted on once, across restarts. */
  acted: Record<string, ActedSignal>;
  lastCycle?: CycleSummary;
  cycles: number;
  /** The most recent errors (newest last, at most MAX_SESSION_ERRORS). */
  errors: (CycleError & { at: string })[];
  history: SessionChange[];
  /** Orders sent when the session stopped (cancels and closing orders). */
  stopOrders?: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

const MAX_SESSION_ERRORS = 20;

export function actedKey(configId: string, symbol: string): string {
  return `${configId}|${symbol}`;
}

export function isLive(session: StrategySession): boolean {
  return session.state !== 'stopped';
}

/** Moves a session to a new state, recording when, why and who; an illegal change is a 409. */
export function changeSessionState(
  session: StrategySession,
  to: SessionState,
  reason: string,
  actor: string,
  at: Date,
): StrategySession {
  if (!SESSION_TRANSITIONS[session.state].includes(to)) {
    throw new DomainError(
      'ILLEGAL_SESSION_TRANSITION',
      `The session is ${session.state}; it cannot go to ${to}`,
      'conflict',
    );
  }
  const when = at.toISOString();
  return {
    ...session,
    state: to,
    updatedAt: when,
    history: [...session.history, { at: when, from: session.state, to, reason, actor }],
  };
}

/**
 * Pauses or resumes one strategy (or, without `configId`, every one). A resumed strategy acts
 * only on signals from now on. Unknown configuration ids are a 404.
 */
export function setStrategyState(
  session: StrategySession,
  configId: string,
  state: 'active' | 'paused',
  at: Date,
): StrategySession {
  if (session.state === 'stopping' || session.state === 'stopped') {
    throw new DomainError('SESSION_ENDING', `The session is ${session.state}`, 'conflict');
  }
  if (!session.strategies.some((strategy) => strategy.configId === configId)) {
    throw new DomainError(
      'STRATEGY_NOT_IN_SESSION',
      `Strategy ${configId} is not in this session`,
      'not_found',
      [
        {
          field: 'config_id',
          problem: `must be one of ${session.strategies.map((s) => s.configId).join(', ')}`,
        },
      ],
    );
  }
  const when = at.toISOString();
  return {
    ...session,
    updatedAt: when,
    strategies: session.strategies.map((strategy) =>
      strategy.configId !== configId || strategy.state === state
        ? strategy
        : { ...strategy, state, ...(state === 'active' ? { activeSince: when } : {}) },
    ),
  };
}

/** A running session's cycle trades these strategies. */
export function activeStrategies(session: StrategySession): SessionStrategy[] {
  return session.state === 'running'
    ? session.strategies.filter((strategy) => strategy.state === 'active')
    : [];
}

/** Records a cycle into the session: its summary, the count, and its errors (the most recent kept). */
export function withCycle(session: StrategySession, summary: CycleSummary): StrategySession {
  const errors = [...session.errors, ...summary.errors.map((error) => ({ ...error, at: summary.at }))].slice(
    -MAX_SESSION_ERRORS,
  );
  return { ...session, lastCycle: summary, cycles: session.cycles + 1, errors, updatedAt: summary.at };
}

/** Allocations are shares of equity per position; together they may not exceed all of it. */
export function assertAllocationsFit(allocations: readonly number[]): void {
  const total = allocations.reduce((sum, allocation) => sum + allocation, 0);
  if (total > 1 + 1e-9) {
    throw new DomainError(
      'OVER_ALLOCATED',
      `Allocations add up to ${(total * 100).toFixed(1)} %`,
      'invalid',
      [
        {
          field: 'strategies',
          in: 'body',
          problem: 'allocations must add up to at most 1 (100 % of equity)',
        },
      ],
    );
  }
}
