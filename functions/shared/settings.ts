import * as z from '../../lib/api/zod';
import { type CommissionModel, parseCommissionModel } from '../../lib/core/execution/commission';

/**
 * Platform settings from the environment, validated once at start: a bad value stops the
 * function with a message naming the variable instead of misbehaving later.
 */
const number = (fallback: number, check?: z.core.$ZodCheck<number>) =>
  z._default(check ? z.coerce.number().check(check) : z.coerce.number(), fallback);

const SettingsSchema = z.object({
  STRATUS_VERSION: z._default(z.string(), 'dev'),
  STRATUS_STARTING_CASH: number(100_000, z.minimum(0)),
  STRATUS_MARKET_SEED: number(42, z.multipleOf(1)),
  STRATUS_CLOCK_OFFSET_MS: number(0, z.multipleOf(1)),
  STRATUS_MAX_SLIPPAGE_BPS: number(50, z.positive()),
  STRATUS_MAX_ORDER_QUANTITY: number(100_000, z.positive()),
  STRATUS_MAX_ORDER_NOTIONAL: number(5_000_000, z.positive()),
  STRATUS_PRICE_COLLAR: number(0.1, z.positive()),
  STRATUS_ROUTE_IMMEDIATE_BELOW: number(1_000, z.minimum(0)),
  STRATUS_ROUTE_TWAP_ABOVE: number(5_000, z.minimum(0)),
  STRATUS_COMMISSION: z._default(z.string(), 'per_share:0.005:min=1:max=0.01'),
  STRATUS_PAPER_LATENCY_MS: number(25, z.minimum(0)),
  STRATUS_PAPER_SHARES_PER_LEVEL: number(500, z.positive()),
  STRATUS_PAPER_REJECT_RATE: number(0, z.minimum(0)),
  STRATUS_PRE_MARKET_TIME: z._default(
    z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (New York)')),
    '09:00',
  ),
  STRATUS_WATCHLIST: z._default(
    z
      .string()
      .check(z.regex(/^[A-Z][A-Z0-9.]{0,9}(,[A-Z][A-Z0-9.]{0,9})*$/, 'must be tickers separated by commas')),
    'SPY,QQQ,IWM,AAPL,MSFT,NVDA,AMZN,TSLA',
  ),
  STRATUS_WARMUP_BARS: number(390, z.multipleOf(1)),
});

export interface Settings {
  version: string;
  /** Dollars a new paper account opens with. */
  startingCash: number;
  /** Seed of the simulated market's price paths. */
  marketSeed: number;
  /** Milliseconds the platform clock is ahead of the system clock (the local session clock). */
  clockOffsetMs: number;
  maxSlippageBps: number;
  maxOrderQuantity: number;
  maxOrderNotional: number;
  priceCollarFraction: number;
  routing: { immediateBelow: number; twapAbove: number };
  commission: CommissionModel;
  paper: { latencyMs: number; sharesPerLevel: number; rejectRate: number };
  /** When the pre-market run starts (New York, HH:MM) and what it assesses. */
  preMarket: { time: string; watchlist: string[] };
  /** Minute bars each strategy is replayed over per cycle. */
  warmupBars: number;
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid settings: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  let commission: CommissionModel;
  try {
    commission = parseCommissionModel(values.STRATUS_COMMISSION);
  } catch (error) {
    throw new Error(`invalid settings: STRATUS_COMMISSION: ${(error as Error).message}`);
  }
  return {
    version: values.STRATUS_VERSION,
    startingCash: values.STRATUS_STARTING_CASH,
    marketSeed: values.STRATUS_MARKET_SEED,
    clockOffsetMs: values.STRATUS_CLOCK_OFFSET_MS,
    maxSlippageBps: values.STRATUS_MAX_SLIPPAGE_BPS,
    maxOrderQuantity: values.STRATUS_MAX_ORDER_QUANTITY,
    maxOrderNotional: values.STRATUS_MAX_ORDER_NOTIONAL,
    priceCollarFraction: values.STRATUS_PRICE_COLLAR,
    routing: {
      immediateBelow: values.STRATUS_ROUTE_IMMEDIATE_BELOW,
      twapAbove: values.STRATUS_ROUTE_TWAP_ABOVE,
    },
    commission,
    paper: {
      latencyMs: values.STRATUS_PAPER_LATENCY_MS,
      sharesPerLevel: values.STRATUS_PAPER_SHARES_PER_LEVEL,
      rejectRate: values.STRATUS_PAPER_REJECT_RATE,
    },
    preMarket: { time: values.STRATUS_PRE_MARKET_TIME, watchlist: values.STRATUS_WATCHLIST.split(',') },
    warmupBars: values.STRATUS_WARMUP_BARS,
  };
}
