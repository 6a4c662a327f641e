/** Two digits, zero-padded. */
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

let dayStart = Number.NaN;
let dayPrefix = '';

/**
 * `new Date(epoch).toISOString()` for the backtester's hot paths, about six times faster: the
 * date part is formatted once per UTC day and the time of day by hand (toISOString is ~0.9 µs,
 * asked per signal and twice per trade — tens of thousands of times in a minute-bar run).
 * Valid for epochs from 1970 to 9999 (four-digit years), as the bars' times are.
 */
export function isoTime(epoch: number): string {
  const day = Math.floor(epoch / 86_400_000) * 86_400_000;
  if (day !== dayStart) {
    dayStart = day;
    dayPrefix = new Date(day).toISOString().slice(0, 11);
  }
  const ms = epoch - day;
  const millis = ms % 1000;
  return `${dayPrefix}${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}.${millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : millis}Z`;
}
