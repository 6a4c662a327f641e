import * as z from '../../lib/api/zod';

/**
 * Platform settings from the environment, validated once at start: a bad value stops the
 * function with a message naming the variable instead of misbehaving later.
 */
const SettingsSchema = z.object({
  STRATUS_VERSION: z._default(z.string(), 'dev'),
  STRATUS_STARTING_CASH: z._default(z.coerce.number().check(z.minimum(0), z.maximum(1e12)), 100_000),
  STRATUS_MARKET_SEED: z._default(z.coerce.number().check(z.int()), 42),
});

export interface Settings {
  version: string;
  /** Dollars a new paper account opens with. */
  startingCash: number;
  /** Seed of the simulated market's price paths. */
  marketSeed: number;
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid settings: ${problems.join('; ')}`);
  }
  return {
    version: parsed.data.STRATUS_VERSION,
    startingCash: parsed.data.STRATUS_STARTING_CASH,
    marketSeed: parsed.data.STRATUS_MARKET_SEED,
  };
}
