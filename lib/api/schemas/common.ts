import { z } from 'zod';

/** The body of every 4xx/5xx response. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable SCREAMING_SNAKE code, part of the API contract' }),
      message: z.string(),
      details: z
        .array(
          z.object({
            field: z.string().meta({ description: 'Dotted path of the offending field' }),
            in: z.enum(['body', 'query', 'path', 'header']).optional(),
            problem: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Dollar amounts in responses: numbers with at most two decimals (exact cents). */
export const Dollars = z.number().meta({ description: 'US dollars, exact to the cent' });

/** A query-string integer within bounds (query values arrive as strings). */
export function queryInteger(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}
