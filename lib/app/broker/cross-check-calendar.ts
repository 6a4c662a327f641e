import { DateTime } from 'luxon';
import { type CalendarMismatch, calendarMismatches } from '../../core/market/calendar-cross-check';
import { marketStatus, NEW_YORK } from '../../core/market/nyse-calendar';
import type { BrokerCalendar } from '../ports/broker-calendar';
import type { Clock } from '../ports/clock';
import type { AlertPublisher, AlertStore } from '../ports/risk-alerts';
import { raiseAlert } from '../risk/raise-alert';

export interface CalendarCheckDependencies {
  brokerCalendar: BrokerCalendar;
  alerts: AlertStore;
  alertPublisher: AlertPublisher;
  clock: Clock;
}

/**
 * Compares our NYSE calendar with the broker's for the next `days` days. A disagreement is a
 * critical alert (once per day): the engine's session window, market-hours validation and day
 * orders all rest on the calendar, and a stale one is a known cause of orders sent to a closed
 * market. Fix it by extending `UNSCHEDULED_CLOSURES` (a closure) or the early-close rules.
 */
export async function crossCheckCalendar(
  deps: CalendarCheckDependencies,
  accountId: string,
  days = 30,
): Promise<CalendarMismatch[]> {
  const today = DateTime.fromJSDate(deps.clock.now(), { zone: NEW_YORK });
  const from = today.toISODate()!;
  const to = today.plus({ days }).toISODate()!;
  const mismatches = calendarMismatches(await deps.brokerCalendar.calendar(from, to), from, to);
  // And the clocks: is the market open now, for both? (Not within two minutes of an open or a
  // close, where clock skew alone would disagree.)
  const now = deps.clock.now();
  const ours = marketStatus(now).isOpen;
  const settled = [-120_000, 120_000].every(
    (shift) => marketStatus(new Date(now.getTime() + shift)).isOpen === ours,
  );
  if (settled) {
    const theirs = (await deps.brokerCalendar.marketClock()).isOpen;
    if (theirs !== ours)
      mismatches.push({
        date: from,
        ours: ours ? 'open now' : 'closed now',
        broker: theirs ? 'open now' : 'closed now',
      });
  }
  if (mismatches.length > 0) {
    await raiseAlert(deps, {
      accountId,
      alertId: `calendar-mismatch-${from}`,
      level: 'critical',
      code: 'CALENDAR_MISMATCH',
      message: `Our market calendar disagrees with the broker's on ${mismatches.length} day(s): ${mismatches
        .slice(0, 3)
        .map((m) => `${m.date} ours ${m.ours}, broker ${m.broker}`)
        .join('; ')}`,
      at: deps.clock.now().toISOString(),
      detail: { mismatches },
    });
  }
  return mismatches;
}
