import { DomainError, NotFoundError } from '../../core/errors';
import { isTradingDate, sessionClosingAfter, tradingSession } from '../../core/market/nyse-calendar';
import { validateParameters } from '../../core/strategies/registry';
import type { EngineDependencies } from './engine-dependencies';
import type { SessionPlan } from '../ports/engine-store';
import { assertAllocationsFit } from '../../core/engine/session';
import { activeConfig } from './sessions';

export interface PlanRequest {
  /** YYYY-MM-DD; defaults to today if its session has not closed, else the next trading day. */
  date?: string;
  strategies: { configId: string; allocation: number; parameters?: Record<string, unknown> }[];
  closeOnStop?: boolean;
}

/**
 * Saves the plan for a trading day (replacing an earlier pending one): which configurations
 * run, on what allocation, with which parameter changes. Everything is checked now — the
 * configurations exist, the parameters are valid for their type, the allocations fit — so the
 * pre-market run, with nobody watching, has nothing left to refuse.
 */
export async function putSessionPlan(
  deps: EngineDependencies,
  accountId: string,
  actor: string,
  request: PlanRequest,
): Promise<SessionPlan> {
  const now = deps.clock.now();
  const date = request.date ?? sessionClosingAfter(now).date;
  if (!isTradingDate(date)) {
    throw new DomainError('NOT_A_TRADING_DAY', `${date} is not an NYSE trading day`, 'invalid', [
      { field: 'date', in: 'body', problem: 'must be an NYSE trading day' },
    ]);
  }
  if (tradingSession(date)!.close <= now) {
    throw new DomainError('PLAN_IN_THE_PAST', `The session of ${date} is over`, 'invalid', [
      { field: 'date', in: 'body', problem: 'must be a trading day whose session has not closed' },
    ]);
  }
  const existing = await deps.engine.plan(accountId, date);
  if (existing && existing.status !== 'pending') {
    throw new DomainError('PLAN_ALREADY_APPLIED', `The plan for ${date} was ${existing.status}`, 'conflict');
  }
  for (const [index, entry] of request.strategies.entries()) {
    const config = await activeConfig(deps, accountId, entry.configId, `strategies.${index}.config_id`);
    if (entry.parameters) {
      try {
        validateParameters(config.type, { ...config.parameters, ...entry.parameters });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw new DomainError(
          error.code,
          error.message,
          'invalid',
          (error.details ?? []).map((detail) => ({
            ...detail,
            field: `strategies.${index}.${detail.field}`,
          })),
        );
      }
    }
  }
  assertAllocationsFit(request.strategies.map((entry) => entry.allocation));
  const plan: SessionPlan = {
    accountId,
    date,
    strategies: request.strategies,
    closeOnStop: request.closeOnStop ?? true,
    status: 'pending',
    updatedAt: now.toISOString(),
    updatedBy: actor,
  };
  await deps.engine.putPlan(plan);
  return plan;
}

export async function getSessionPlan(
  deps: EngineDependencies,
  accountId: string,
  date?: string,
): Promise<SessionPlan> {
  const day = date ?? sessionClosingAfter(deps.clock.now()).date;
  const plan = await deps.engine.plan(accountId, day);
  if (!plan) throw new NotFoundError(`a plan for ${day}`);
  return plan;
}
