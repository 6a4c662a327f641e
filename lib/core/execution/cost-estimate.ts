import type { Side } from '../orders/order';
import type { CommissionModel } from './commission';
import type { BookDepthTaken, ImpactModel, Liquidity } from './impact-book';
import { playSchedule } from './play-schedule';
import { implementationShortfall } from './shortfall';
import { planTwap } from './twap-planner';

export type WorkedMode = 'immediate' | 'twap' | 'iceberg';

/** The expected cost of working an order one way, in basis points of its notional at the arrival mid. */
export interface ModeEstimate {
  mode: WorkedMode;
  /** Children the order is sent as, and over how many seconds. */
  children: number;
  durationSeconds: number;
  /** Half the spread, paid by every share that crosses it. */
  spreadBps: number;
  /** How far beyond the touch the shares fill, on the impact book. */
  impactBps: number;
  /** Commission, with each child's minimum. */
  feesBps: number;
  /** Spread, impact and fees: the expected shortfall. */
  expectedBps: number;
  /** One standard deviation of the price's drift over the schedule (σ·√(T/3) for an even schedule). */
  timingRiskBps: number;
  /** What routing ranks by: the expected cost plus `riskAversion` × the timing risk. */
  scoreBps: number;
}

export interface CostInputs {
  side: Side;
  quantity: number;
  quote: { bid: number; ask: number };
  tickSize: number;
  lotSize: number;
  liquidity: Liquidity;
  impact: ImpactModel;
  /** The book as the order finds it (untouched when unknown). */
  taken: BookDepthTaken;
  commission: CommissionModel;
  twap: { durationSeconds: number; slices: number };
  /** The iceberg's clip and the pause between clips. */
  iceberg: { displayQuantity: number; lookSeconds: number };
  /** Weight of timing risk against expected cost (0: expected cost alone). */
  riskAversion: number;
}

const TRADING_SECONDS_A_DAY = 6.5 * 3_600;

/**
 * The pre-trade cost of each way to work an order (Perold's implementation shortfall, expected:
 * no drift): the children a mode sends played on the impact book at the arrival quote
 * (`playSchedule`: each walks from the depth the earlier ones left, recovered over the wait
 * between them, and pays its own commission minimum) and split as a realized shortfall is
 * (`implementationShortfall`); and the timing risk of the schedule (Almgren & Chriss: σ·√(T/3)
 * for an even schedule).
 * Deterministic: the same inputs give the same estimates.
 */
export function estimateCosts(input: CostInputs): ModeEstimate[] {
  return (['immediate', 'twap', 'iceberg'] as const).map((mode) =>
    estimate(input, mode, scheduleOf(mode, input)),
  );
}

/**
 * The children a mode sends: one order at once; TWAP slices (planTwap) at their offsets; iceberg
 * clips of the display quantity, one per look.
 */
export function scheduleOf(
  mode: WorkedMode,
  order: Pick<CostInputs, 'quantity' | 'lotSize' | 'twap' | 'iceberg'>,
): { quantity: number; offsetSeconds: number }[] {
  if (mode === 'immediate') return [{ quantity: order.quantity, offsetSeconds: 0 }];
  if (mode === 'twap') {
    return planTwap(order.quantity, order.twap.slices, order.twap.durationSeconds, order.lotSize).map(
      (slice) => ({ quantity: slice.plannedQuantity, offsetSeconds: slice.offsetSeconds }),
    );
  }
  const clips: { quantity: number; offsetSeconds: number }[] = [];
  for (let left = order.quantity, n = 0; left > 0; n++) {
    const clip = Math.min(order.iceberg.displayQuantity, left);
    clips.push({ quantity: clip, offsetSeconds: n * order.iceberg.lookSeconds });
    left -= clip;
  }
  return clips;
}

/** The cheapest mode by score (ties go to the simpler mode: immediate, then TWAP). */
export function cheapest(estimates: readonly ModeEstimate[]): ModeEstimate {
  return estimates.reduce((best, next) => (next.scoreBps < best.scoreBps - 1e-9 ? next : best));
}

function estimate(
  input: CostInputs,
  mode: WorkedMode,
  children: readonly { quantity: number; offsetSeconds: number }[],
): ModeEstimate {
  // Expected, not a path: the quote stays where it is, and only the book moves the price.
  const fills = playSchedule(
    { side: input.side, limitPrice: input.side === 'buy' ? Number.POSITIVE_INFINITY : 0 },
    children,
    {
      startAt: input.taken.at,
      taken: input.taken,
      quoteAt: () => input.quote,
      tickSize: input.tickSize,
      liquidity: input.liquidity,
    },
    { impact: input.impact, commission: input.commission },
  );
  const shortfall = implementationShortfall(
    { side: input.side, arrivalPrice: (input.quote.bid + input.quote.ask) / 2 },
    fills,
  );
  const spreadBps = shortfall?.spreadBps ?? 0;
  const impactBps = shortfall?.impactBps ?? 0;
  const feesBps = shortfall?.feesBps ?? 0;
  const durationSeconds = children.at(-1)?.offsetSeconds ?? 0;
  const dailyVolatility = input.liquidity.dailyVolatility;
  const timingRiskBps = dailyVolatility * Math.sqrt(durationSeconds / TRADING_SECONDS_A_DAY / 3) * 10_000;
  const expectedBps = spreadBps + impactBps + feesBps;
  return {
    mode,
    children: children.length,
    durationSeconds,
    spreadBps,
    impactBps,
    feesBps,
    expectedBps,
    timingRiskBps,
    scoreBps: expectedBps + input.riskAversion * timingRiskBps,
  };
}
