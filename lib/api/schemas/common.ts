import * as z from '../zod';
import { described } from '../zod';

/** The body of every 4xx/5xx response. */
export const ErrorBody = described(
  z.object({
    error: z.object({
      code: described(z.string(), { description: 'Stable SCREAMING_SNAKE code, part of the API contract' }),
      message: z.string(),
      details: z.optional(
        z.array(
          z.object({
            field: described(z.string(), { description: 'Dotted path of the offending field' }),
            in: z.optional(z.enum(['body', 'query', 'path', 'header'])),
            problem: z.string(),
          }),
        ),
      ),
    }),
  }),
  { id: 'Error' },
);

/** An amount of money: at most two decimals (exact cents). `format: dollars` lets tools check it. */
export const Dollars = described(z.number(), {
  description: 'US dollars, exact to the cent',
  format: 'dollars',
});

/** A price per share: at most four decimals (the sub-penny tick, and average prices to it). */
export const Price = described(z.number(), {
  description: 'US dollars per share, at most 4 decimals',
  format: 'price',
});

/**
 * A number between two bounds, both inclusive. Every number the API accepts has a floor that
 * means something: 1e-300 passes "more than 0" and then underflows DynamoDB (below 1e-130).
 */
export function between(min: number, max: number, unit = '') {
  const suffix = unit ? ` ${unit}` : '';
  return z
    .number()
    .check(
      z.minimum(min, `must be at least ${min}${suffix}`),
      z.maximum(max, `must be at most ${max}${suffix}`),
    );
}

/** A query-string integer within bounds (query values arrive as strings). */
export function queryInteger(min: number, max: number) {
  return z.pipe(
    z.string().check(z.regex(/^\d{1,16}$/, 'must be a whole number')),
    z.pipe(
      z.transform((value: string) => Number(value)),
      z.int().check(z.minimum(min, `must be at least ${min}`), z.maximum(max, `must be at most ${max}`)),
    ),
  );
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `YYYY-MM-DD` names a day that exists (2026-02-30 and 0000-00-00 do not). */
function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text.slice(0, 10));
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** A calendar date, YYYY-MM-DD, that exists. */
export const CalendarDate = z
  .string()
  .check(
    z.regex(DATE_PATTERN, 'must be a date YYYY-MM-DD'),
    z.refine(isCalendarDate, 'is not a day of the calendar'),
  );

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** An ISO-8601 date or date-time that exists. */
export const IsoInstant = z.string().check(
  z.regex(INSTANT_PATTERN, 'must be an ISO-8601 date or time'),
  z.refine(
    (text) =>
      isCalendarDate(text) && !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text)),
    'is not a moment of the calendar',
  ),
);

/** A period's `from` must not come after its `to` (both optional, compared as instants). */
export const fromNotAfterTo = z.refine<{ from?: string | undefined; to?: string | undefined }>(
  (period) =>
    period.from === undefined || period.to === undefined || Date.parse(period.from) <= Date.parse(period.to),
  { message: 'must not be before from', path: ['to'] },
);
