import { DateTime } from 'luxon';
import { NEW_YORK, tradingSession } from './nyse-calendar';

/** One day of a broker's calendar (Alpaca `GET /v2/calendar`): New York date and session times. */
export interface BrokerCalendarDay {
  date: string;
  /** HH:MM, New York. */
  open: string;
  close: string;
}

export interface CalendarMismatch {
  date: string;
  ours: string;
  broker: string;
}

const describe = (open: string, close: string) => `${open}–${close}`;

/**
 * Where our NYSE calendar (rules + the closures table) and the broker's disagree, day by day
 * from `from` to `to` (YYYY-MM-DD, inclusive): a session one side has and the other lacks, or
 * different open/close times (an early close one side missed). Empty when they agree.
 */
export function calendarMismatches(
  broker: readonly BrokerCalendarDay[],
  from: string,
  to: string,
): CalendarMismatch[] {
  const theirs = new Map(broker.map((day) => [day.date, day]));
  const mismatches: CalendarMismatch[] = [];
  for (
    let day = DateTime.fromISO(from, { zone: NEW_YORK });
    day.toISODate()! <= to;
    day = day.plus({ days: 1 })
  ) {
    const date = day.toISODate()!;
    const session = tradingSession(date);
    const ours = session
      ? describe(
          DateTime.fromJSDate(session.open, { zone: NEW_YORK }).toFormat('HH:mm'),
          DateTime.fromJSDate(session.close, { zone: NEW_YORK }).toFormat('HH:mm'),
        )
      : 'closed';
    const other = theirs.get(date);
    const brokers = other ? describe(other.open, other.close) : 'closed';
    if (ours !== brokers) mismatches.push({ date, ours, broker: brokers });
  }
  return mismatches;
}
