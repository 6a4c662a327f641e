import * as z from '../zod';
import { described } from '../zod';

export const HealthResponse = described(
  z.object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    time: described(z.string(), { description: 'ISO-8601 time of the platform clock' }),
    market: described(
      z.object({
        clock: described(z.string(), {
          description: 'The market clock: the session clock locally, real time in AWS',
        }),
        clock_offset_ms: described(z.number(), {
          description: 'How far the market clock runs ahead of real time',
        }),
        is_open: z.boolean(),
        next_open: z.string(),
        next_close: z.string(),
      }),
      { description: 'NYSE regular session as seen by the market clock (holidays, half days, DST)' },
    ),
    checks: z.array(
      z.object({
        name: z.string(),
        status: z.enum(['ok', 'failing']),
        latency_ms: z.number(),
      }),
    ),
  }),
  { id: 'Health' },
);
