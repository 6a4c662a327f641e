import type { BrokerCalendarDay } from '../../core/market/calendar-cross-check';

/** The broker's own market calendar and clock (Alpaca `GET /v2/calendar`, `/v2/clock`): the authority on sessions it will trade. */
export interface BrokerCalendar {
  /** Trading days from `from` to `to` (YYYY-MM-DD, inclusive, New York) with their session times. */
  calendar(from: string, to: string): Promise<BrokerCalendarDay[]>;
  /** Whether the broker's market is open now, by its clock. */
  marketClock(): Promise<{ timestamp: string; isOpen: boolean }>;
}

/** What the broker holds for the account: the other side of the platform's books. */
export interface BrokerBooks {
  positions(): Promise<{ symbol: string; quantity: number; averagePrice: number }[]>;
  account(): Promise<{ cash: number; buyingPower: number; equity: number; tradingBlocked: boolean }>;
}
