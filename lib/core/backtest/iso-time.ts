/** Two digits, zero-padded. */
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

let dayStart = Number.NaN;
let dayPrefix = '';

/** "HH:MM:00.000Z" for each whole minute of a day, written on first use. */
const minuteTexts: string[] = [];

/**
 * `new Date(epoch).toISOString()` for the backtester's hot paths: the date part is formatted
 * once per UTC day and the time of day by hand (toISOString is ~0.9 µs, asked per signal and
 * twice per trade — tens of thousands of times in a minute-bar run). Bars close on whole
 * minutes, whose time-of-day text is kept, so the usual answer is one concatenation: a string
 * built piece by piece left ~300 bytes of garbage per call, enough to add young-generation
 * collections to a run. Valid for epochs from 1970 to 9999 (four-digit years), as bars' times are.
 */
export function isoTime(epoch: number): string {
  const day = Math.floor(epoch / 86_400_000) * 86_400_000;
  if (day !== dayStart) {
    dayStart = day;
    dayPrefix = new Date(day).toISOString().slice(0, 11);
  }
  const ms = epoch - day;
  if (ms % 60_000 === 0) {
    const minute = ms / 60_000;
    return (
      dayPrefix + (minuteTexts[minute] ??= `${two(Math.floor(minute / 60))}:${two(minute % 60)}:00.000Z`)
    );
  }
  const millis = ms % 1000;
  return `${dayPrefix}${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}.${millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : millis}Z`;
}
