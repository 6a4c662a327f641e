import { runPreMarket } from '../../lib/app/engine/pre-market';
import { dependencies } from '../shared/dependencies';
import { engineDependencies } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

/** The pre-market run: once per trading day from its time (New York); a no-op when asked again. */
export const handler = taskHandler(async () => {
  const { settings } = dependencies();
  const run = await runPreMarket(engineDependencies(), settings.preMarket);
  return {
    ran: run.ran,
    reason: run.reason,
    plans: run.plans,
    recommendations: run.report?.recommendations.map((r) => r.templateId) ?? [],
  };
});
