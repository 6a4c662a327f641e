import { describe, expect, it } from 'vitest';
import { type BrokerCalendarDay, calendarMismatches } from '../../../lib/core/market/calendar-cross-check';

/** Alpaca's calendar for Thanksgiving week 2026, as it answers: trading days only. */
const THANKSGIVING_WEEK: BrokerCalendarDay[] = [
  { date: '2026-11-23', open: '09:30', close: '16:00' },
  { date: '2026-11-24', open: '09:30', close: '16:00' },
  { date: '2026-11-25', open: '09:30', close: '16:00' },
  // 26th: Thanksgiving, closed
  { date: '2026-11-27', open: '09:30', close: '13:00' },
];

describe('calendarMismatches (our NYSE calendar vs the broker’s)', () => {
  it('agrees with a broker calendar that has the holiday and the early close', () => {
    expect(calendarMismatches(THANKSGIVING_WEEK, '2026-11-22', '2026-11-29')).toEqual([]);
  });

  it('names each day the broker sees differently: a missing early close, a closure we do not know', () => {
    const broker = THANKSGIVING_WEEK.map((day) =>
      day.date === '2026-11-27' ? { ...day, close: '16:00' } : day,
    ).filter((day) => day.date !== '2026-11-24');
    expect(calendarMismatches(broker, '2026-11-23', '2026-11-27')).toEqual([
      { date: '2026-11-24', ours: '09:30–16:00', broker: 'closed' },
      { date: '2026-11-27', ours: '09:30–13:00', broker: '09:30–16:00' },
    ]);
  });
});
