import { describe, expect, it } from 'vitest';
import { SimulatedInstruments } from '../../../lib/adapters/market-data/simulated-instruments';
import { SimulatedMarketData } from '../../../lib/adapters/market-data/simulated-market-data';
import { DEFAULT_COMMISSION } from '../../../lib/core/execution/commission';
import { estimateCosts, scheduleOf } from '../../../lib/core/execution/cost-estimate';
import { DEFAULT_IMPACT, UNTOUCHED } from '../../../lib/core/execution/impact-book';
import { playSchedule } from '../../../lib/core/execution/play-schedule';
import { implementationShortfall } from '../../../lib/core/execution/shortfall';

const SEEDS = 30;
const SETTINGS = {
  impact: DEFAULT_IMPACT,
  commission: DEFAULT_COMMISSION,
};

/**
 * The pre-trade estimate against what the venue's book then gives over many market paths: the
 * stated tolerance is three standard errors of the realized mean (the market's drift over a
 * schedule is the noise), plus 0.05 bp for prices on the cent.
 */
describe('the cost estimate predicts the realized shortfall, averaged over market paths', () => {
  it.each([
    ['AAPL', 0.01],
    ['AAPL', 0.1],
    ['COST', 0.01],
    ['T', 0.05],
  ] as const)('%s at %s of daily volume, every mode', async (symbol, share) => {
    const liquidity = (await new SimulatedInstruments().get(symbol))!.liquidity!;
    const quantity = Math.round(share * liquidity.averageDailyVolume);
    const order = {
      quantity,
      lotSize: 1,
      twap: { durationSeconds: 60, slices: 6 },
      iceberg: { displayQuantity: Math.ceil(quantity / 10), lookSeconds: 10 },
    };
    const realized: Record<string, number[]> = { immediate: [], twap: [], iceberg: [] };
    const estimated: Record<string, number[]> = { immediate: [], twap: [], iceberg: [] };
    for (let seed = 0; seed < SEEDS; seed++) {
      const arrival = Date.parse('2026-11-18T15:30:00Z') + seed * 7 * 60_000;
      const market = new SimulatedMarketData({ now: () => new Date(arrival) }, 500 + seed);
      const quoteAt = (at: number) => market.quoteOf(symbol, new Date(at))!;
      const quote = quoteAt(arrival);
      const mid = (quote.bid + quote.ask) / 2;
      for (const estimate of estimateCosts({
        ...order,
        side: 'buy',
        quote,
        tickSize: 0.01,
        liquidity,
        impact: DEFAULT_IMPACT,
        taken: { ...UNTOUCHED, at: arrival },
        commission: DEFAULT_COMMISSION,
        riskAversion: 0,
      })) {
        estimated[estimate.mode]!.push(estimate.expectedBps);
        const fills = playSchedule(
          { side: 'buy', limitPrice: mid * 1.1 },
          scheduleOf(estimate.mode, order),
          { startAt: arrival, quoteAt, tickSize: 0.01, liquidity },
          SETTINGS,
        );
        realized[estimate.mode]!.push(
          implementationShortfall({ side: 'buy', arrivalPrice: mid }, fills)!.totalBps,
        );
      }
    }
    for (const mode of ['immediate', 'twap', 'iceberg']) {
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const gaps = realized[mode]!.map((value, i) => value - estimated[mode]![i]!);
      const gap = mean(gaps);
      const se = Math.sqrt(
        gaps.reduce((sum, value) => sum + (value - gap) ** 2, 0) / (gaps.length - 1) / gaps.length,
      );
      expect(
        Math.abs(gap),
        `${mode}: realized − estimated ${gap.toFixed(3)} bps, se ${se.toFixed(3)}`,
      ).toBeLessThanOrEqual(3 * se + 0.05);
    }
    // An immediate order meets only the arrival quote: its estimate is what it realizes.
    realized.immediate!.forEach((value, i) => expect(value).toBeCloseTo(estimated.immediate![i]!, 6));
  });
});
