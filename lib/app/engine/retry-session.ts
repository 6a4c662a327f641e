import { NotFoundError } from '../../core/errors';
import { readChangeWrite } from '../orders/retrying';
import { isLive, type StrategySession } from '../../core/engine/session';
import type { EngineStore } from '../ports/engine-store';
import type { Clock } from '../ports/clock';

const ATTEMPTS = 10;

/** The account's live session, or a 404 naming what is missing. */
async function liveSession(deps: { engine: EngineStore }, accountId: string): Promise<StrategySession> {
  const session = await deps.engine.currentSession(accountId);
  if (!session || !isLive(session)) throw new NotFoundError('a live trading session');
  return session;
}

/**
 * Read–change–write of the account's live session, retried when another writer (a cycle, a
 * second request) got there first. `change` returns null for "nothing to do".
 */
export async function retrySession(
  deps: { engine: EngineStore; clock: Clock },
  accountId: string,
  change: (session: StrategySession, now: Date) => StrategySession | null,
): Promise<StrategySession> {
  const { current, next } = await readChangeWrite({
    read: () => liveSession(deps, accountId),
    change: (session) => change(session, deps.clock.now()),
    write: (session, changed) => deps.engine.saveSession({ ...changed, version: session.version + 1 }),
    attempts: ATTEMPTS,
  });
  return next ? { ...next, version: current.version + 1 } : current;
}
