import { DateTime } from 'luxon';
import { keptAnswers } from '../kept-answers';

/** The NYSE's time zone; every session time below is wall-clock time there (DST handled by tz rules). */
export const NEW_YORK = 'America/New_York';

export interface TradingSession {
  /** Calendar date in New York, YYYY-MM-DD. */
  date: string;
  open: Date;
  close: Date;
  /** True on the half days (13:00 close): day before Independence Day, day after Thanksgiving, Christmas Eve. */
  earlyClose: boolean;
}

/**
 * Closures the rules cannot know: national days of mourning and emergencies (NYSE notices).
 * A versioned table, as LEAN keeps one; extend it when the NYSE announces a closure.
 */
export const UNSCHEDULED_CLOSURES: ReadonlySet<string> = new Set([
  '2012-10-29', // Hurricane Sandy
  '2012-10-30', // Hurricane Sandy
  '2018-12-05', // President George H. W. Bush, day of mourning
  '2025-01-09', // President Jimmy Carter, day of mourning
]);

/**
 * NYSE holidays of a year, by the exchange's rules (NYSE Rule 7.2): New Year's Day, Martin
 * Luther King Jr. Day, Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from
 * 2022), Independence Day, Labor Day, Thanksgiving, Christmas. A holiday on Sunday is observed
 * on Monday; on Saturday, on the Friday before — except New Year's Day, which is then not
 * observed (the Friday closes a year).
 */
export function nyseHolidays(year: number): Set<string> {
  const days = new Set<string>();
  const add = (date: DateTime | null) => {
    if (date) days.add(date.toISODate()!);
  };
  const fixed = (month: number, day: number, saturdayRule: 'friday' | 'none' = 'friday') => {
    const date = DateTime.fromObject({ year, month, day }, { zone: NEW_YORK });
    if (date.weekday === 7) return date.plus({ days: 1 });
    if (date.weekday === 6) return saturdayRule === 'friday' ? date.minus({ days: 1 }) : null;
    return date;
  };
  add(fixed(1, 1, 'none'));
  add(nthWeekday(year, 1, 1, 3)); // MLK Day: third Monday of January
  add(nthWeekday(year, 2, 1, 3)); // Washington's Birthday: third Monday of February
  add(easterSunday(year).minus({ days: 2 })); // Good Friday
  add(lastWeekday(year, 5, 1)); // Memorial Day: last Monday of May
  if (year >= 2022) add(fixed(6, 19));
  add(fixed(7, 4));
  add(nthWeekday(year, 9, 1, 1)); // Labor Day: first Monday of September
  add(nthWeekday(year, 11, 4, 4)); // Thanksgiving: fourth Thursday of November
  add(fixed(12, 25));
  // New Year's Day of next year falling on Saturday is not moved into this year (Rule 7.2).
  for (const closure of UNSCHEDULED_CLOSURES) if (closure.startsWith(`${year}-`)) days.add(closure);
  return days;
}

/** The 13:00 early closes of a year. */
export function nyseEarlyCloses(year: number): Set<string> {
  const days = new Set<string>();
  const july3 = DateTime.fromObject({ year, month: 7, day: 3 }, { zone: NEW_YORK });
  if (july3.weekday <= 4) days.add(july3.toISODate()!); // only when July 3 is Monday–Thursday
  days.add(nthWeekday(year, 11, 4, 4).plus({ days: 1 }).toISODate()!); // day after Thanksgiving
  const christmasEve = DateTime.fromObject({ year, month: 12, day: 24 }, { zone: NEW_YORK });
  if (christmasEve.weekday <= 4) days.add(christmasEve.toISODate()!);
  return days;
}

const holidayCache = new Map<number, { holidays: Set<string>; earlyCloses: Set<string> }>();

function yearTables(year: number) {
  let tables = holidayCache.get(year);
  if (!tables) {
    tables = { holidays: nyseHolidays(year), earlyCloses: nyseEarlyCloses(year) };
    holidayCache.set(year, tables);
  }
  return tables;
}

/** Whether the exchange trades on a New York calendar date (YYYY-MM-DD): cheap, no time zones. */
export function isTradingDate(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !yearTables(Number(date.slice(0, 4))).holidays.has(date);
}

/**
 * The regular session on a New York calendar date, or null when the exchange is closed all day.
 * A date's session never changes, and finding it is time-zone arithmetic (tens of microseconds),
 * asked hundreds of times per year of history: answers are kept (a few thousand dates).
 */
export function tradingSession(date: string): TradingSession | null {
  return sessionOn(date);
}

const sessionOn = keptAnswers(8_192, (date: string) => computeTradingSession(date));

function computeTradingSession(date: string): TradingSession | null {
  const day = DateTime.fromISO(date, { zone: NEW_YORK });
  if (!day.isValid) throw new RangeError(`not a date: ${date}`);
  if (day.weekday >= 6) return null;
  const { holidays, earlyCloses } = yearTables(day.year);
  if (holidays.has(date)) return null;
  const earlyClose = earlyCloses.has(date);
  return {
    date,
    open: day.set({ hour: 9, minute: 30 }).toJSDate(),
    close: day.set({ hour: earlyClose ? 13 : 16, minute: 0 }).toJSDate(),
    earlyClose,
  };
}

export interface MarketStatus {
  isOpen: boolean;
  /** The session in progress, if any. */
  session: TradingSession | null;
  nextOpen: Date;
  nextClose: Date;
}

/**
 * Whether the regular session is open at an instant, and when it next opens and closes.
 * The answer is the same for every instant between two session boundaries, so the last one is
 * kept for its window (time-zone arithmetic is the costly part, and this is asked per order).
 */
export function marketStatus(at: Date): MarketStatus {
  const time = at.getTime();
  if (lastStatus && time >= lastStatus.from && time < lastStatus.until) return lastStatus.status;
  const status = computeMarketStatus(at);
  const until = Math.min(
    status.isOpen ? status.nextClose.getTime() : status.nextOpen.getTime(),
    startOfNextDay(at),
  );
  lastStatus = { from: time, until, status };
  return status;
}

let lastStatus: { from: number; until: number; status: MarketStatus } | undefined;

/** The next New York midnight: a closed market's next close can change across it. */
function startOfNextDay(at: Date): number {
  return DateTime.fromJSDate(at, { zone: NEW_YORK }).startOf('day').plus({ days: 1 }).toMillis();
}

/** The uncached computation (exported so a property test can check the cache against it). */
export function computeMarketStatus(at: Date): MarketStatus {
  const local = DateTime.fromJSDate(at, { zone: NEW_YORK });
  const today = tradingSession(local.toISODate()!);
  const isOpen = today !== null && at >= today.open && at < today.close;
  let nextOpen: Date | null = today && at < today.open ? today.open : null;
  const nextClose = today && at < today.close ? today.close : null;
  let cursor = local.startOf('day');
  let following: TradingSession | null = null;
  for (let guard = 0; guard < 15 && (!nextOpen || !nextClose); guard++) {
    cursor = cursor.plus({ days: 1 });
    following = tradingSession(cursor.toISODate()!);
    if (following) {
      nextOpen ??= following.open;
      break;
    }
  }
  if (!nextOpen) throw new Error('no NYSE session within 15 days: the calendar tables are wrong');
  return {
    isOpen,
    session: isOpen ? today : null,
    nextOpen,
    nextClose: nextClose ?? following?.close ?? nextOpen,
  };
}

/** The most recent trading session that has opened at or before `at` (today's if it has opened). */
export function latestSessionOnOrBefore(at: Date): TradingSession {
  let cursor = DateTime.fromJSDate(at, { zone: NEW_YORK }).startOf('day');
  for (let guard = 0; guard < 15; guard++) {
    const session = tradingSession(cursor.toISODate()!);
    if (session && session.open <= at) return session;
    cursor = cursor.minus({ days: 1 });
  }
  throw new Error('no NYSE session within 15 days: the calendar tables are wrong');
}

function nthWeekday(year: number, month: number, weekday: number, n: number): DateTime {
  let date = DateTime.fromObject({ year, month, day: 1 }, { zone: NEW_YORK });
  while (date.weekday !== weekday) date = date.plus({ days: 1 });
  return date.plus({ weeks: n - 1 });
}

function lastWeekday(year: number, month: number, weekday: number): DateTime {
  let date = DateTime.fromObject({ year, month, day: 1 }, { zone: NEW_YORK }).endOf('month').startOf('day');
  while (date.weekday !== weekday) date = date.minus({ days: 1 });
  return date;
}

/** Gregorian Easter Sunday (Anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: NEW_YORK });
}

/** The last `count` sessions that closed at or before `at`, oldest first. */
export function sessionsClosedBefore(at: Date, count: number): TradingSession[] {
  const sessions: TradingSession[] = [];
  // Calendar dates step back in UTC arithmetic (a date is a date: no time zone, no DST).
  let cursor = Date.parse(`${newYorkDate(at)}T00:00:00Z`);
  for (let guard = 0; sessions.length < count && guard < count * 2 + 15; guard++) {
    const session = tradingSession(new Date(cursor).toISOString().slice(0, 10));
    if (session && session.close <= at) sessions.push(session);
    cursor -= 86_400_000;
  }
  return sessions.reverse();
}

/** The first session that has not closed by `at`: today's until its close, then the next one. */
export function sessionClosingAfter(at: Date): TradingSession {
  let cursor = Date.parse(`${newYorkDate(at)}T00:00:00Z`);
  for (let guard = 0; guard < 15; guard++) {
    const session = tradingSession(new Date(cursor).toISOString().slice(0, 10));
    if (session && session.close > at) return session;
    cursor += 86_400_000;
  }
  throw new Error('no NYSE session within 15 days: the calendar tables are wrong');
}

/**
 * The calendar date in New York at an instant (the trading date a session belongs to),
 * YYYY-MM-DD. New York's midnight is at 04:00 or 05:00 UTC, so the date cannot change between
 * 06:00 UTC and the next 04:00 UTC: an answer is kept for that whole window (and hour by hour
 * around midnight). Asked per order and per backtest bar, so this matters.
 */
export function newYorkDate(at: Date): string {
  return newYorkDateSpan(at.getTime()).date;
}

/**
 * The New York date of an instant (epoch ms) and the instant until which that answer is known
 * to hold: for loops over many instants (a backtest's equity curve) that ask again only then.
 */
export function newYorkDateSpan(time: number): { date: string; until: number } {
  if (lastDate && time >= lastDate.from && time < lastDate.until) return lastDate;
  const HOUR = 3_600_000;
  const dayStart = Math.floor(time / (24 * HOUR)) * 24 * HOUR;
  const hourOfDay = Math.floor((time - dayStart) / HOUR);
  const [from, until] =
    hourOfDay >= 6
      ? [dayStart + 6 * HOUR, dayStart + 28 * HOUR]
      : hourOfDay < 4
        ? [dayStart - 18 * HOUR, dayStart + 4 * HOUR]
        : [dayStart + hourOfDay * HOUR, dayStart + (hourOfDay + 1) * HOUR];
  lastDate = { from, until, date: NEW_YORK_DATE.format(time) };
  return lastDate;
}

/** en-CA formats dates as YYYY-MM-DD. */
const NEW_YORK_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: NEW_YORK,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
let lastDate: { from: number; until: number; date: string } | undefined;
