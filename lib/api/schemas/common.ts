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

/** Dollar amounts in responses: numbers with at most two decimals (exact cents). */
export const Dollars = described(z.number(), { description: 'US dollars, exact to the cent' });

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
