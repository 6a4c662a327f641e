import { expectedVolume } from '../market/volume-profile';
import type { Side } from '../orders/order';
import type { CommissionModel } from './commission';
import type { BookDepthTaken, ImpactModel, Liquidity } from './impact-book';
import { playSchedule } from './play-schedule';
import { implementationShortfall } from './shortfall';
import { planTwap } from './twap-planner';

export type WorkedMode = 'immediate' | 'twap' | 'iceberg';

/** A TWAP's parameters: how long it runs and in how many slices. */
export interface TwapSchedule {
  durationSeconds: number;
  slices: number;
}

/** The expected cost of working an order one way, in basis points of its notional at the arrival mid. */
export interface ModeEstimate {
  mode: WorkedMode;
  /** Children the order is sent as, and over how many seconds (a TWAP: its duration). */
  children: number;
  durationSeconds: number;
  /** The TWAP schedule the estimate is for (the cheapest of those tried). */
  schedule?: TwapSchedule;
  /** A TWAP's share of the volume expected while it runs (null outside a session). */
  participation?: number | null;
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
  /** The TWAP schedule, or the schedules to choose among (none: no TWAP is estimated). */
  twap: TwapSchedule | readonly TwapSchedule[];
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
  const immediate = estimate(input, 'immediate', scheduleOf('immediate', { ...input, twap: undefined }));
  const listed = Array.isArray(input.twap)
    ? (input.twap as readonly TwapSchedule[])
    : [input.twap as TwapSchedule];
  // Slicing saves impact only (each share still crosses half the spread, and the children pay at
  // least the one order's commission): when the order at once has less impact than a schedule
  // must save, only the simplest schedule is worth estimating.
  const schedules =
    immediate.impactBps <= WORTH_BPS && listed.length > 1
      ? [simplest(listed, (schedule) => schedule)]
      : listed;
  const twaps = schedules.map((schedule) => ({
    ...estimate(input, 'twap', scheduleOf('twap', { ...input, twap: schedule })),
    durationSeconds: schedule.durationSeconds,
    schedule,
    participation: participationOver(input, schedule.durationSeconds),
  }));
  return [
    immediate,
    ...(twaps.length > 0 ? [simplestOfTheCheapest(twaps)] : []),
    estimate(input, 'iceberg', scheduleOf('iceberg', { ...input, twap: undefined })),
  ];
}

/** Of these, the one on the shortest run, then with the fewest slices. */
function simplest<T>(items: readonly T[], scheduleOfItem: (item: T) => TwapSchedule): T {
  return items.reduce((best, next) => {
    const a = scheduleOfItem(best);
    const b = scheduleOfItem(next);
    return b.durationSeconds < a.durationSeconds ||
      (b.durationSeconds === a.durationSeconds && b.slices < a.slices)
      ? next
      : best;
  });
}

function participationOver(input: CostInputs, seconds: number): number | null {
  const at = input.taken.at;
  const volume = expectedVolume(input.liquidity.averageDailyVolume, at, at + seconds * 1_000);
  return volume > 0 ? input.quantity / volume : null;
}

/**
 * A longer or busier schedule has to earn its place: of the estimates scoring within this of the
 * best, the shortest (then the one with the fewest children) is taken.
 */
const WORTH_BPS = 0.1;

function simplestOfTheCheapest(estimates: readonly ModeEstimate[]): ModeEstimate {
  const best = Math.min(...estimates.map((estimate) => estimate.scoreBps));
  return simplest(
    estimates.filter((estimate) => estimate.scoreBps <= best + WORTH_BPS),
    (estimate) => estimate.schedule!,
  );
}

/** How a TWAP's schedule is searched: a participation cap, a longest run, and the time left in the session. */
export interface TwapLimits {
  /** At most this share of the volume expected over the schedule (0.1: a tenth). */
  maxParticipation: number;
  /** No longer than this unless the participation cap needs it. */
  maxDurationSeconds: number;
  /** Seconds until the close: a TWAP ends a minute before it. */
  secondsToClose: number;
}

/** Durations tried (seconds) and the spacing of children tried for each. */
const DURATIONS = [60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 14_400];
const SPACINGS = [15, 60, 300];
const MAX_SLICES = 500;

/**
 * The TWAP schedules an order could run on: from the shortest that keeps it within the
 * participation cap of the volume expected then (the intraday U shape of volume), up to the
 * longest run allowed, each with children 15 s, 1 min or 5 min apart (two at least). Near the close nothing
 * (a TWAP is not offered); when even the rest of the session cannot keep within the cap, the
 * rest of the session.
 */
export function twapCandidates(
  order: { quantity: number; lotSize: number; averageDailyVolume: number; at: number },
  limits: TwapLimits,
): TwapSchedule[] {
  const latest = Math.min(Math.floor(limits.secondsToClose / 60) * 60 - 60, 23_400);
  if (latest < 60) return [];
  // The volume expected by each whole minute, summed as the run grows (not integrated afresh).
  const volumeOfMinute = (end: number) =>
    expectedVolume(order.averageDailyVolume, order.at + (end - 60) * 1_000, order.at + end * 1_000);
  let shortest = 60;
  let volume = volumeOfMinute(shortest);
  while (shortest < latest && order.quantity > limits.maxParticipation * volume) {
    shortest += 60;
    volume += volumeOfMinute(shortest);
  }
  const longest = Math.max(shortest, Math.min(limits.maxDurationSeconds, latest));
  const durations = [
    ...new Set([shortest, ...DURATIONS.filter((d) => d > shortest && d < longest), longest]),
  ];
  const lots = order.quantity / order.lotSize;
  const schedules: TwapSchedule[] = [];
  for (const durationSeconds of durations) {
    const counts = new Set(
      SPACINGS.map((spacing) =>
        Math.min(lots, Math.max(2, Math.min(MAX_SLICES, Math.round(durationSeconds / spacing)))),
      ),
    );
    for (const slices of counts) schedules.push({ durationSeconds, slices });
  }
  return schedules;
}

/**
 * The children a mode sends: one order at once; TWAP slices (planTwap) at their offsets; iceberg
 * clips of the display quantity, one per look.
 */
export function scheduleOf(
  mode: WorkedMode,
  order: Pick<CostInputs, 'quantity' | 'lotSize' | 'iceberg'> & { twap?: TwapSchedule | undefined },
): { quantity: number; offsetSeconds: number }[] {
  if (mode === 'immediate') return [{ quantity: order.quantity, offsetSeconds: 0 }];
  if (mode === 'twap') {
    if (!order.twap) throw new RangeError('a TWAP schedule needs its duration and slices');
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
