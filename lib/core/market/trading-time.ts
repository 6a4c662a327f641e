import { keptAnswers } from '../kept-answers';
import { isTradingDate, newYorkDateSpan, type TradingSession, tradingSession } from './nyse-calendar';

/**
 * Trading minutes a closed period (a night, a weekend, a holiday) carries: a fifth of a day's
 * variance happens between one close and the next open (close-to-open returns carry some 20 %
 * of daily variance in US equities), so a night is worth 97.5 of a session's 390 minutes.
 */
export const OVERNIGHT_MINUTES = 97.5;

/** Trading minutes from one session's open to the next: the session and the night after it. */
export const TRADING_DAY_MINUTES = 390 + OVERNIGHT_MINUTES;

const DAY_MS = 86_400_000;
const EPOCH_YEAR = 1970;

/**
 * Trading time at an instant, in minutes since an epoch: a session's minutes count one for one;
 * a closed period carries OVERNIGHT_MINUTES (after a half day, also the session minutes it
 * missed), spread evenly over it, so a weekend is worth one night. A simulated price path that
 * runs on trading time moves as a market does: through the session, with a gap overnight, and
 * not through the weekend as if it were two more trading days.
 */
export function tradingMinutes(at: number): number {
  const day = dayOf(newYorkDateSpan(at).date);
  const { session } = day;
  if (session && at >= session.open.getTime()) {
    const close = session.close.getTime();
    if (at <= close) return day.index * TRADING_DAY_MINUTES + (at - session.open.getTime()) / 60_000;
    return night(day.index, session, day.next!, at);
  }
  // Before today's open (the night from the last session), or a closed date (its index is the last session's).
  return night(session ? day.index - 1 : day.index, day.previous!, session ?? day.next!, at);
}

/** Between the close of session number `index` and the next session's open. */
function night(index: number, closed: TradingSession, next: TradingSession, at: number): number {
  const close = closed.close.getTime();
  const from = index * TRADING_DAY_MINUTES + (close - closed.open.getTime()) / 60_000;
  const to = (index + 1) * TRADING_DAY_MINUTES;
  return from + ((to - from) * (at - close)) / (next.open.getTime() - close);
}

interface CalendarDay {
  /** The number of this date's session (or of the last one before a closed date). */
  index: number;
  session: TradingSession | null;
  /** The last session before this date, and the first after it. */
  previous: TradingSession | null;
  next: TradingSession | null;
}

const dayOf = keptAnswers(4_096, (date: string): CalendarDay => {
  const session = tradingSession(date);
  const before = sessionsBefore(date);
  return {
    index: session ? before : before - 1,
    session,
    previous: sessionAround(date, -1),
    next: sessionAround(date, 1),
  };
});

/** The first session strictly before (-1) or after (+1) a date. */
function sessionAround(date: string, step: -1 | 1): TradingSession | null {
  let cursor = Date.parse(`${date}T00:00:00Z`);
  for (let guard = 0; guard < 15; guard++) {
    cursor += step * DAY_MS;
    const session = tradingSession(new Date(cursor).toISOString().slice(0, 10));
    if (session) return session;
  }
  return null;
}

/** Trading dates from the epoch year's first day up to, not including, `date`. */
function sessionsBefore(date: string): number {
  const year = Number(date.slice(0, 4));
  return (
    sessionsBeforeYear(year) +
    countTradingDates(Date.parse(`${year}-01-01T00:00:00Z`), Date.parse(`${date}T00:00:00Z`))
  );
}

const sessionsBeforeYear = keptAnswers(256, (year: number): number =>
  year <= EPOCH_YEAR
    ? 0
    : sessionsBeforeYear(year - 1) +
      countTradingDates(Date.parse(`${year - 1}-01-01T00:00:00Z`), Date.parse(`${year}-01-01T00:00:00Z`)),
);

function countTradingDates(from: number, to: number): number {
  let count = 0;
  for (let day = from; day < to; day += DAY_MS)
    if (isTradingDate(new Date(day).toISOString().slice(0, 10))) count++;
  return count;
}
