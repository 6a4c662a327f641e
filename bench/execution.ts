import { SimulatedInstruments } from '../lib/adapters/market-data/simulated-instruments';
import { SimulatedMarketData } from '../lib/adapters/market-data/simulated-market-data';
import { DEFAULT_COMMISSION } from '../lib/core/execution/commission';
import {
  cheapest,
  estimateCosts,
  scheduleOf,
  twapCandidates,
  type WorkedMode,
} from '../lib/core/execution/cost-estimate';
import { marketStatus, sessionsClosedBefore } from '../lib/core/market/nyse-calendar';
import { DEFAULT_IMPACT, UNTOUCHED } from '../lib/core/execution/impact-book';
import { playSchedule } from '../lib/core/execution/play-schedule';
import { implementationShortfall } from '../lib/core/execution/shortfall';
import { protectionPrice } from '../lib/core/execution/slippage-band';
import { defaultDisplayQuantity } from '../lib/core/orders/order-rules';

/** Liquidity buckets: a liquid megacap, a high price with a thin touch, a low-priced stock, a thin name. */
const SYMBOLS = ['AAPL', 'MSFT', 'T', 'COST'] as const;
/** Order sizes as a share of the symbol's average daily volume. */
const SIZES = [0.0001, 0.001, 0.01, 0.05, 0.1] as const;
const SEEDS = 160;
/** The trading days arrivals fall on: the sessions before December 2026 (two arrivals each). */
const DAYS = sessionsClosedBefore(new Date('2026-12-01T00:00:00Z'), SEEDS / 2);
const MODES: readonly WorkedMode[] = ['immediate', 'twap', 'iceberg'];
/** The platform's defaults: TWAP 60 s in 6 slices; an iceberg shows a tenth and looks every 10 s at mid-day. */
const TWAP = { durationSeconds: 60, slices: 6 };
const LOOK_SECONDS = 10;
/** Wide enough that no size is cut short by the collar (the platform's default is 50 bps): costs compare on full fills. */
const COLLAR_BPS = 1_000;
const SETTINGS = {
  impact: DEFAULT_IMPACT,
  commission: DEFAULT_COMMISSION,
};
/** The platform's defaults for the TWAP `auto` may choose: a tenth of the expected volume, 30 minutes unless that needs longer. */
const TWAP_LIMITS = { maxParticipation: 0.1, maxDurationSeconds: 1_800 };

export interface ExecutionCell {
  symbol: string;
  size: number;
  /** Mean and standard error of the realized shortfall, bps, per mode (auto included). */
  shortfall: Record<WorkedMode | 'auto', { mean: number; se: number }>;
  /** How often auto's choice (made before trading) was the cheapest realized on that path. */
  autoCheapest: number;
  autoChoices: Record<WorkedMode, number>;
  /** The median TWAP run auto chose, seconds (null when it chose none). */
  autoTwapSeconds: number | null;
}

/**
 * Implementation shortfall of each way of working a buy, on the simulated market and the paper
 * venue's impact book — the venue's own matching (`fillAgainstBook`), the market's quotes at
 * each child's time, depth taken and recovering between children, a commission per child — for
 * SEEDS independent paths (market seed and arrival time) per symbol and size. `auto` is the mode
 * the cost estimate picks at arrival. In process: the schedules are played by time, not through
 * the workflows that send them in the platform.
 */
export async function benchExecution(): Promise<ExecutionCell[]> {
  const instruments = new SimulatedInstruments();
  const cells: ExecutionCell[] = [];
  for (const symbol of SYMBOLS) {
    const instrument = (await instruments.get(symbol))!;
    const liquidity = instrument.liquidity!;
    for (const size of SIZES) {
      const quantity = Math.max(1, Math.round(size * liquidity.averageDailyVolume));
      const runs: Record<WorkedMode | 'auto', number[]> = { immediate: [], twap: [], iceberg: [], auto: [] };
      const autoChoices: Record<WorkedMode, number> = { immediate: 0, twap: 0, iceberg: 0 };
      let autoCheapest = 0;
      const twapRuns: number[] = [];
      for (let seed = 0; seed < SEEDS; seed++) {
        // A trading day before December 2026, at 10:00–12:59 or 12:00–14:59 New York.
        const open = DAYS[seed >> 1]!.open.getTime();
        const arrival = open + (30 + (seed % 2) * 120 + ((seed * 7) % 180)) * 60_000;
        const market = new SimulatedMarketData({ now: () => new Date(arrival) }, 1_000 + seed);
        const quoteAt = (at: number) => market.quoteOf(symbol, new Date(at))!;
        const first = quoteAt(arrival);
        const mid = (first.bid + first.ask) / 2;
        const limitPrice = protectionPrice({
          side: 'buy',
          referencePrice: mid,
          maxSlippageBps: COLLAR_BPS,
          tickSize: 0.01,
        });
        const order = {
          quantity,
          lotSize: 1,
          twap: TWAP,
          iceberg: { displayQuantity: defaultDisplayQuantity(quantity, 1), lookSeconds: LOOK_SECONDS },
        };
        const realized = {} as Record<WorkedMode, number>;
        for (const mode of MODES) {
          const fills = playSchedule(
            { side: 'buy', limitPrice },
            scheduleOf(mode, order),
            { startAt: arrival, quoteAt, tickSize: 0.01, liquidity },
            SETTINGS,
          );
          realized[mode] = implementationShortfall({ side: 'buy', arrivalPrice: mid }, fills)!.totalBps;
          runs[mode].push(realized[mode]);
        }
        const choice = cheapest(
          estimateCosts({
            side: 'buy',
            quantity,
            quote: first,
            tickSize: 0.01,
            lotSize: 1,
            liquidity,
            impact: DEFAULT_IMPACT,
            taken: { ...UNTOUCHED, at: arrival },
            commission: DEFAULT_COMMISSION,
            twap: twapCandidates(
              { quantity, lotSize: 1, averageDailyVolume: liquidity.averageDailyVolume, at: arrival },
              {
                ...TWAP_LIMITS,
                secondsToClose: (marketStatus(new Date(arrival)).nextClose.getTime() - arrival) / 1_000,
              },
            ),
            iceberg: order.iceberg,
            riskAversion: 0,
          }),
        );
        autoChoices[choice.mode]++;
        if (choice.schedule) twapRuns.push(choice.schedule.durationSeconds);
        // Auto's own schedule (a TWAP of the run it chose) on the same path.
        const auto =
          choice.mode === 'twap'
            ? implementationShortfall(
                { side: 'buy', arrivalPrice: mid },
                playSchedule(
                  { side: 'buy', limitPrice },
                  scheduleOf('twap', { ...order, twap: choice.schedule! }),
                  { startAt: arrival, quoteAt, tickSize: 0.01, liquidity },
                  SETTINGS,
                ),
              )!.totalBps
            : realized[choice.mode];
        runs.auto.push(auto);
        if (auto <= Math.min(...MODES.map((mode) => realized[mode])) + 1e-9) autoCheapest++;
      }
      cells.push({
        symbol,
        size,
        shortfall: Object.fromEntries(
          Object.entries(runs).map(([mode, values]) => [mode, meanAndError(values)]),
        ) as ExecutionCell['shortfall'],
        autoCheapest: autoCheapest / SEEDS,
        autoChoices,
        autoTwapSeconds: twapRuns.length === 0 ? null : twapRuns.sort((a, b) => a - b)[twapRuns.length >> 1]!,
      });
    }
  }
  return cells;
}

function meanAndError(values: readonly number[]): { mean: number; se: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

export function printExecution(cells: readonly ExecutionCell[]): void {
  console.log(
    `\nExecution: implementation shortfall of a buy, bps (mean ± standard error over ${SEEDS} market paths), on the paper venue's impact book`,
  );
  const cell = (value: { mean: number; se: number }) =>
    `${value.mean.toFixed(2)} ± ${value.se.toFixed(2)}`.padStart(16);
  console.log(
    `  ${'symbol'.padEnd(6)} ${'% ADV'.padStart(6)} ${'immediate'.padStart(16)} ${'twap'.padStart(16)} ${'iceberg'.padStart(16)} ${'auto'.padStart(16)}   auto chose (i/t/b)   twap run   cheapest realized   auto vs best`,
  );
  for (const c of cells) {
    const best = MODES.map((mode) => c.shortfall[mode]).reduce((a, b) => (b.mean < a.mean ? b : a));
    const gap = c.shortfall.auto.mean - best.mean;
    const within = gap <= 2 * Math.hypot(c.shortfall.auto.se, best.se) + 1e-9;
    console.log(
      `  ${c.symbol.padEnd(6)} ${(c.size * 100).toString().padStart(5)}% ${cell(c.shortfall.immediate)} ${cell(c.shortfall.twap)} ${cell(c.shortfall.iceberg)} ${cell(c.shortfall.auto)}   ${`${c.autoChoices.immediate}/${c.autoChoices.twap}/${c.autoChoices.iceberg}`.padStart(18)}   ${(c.autoTwapSeconds === null ? '—' : `${c.autoTwapSeconds} s`).padStart(8)}   ${`${Math.round(c.autoCheapest * 100)} %`.padStart(17)}   ${gap.toFixed(2).padStart(6)} bps ${within ? 'within 2 SE' : 'WORSE'}`,
    );
  }
}
