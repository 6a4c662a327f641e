import type { BrokerCalendarDay } from '../../core/market/calendar-cross-check';

/** The broker's own market calendar (Alpaca `GET /v2/calendar`): the authority on sessions it will trade. */
export interface BrokerCalendar {
  /** Trading days from `from` to `to` (YYYY-MM-DD, inclusive, New York) with their session times. */
  calendar(from: string, to: string): Promise<BrokerCalendarDay[]>;
}
