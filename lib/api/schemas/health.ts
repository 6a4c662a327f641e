import { z } from 'zod';

export const HealthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    time: z.string().meta({ description: 'ISO-8601 time of the platform clock' }),
    checks: z.array(
      z.object({
        name: z.string(),
        status: z.enum(['ok', 'failing']),
        latency_ms: z.number(),
      }),
    ),
  })
  .meta({ id: 'Health' });
