import { isTradingDate, type TradingSession, tradingSession } from './nyse-calendar';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The close times (epoch ms) of `count` bars of `intervalMinutes` laid on the NYSE's sessions,
 * oldest first: intraday bars end at open + k·interval inside a session (a last part shorter than
 * the interval is left out), daily bars (1,440 minutes and up) one per session — or per so many
 * sessions — stamped at 21:00 UTC of its date. Either the first bar closes at or after `from`, or
 * the last at or before `until`. Bars never fall on nights, weekends or holidays.
 */
export function sessionBarCloses(
  count: number,
  intervalMinutes: number,
  anchor: { from: number } | { until: number },
): Float64Array {
  const times = new Float64Array(count);
  if (count === 0) return times;
  const forward = 'from' in anchor;
  const at = forward ? anchor.from : anchor.until;
  let day = Date.parse(`${new Date(at).toISOString().slice(0, 10)}T00:00:00Z`);
  let filled = 0;
  const daily = intervalMinutes >= 1_440;
  const sessionsPerBar = daily ? Math.max(1, Math.round(intervalMinutes / 1_440)) : 1;
  let skip = 0;
  // Widen by a day each way: the UTC date of `at` and the New York date can differ.
  day += forward ? -DAY_MS : DAY_MS;
  for (let guard = 0; filled < count && guard < count * 3 + 30; guard++, day += forward ? DAY_MS : -DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    // The calendar's cheap test first: a session's times (time-zone arithmetic) only for trading days.
    if (!isTradingDate(date)) continue;
    const closes = daily
      ? [Date.parse(`${date}T21:00:00Z`)]
      : intradayCloses(tradingSession(date)!, intervalMinutes, forward);
    for (const close of closes) {
      if (forward ? close < at : close > at) continue;
      if (daily && skip++ % sessionsPerBar !== 0) continue;
      times[forward ? filled : count - 1 - filled] = close;
      filled++;
      if (filled === count) break;
    }
  }
  return times;
}

function intradayCloses(session: TradingSession, intervalMinutes: number, forward: boolean): number[] {
  const open = session.open.getTime();
  const bars = Math.floor((session.close.getTime() - open) / (intervalMinutes * MINUTE_MS));
  const closes = Array.from({ length: bars }, (_, k) => open + (k + 1) * intervalMinutes * MINUTE_MS);
  return forward ? closes : closes.reverse();
}
