import { z } from 'zod';

/**
 * Platform settings from the environment, validated once at start: a bad value stops the
 * function with a message naming the variable instead of misbehaving later.
 */
const SettingsSchema = z.object({
  STRATUS_VERSION: z.string().default('dev'),
  STRATUS_STARTING_CASH: z.coerce.number().finite().min(0).max(1e12).default(100_000),
  STRATUS_MARKET_SEED: z.coerce.number().int().default(42),
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
