import { logger } from '../../lib/api/observability';
import { crossCheckCalendar } from '../../lib/app/broker/cross-check-calendar';
import { dependencies } from '../shared/dependencies';
import { alertPublisher, alpaca, paperBroker } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

// Once per container (a cold start is this function's "start-up"): our calendar against Alpaca's.
let calendarChecked: Promise<void> | null = null;

function checkCalendarOnce(): Promise<void> {
  calendarChecked ??= (async () => {
    const base = dependencies();
    const { broker, accountId } = alpaca();
    const mismatches = await crossCheckCalendar(
      { brokerCalendar: broker, alerts: base.alerts, alertPublisher: alertPublisher(), clock: base.clock },
      accountId,
    );
    if (mismatches.length) logger.error('market calendar disagrees with the broker', { mismatches });
  })().catch((error: unknown) => {
    calendarChecked = null; // try again on the next run
    logger.warn('calendar cross-check failed', { error });
  });
  return calendarChecked;
}

/**
 * The venue's upkeep, whichever it is. Paper: match resting orders, expire day orders after the
 * close. Alpaca: poll its order updates (fills, cancels, expiries) into the report queue.
 */
export const handler = taskHandler(async () => {
  if (dependencies().settings.broker.kind === 'paper') return { touched: await paperBroker().matchResting() };
  await checkCalendarOnce();
  return { touched: await alpaca().updates.poll() };
});
