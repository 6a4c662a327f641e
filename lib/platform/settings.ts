import * as z from '../api/zod';
import { ALPACA_URLS } from '../adapters/alpaca/alpaca-urls';
import { type CommissionModel, parseCommissionModel } from '../core/execution/commission';
import { DEFAULT_OPTION_FILL, type OptionFillModel } from '../core/options/option-fill';
import type { BookModel } from '../core/execution/fill-model';
import { DEFAULT_IMPACT, type ImpactModel } from '../core/execution/impact-book';
import type { CostRouting } from '../app/orders/order-settings';

/**
 * Platform settings from the environment, validated once at start: a bad value stops the
 * function with a message naming the variable instead of misbehaving later.
 */
const number = (fallback: number, ...checks: z.core.$ZodCheck<number>[]) =>
  z._default(checks.length > 0 ? z.coerce.number().check(...checks) : z.coerce.number(), fallback);

const SettingsSchema = z.object({
  STRATUS_VERSION: z._default(z.string(), 'dev'),
  STRATUS_STARTING_CASH: number(100_000, z.minimum(0)),
  STRATUS_MARKET_SEED: number(42, z.multipleOf(1)),
  STRATUS_CLOCK_OFFSET_MS: number(0, z.multipleOf(1)),
  STRATUS_CLOCK_STOPPED_AT: z.optional(z.coerce.number().check(z.multipleOf(1))),
  STRATUS_MAX_SLIPPAGE_BPS: number(50, z.positive()),
  STRATUS_MAX_ORDER_QUANTITY: number(100_000, z.positive()),
  STRATUS_MAX_ORDER_NOTIONAL: number(5_000_000, z.positive()),
  STRATUS_PRICE_COLLAR: number(0.1, z.positive()),
  STRATUS_ROUTE_IMMEDIATE_BELOW: number(1_000, z.minimum(0)),
  STRATUS_ROUTE_TWAP_ABOVE: number(5_000, z.minimum(0)),
  STRATUS_ROUTING: z._default(z.enum(['cost', 'notional']), 'cost'),
  STRATUS_ROUTING_RISK_AVERSION: number(0, z.minimum(0)),
  STRATUS_COMMISSION: z._default(z.string(), 'per_share:0.005:min=1:max=0.01'),
  STRATUS_OPTION_COMMISSION: z._default(z.string(), 'per_contract:0.65:min=0'),
  STRATUS_OPTION_FILL_FRACTION: number(DEFAULT_OPTION_FILL.spreadFraction, z.gte(0), z.lte(0.5)),
  STRATUS_PAPER_LATENCY_MS: number(25, z.minimum(0)),
  STRATUS_PAPER_BOOK: z._default(z.enum(['impact', 'flat']), 'impact'),
  STRATUS_PAPER_IMPACT_COEFFICIENT: number(DEFAULT_IMPACT.coefficient, z.positive()),
  STRATUS_PAPER_IMPACT_HALF_LIFE_S: number(DEFAULT_IMPACT.halfLifeSeconds, z.positive()),
  STRATUS_TWAP_MAX_PARTICIPATION: number(0.1, z.gt(0), z.lte(1)),
  STRATUS_TWAP_MAX_DURATION_S: number(1_800, z.positive()),
  STRATUS_PAPER_IMPACT_PERMANENT: number(DEFAULT_IMPACT.permanentFraction, z.gte(0), z.lte(1)),
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
  STRATUS_BROKER: z._default(z.enum(['paper', 'alpaca-paper', 'alpaca-live']), 'paper'),
  STRATUS_ALPACA_LIVE_CONFIRM: z.optional(z.string()),
  STRATUS_ALPACA_TRADING_URL: z.optional(z.url()),
  STRATUS_ALPACA_DATA_URL: z.optional(z.url()),
  STRATUS_ALPACA_FEED: z._default(z.enum(['iex', 'sip']), 'iex'),
  STRATUS_ALPACA_SECRET_ARN: z.optional(z.string()),
  STRATUS_ALPACA_KEY_ID: z.optional(z.string()),
  STRATUS_ACCOUNT_ID: z._default(z.string(), 'paper'),
  STRATUS_QUOTE_MAX_AGE_MS: number(15_000, z.positive()),
});

/**
 * The variables that tune the platform (as opposed to those that locate its resources, and to
 * the Alpaca keys, which a host keeps in its Secrets Manager: functions get the secret's ARN).
 */
export const SETTING_VARIABLES: readonly string[] = Object.keys(SettingsSchema.shape).filter(
  (name) =>
    ![
      'STRATUS_VERSION',
      'STRATUS_CLOCK_OFFSET_MS',
      'STRATUS_CLOCK_STOPPED_AT',
      'STRATUS_ALPACA_KEY_ID',
      'STRATUS_ALPACA_SECRET_ARN',
    ].includes(name),
);

/** What STRATUS_ALPACA_LIVE_CONFIRM must say before Stratus sends orders with real money. */
export const LIVE_CONFIRMATION = 'real-money';

/** Where orders go. Credentials are not here: they are read when first needed and kept out of every log. */
export type BrokerSettings =
  | { kind: 'paper' }
  | {
      kind: 'alpaca';
      live: boolean;
      tradingUrl: string;
      dataUrl: string;
      feed: 'iex' | 'sip';
      /** Secrets Manager secret with {"key_id","secret_key"} (AWS); absent locally, where the environment has them. */
      secretArn: string | null;
      /** The Stratus account the Alpaca account trades for. */
      accountId: string;
    };

export interface Settings {
  version: string;
  /** Dollars a new paper account opens with. */
  startingCash: number;
  /** Seed of the simulated market's price paths. */
  marketSeed: number;
  /**
   * Milliseconds the platform clock is ahead of the system clock (the local session clock), as
   * read when the settings were. The local host moves the clock without rebuilding the
   * settings: the live offset is `Dependencies.clock.offsetMs`.
   */
  clockOffsetMs: number;
  /** The instant (epoch ms) the local host's test controls stopped the platform clock at, if they did. */
  clockStoppedAt: number | null;
  maxSlippageBps: number;
  maxOrderQuantity: number;
  maxOrderNotional: number;
  priceCollarFraction: number;
  routing: { immediateBelow: number; twapAbove: number };
  /**
   * How `auto` picks a mode: by the pre-trade cost estimate on the paper venue's impact book
   * (with this weight of timing risk), or null — by the notional thresholds of `routing`.
   */
  costRouting: CostRouting | null;
  commission: CommissionModel;
  /** Option orders: the per-contract commission, and where in the spread the paper venue fills (0.5: the touch). */
  options: { commission: CommissionModel; fill: OptionFillModel };
  paper: {
    latencyMs: number;
    sharesPerLevel: number;
    rejectRate: number;
    /** The impact book's model, or null for the flat book of `sharesPerLevel` at every tick. */
    impact: ImpactModel | null;
  };
  /** When the pre-market run starts (New York, HH:MM) and what it assesses. */
  preMarket: { time: string; watchlist: string[] };
  /** Minute bars each strategy is replayed over per cycle. */
  warmupBars: number;
  broker: BrokerSettings;
  /** Quotes older than this are not used to price anything (stale-quote protection). */
  quoteMaxAgeMs: number;
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid settings: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const impact: ImpactModel | null =
    values.STRATUS_PAPER_BOOK === 'impact'
      ? {
          ...DEFAULT_IMPACT,
          coefficient: values.STRATUS_PAPER_IMPACT_COEFFICIENT,
          halfLifeSeconds: values.STRATUS_PAPER_IMPACT_HALF_LIFE_S,
          permanentFraction: values.STRATUS_PAPER_IMPACT_PERMANENT,
        }
      : null;
  const commission = commissionSetting(values.STRATUS_COMMISSION, 'STRATUS_COMMISSION');
  return {
    version: values.STRATUS_VERSION,
    startingCash: values.STRATUS_STARTING_CASH,
    marketSeed: values.STRATUS_MARKET_SEED,
    clockOffsetMs: values.STRATUS_CLOCK_OFFSET_MS,
    clockStoppedAt: values.STRATUS_CLOCK_STOPPED_AT ?? null,
    maxSlippageBps: values.STRATUS_MAX_SLIPPAGE_BPS,
    maxOrderQuantity: values.STRATUS_MAX_ORDER_QUANTITY,
    maxOrderNotional: values.STRATUS_MAX_ORDER_NOTIONAL,
    priceCollarFraction: values.STRATUS_PRICE_COLLAR,
    costRouting:
      values.STRATUS_ROUTING === 'cost' && impact && values.STRATUS_BROKER === 'paper'
        ? {
            impact,
            riskAversion: values.STRATUS_ROUTING_RISK_AVERSION,
            twap: {
              maxParticipation: values.STRATUS_TWAP_MAX_PARTICIPATION,
              maxDurationSeconds: values.STRATUS_TWAP_MAX_DURATION_S,
            },
          }
        : null,
    routing: {
      immediateBelow: values.STRATUS_ROUTE_IMMEDIATE_BELOW,
      twapAbove: values.STRATUS_ROUTE_TWAP_ABOVE,
    },
    commission,
    options: {
      commission: commissionSetting(values.STRATUS_OPTION_COMMISSION, 'STRATUS_OPTION_COMMISSION'),
      fill: { spreadFraction: values.STRATUS_OPTION_FILL_FRACTION },
    },
    paper: {
      latencyMs: values.STRATUS_PAPER_LATENCY_MS,
      sharesPerLevel: values.STRATUS_PAPER_SHARES_PER_LEVEL,
      impact,
      rejectRate: values.STRATUS_PAPER_REJECT_RATE,
    },
    preMarket: { time: values.STRATUS_PRE_MARKET_TIME, watchlist: values.STRATUS_WATCHLIST.split(',') },
    warmupBars: values.STRATUS_WARMUP_BARS,
    broker: brokerSettings(values),
    quoteMaxAgeMs: values.STRATUS_QUOTE_MAX_AGE_MS,
  };
}

function commissionSetting(text: string, name: string): CommissionModel {
  try {
    return parseCommissionModel(text);
  } catch (error) {
    throw new Error(`invalid settings: ${name}: ${(error as Error).message}`);
  }
}

function brokerSettings(values: z.infer<typeof SettingsSchema>): BrokerSettings {
  if (values.STRATUS_BROKER === 'paper') return { kind: 'paper' };
  const live = values.STRATUS_BROKER === 'alpaca-live';
  if (live && values.STRATUS_ALPACA_LIVE_CONFIRM !== LIVE_CONFIRMATION)
    throw new Error(
      `invalid settings: STRATUS_BROKER=alpaca-live sends orders with real money; set STRATUS_ALPACA_LIVE_CONFIRM=${LIVE_CONFIRMATION} to confirm`,
    );
  if (!values.STRATUS_ALPACA_SECRET_ARN && !values.STRATUS_ALPACA_KEY_ID)
    throw new Error(
      'invalid settings: an Alpaca broker needs credentials: STRATUS_ALPACA_SECRET_ARN (AWS) or STRATUS_ALPACA_KEY_ID and STRATUS_ALPACA_SECRET_KEY',
    );
  return {
    kind: 'alpaca',
    live,
    tradingUrl: values.STRATUS_ALPACA_TRADING_URL ?? (live ? ALPACA_URLS.live : ALPACA_URLS.paper),
    dataUrl: values.STRATUS_ALPACA_DATA_URL ?? ALPACA_URLS.data,
    feed: values.STRATUS_ALPACA_FEED,
    secretArn: values.STRATUS_ALPACA_SECRET_ARN ?? null,
    accountId: values.STRATUS_ACCOUNT_ID,
  };
}

/** The paper venue's simulated book under these settings. */
export function paperBook(settings: Settings): BookModel {
  return { sharesPerLevel: settings.paper.sharesPerLevel, levels: 100 };
}
