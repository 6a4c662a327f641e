import { randomUUID } from 'node:crypto';
import { logger } from '../../lib/api/observability';
import { type EngineProcessState, runEngineCycle } from '../../lib/app/engine/run-cycle';
import { engineDependencies } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

/** Once per container (per local host process): the first cycle reconciles with the broker. */
const processState: EngineProcessState = { reconciled: false };

/**
 * One engine cycle. Started every 15 s by the Express state machine in AWS and by a timer
 * locally; the lease keeps two from overlapping, and the market calendar keeps it to the session.
 */
export const handler = taskHandler(async (_event: unknown, context) => {
  const run = await runEngineCycle(engineDependencies(), context.awsRequestId || randomUUID(), processState);
  for (const { sessionId, summary } of run.sessions) {
    if (summary.errors.length > 0) logger.warn('cycle errors', { sessionId, errors: summary.errors });
  }
  return {
    ran: run.ran,
    reason: run.reason,
    sessions: run.sessions.map(({ sessionId, summary }) => ({
      sessionId,
      durationMs: summary.durationMs,
      signals: summary.signals,
      orders: summary.orders,
      errors: summary.errors.length,
    })),
  };
});
