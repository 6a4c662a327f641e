import { newYorkDateSpan, tradingSession } from './nyse-calendar';

const FULL_SESSION_MINUTES = 390;

/**
 * Minute `minute` (0 = the first minute after the open) of a session's share of the day's
 * volume: the intraday U shape, three times as heavy at the open and the close as at midday
 * (0.6 + 1.2·(2f − 1)², which averages 1 over the session). The simulated market draws its
 * volume from it and the impact book thins and thickens with it.
 */
export function intradayShare(minute: number, sessionMinutes = FULL_SESSION_MINUTES): number {
  const f = (minute + 0.5) / sessionMinutes;
  return (0.6 + 1.2 * (2 * f - 1) ** 2) / sessionMinutes;
}

/**
 * How fast the market trades at an instant against its session average (1): 1.8 at the open
 * and the close, 0.6 at midday; 1 outside a session (nothing there trades against it).
 */
export function volumeRateAt(at: number): number {
  const session = tradingSession(newYorkDateSpan(at).date);
  if (!session) return 1;
  const open = session.open.getTime();
  const minutes = (session.close.getTime() - open) / 60_000;
  const minute = Math.floor((at - open) / 60_000);
  if (minute < 0 || minute >= minutes) return 1;
  return intradayShare(minute, minutes) * minutes;
}

/**
 * Shares expected to trade between two instants of one session, for a symbol trading
 * `averageDailyVolume` on an average day: the U shape integrated minute by minute (a partial
 * minute counts its part). Time outside the session adds nothing.
 */
export function expectedVolume(averageDailyVolume: number, from: number, to: number): number {
  const session = tradingSession(newYorkDateSpan(from).date);
  if (!session || to <= from) return 0;
  const open = session.open.getTime();
  const minutes = (session.close.getTime() - open) / 60_000;
  const start = Math.max(0, (from - open) / 60_000);
  const end = Math.min(minutes, (to - open) / 60_000);
  let share = 0;
  for (let minute = Math.floor(start); minute < end; minute++) {
    const covered = Math.min(end, minute + 1) - Math.max(start, minute);
    share += intradayShare(minute, minutes) * covered;
  }
  return averageDailyVolume * share;
}
