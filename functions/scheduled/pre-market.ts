import { runPreMarket } from '../../lib/app/engine/pre-market';
import { dependencies } from '../shared/dependencies';
import { engineDependencies } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';
import { logger } from '../../lib/api/observability';

/** The pre-market run: once per trading day from its time (New York); a no-op when asked again. */
export const handler = taskHandler(async () => {
  const { settings } = dependencies();
  const run = await runPreMarket(engineDependencies(), settings.preMarket);
  if (run.ran) logger.info('pre-market run', { reason: run.reason });
  return {
    ran: run.ran,
    reason: run.reason,
    plans: run.plans,
    recommendations: run.report?.recommendations.map((r) => r.templateId) ?? [],
  };
});
