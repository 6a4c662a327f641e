import { logger } from '../../lib/api/observability';
import { comparePositions } from '../../lib/app/broker/compare-positions';
import { crossCheckCalendar } from '../../lib/app/broker/cross-check-calendar';
import { dependencies } from '../shared/dependencies';
import { alertPublisher, alpaca, paperBroker } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

// Once per container (a cold start is this function's "start-up"): our calendar and clock
// against Alpaca's, and our positions against Alpaca's.
let startupChecked: Promise<void> | null = null;

function checkAgainstBrokerOnce(): Promise<void> {
  startupChecked ??= (async () => {
    const base = dependencies();
    const { broker, accountId } = alpaca();
    const deps = { alerts: base.alerts, alertPublisher: alertPublisher(), clock: base.clock };
    const mismatches = await crossCheckCalendar({ ...deps, brokerCalendar: broker }, accountId);
    if (mismatches.length) logger.error('market calendar disagrees with the broker', { mismatches });
    const differences = await comparePositions(
      { ...deps, brokerBooks: broker, accounts: base.accounts },
      accountId,
    );
    if (differences?.length) logger.error('positions differ from the broker', { differences });
  })().catch((error: unknown) => {
    startupChecked = null; // try again on the next run
    logger.warn('start-up checks against the broker failed', { error });
  });
  return startupChecked;
}

/**
 * The venue's upkeep, whichever it is. Paper: match resting orders, expire day orders after the
 * close. Alpaca: poll its order updates (fills, cancels, expiries) into the report queue.
 */
export const handler = taskHandler(async () => {
  if (dependencies().settings.broker.kind === 'paper') return { touched: await paperBroker().matchResting() };
  await checkAgainstBrokerOnce();
  return { touched: await alpaca().updates.poll() };
});
