import * as z from '../zod';
import { described } from '../zod';

export const HealthResponse = described(
  z.object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    time: described(z.string(), { description: 'ISO-8601 time of the platform clock' }),
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
