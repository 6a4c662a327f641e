import type { Side } from '../orders/order';
import { type CommissionModel, commissionCents } from './commission';
import {
  type BookDepthTaken,
  type ImpactModel,
  type Liquidity,
  recovered,
  walkImpactBook,
} from './impact-book';
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
 * no drift): the children a mode sends, each walking the impact book from the depth the earlier
 * ones left — recovered over the wait between them — each paying its own commission minimum;
 * and the timing risk of the schedule (Almgren & Chriss: σ·√(T/3) for an even schedule).
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
  const mid = (input.quote.bid + input.quote.ask) / 2;
  const touch = input.side === 'buy' ? input.quote.ask : input.quote.bid;
  const sign = input.side === 'buy' ? 1 : -1;
  let taken = input.taken;
  const start = input.taken.at;
  let paid = 0;
  let feesCents = 0;
  let quantity = 0;
  for (const child of children) {
    const at = start + child.offsetSeconds * 1_000;
    const walked = walkImpactBook(
      { side: input.side, quantity: child.quantity, limitPrice: input.side === 'buy' ? Infinity : 0 },
      { quote: input.quote, tickSize: input.tickSize, liquidity: input.liquidity },
      recovered(taken, at, input.impact),
      input.impact,
    );
    taken = walked.taken;
    let childNotional = 0;
    for (const level of walked.executions) {
      paid += level.price * level.quantity;
      childNotional += level.price * level.quantity;
      quantity += level.quantity;
    }
    feesCents += commissionCents(input.commission, child.quantity, childNotional / child.quantity);
  }
  const notional = mid * input.quantity;
  const toBps = (dollars: number) => (notional > 0 ? (dollars / notional) * 10_000 : 0);
  const spreadBps = toBps(sign * (touch - mid) * quantity);
  const impactBps = toBps(sign * (paid - touch * quantity));
  const feesBps = toBps(feesCents / 100);
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
