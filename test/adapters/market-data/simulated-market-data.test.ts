import { describe, expect, it } from 'vitest';
import { SimulatedMarketData } from '../../../lib/adapters/market-data/simulated-market-data';
import { SIMULATED_UNIVERSE } from '../../../lib/adapters/market-data/simulated-universe';

const at = (iso: string) => ({ now: () => new Date(iso) });

describe('SimulatedMarketData', () => {
  it('quotes the same prices for the same seed and time in any process', async () => {
    const a = await new SimulatedMarketData(at('2026-03-02T15:00:00Z'), 7).getQuotes(['AAPL', 'MSFT']);
    const b = await new SimulatedMarketData(at('2026-03-02T15:00:00Z'), 7).getQuotes(['AAPL', 'MSFT']);
    expect(a).toEqual(b);
  });

  it('moves prices with time and with the seed', async () => {
    const early = await new SimulatedMarketData(at('2026-03-02T15:00:00Z'), 7).getQuotes(['AAPL']);
    const later = await new SimulatedMarketData(at('2026-03-02T16:00:00Z'), 7).getQuotes(['AAPL']);
    const otherSeed = await new SimulatedMarketData(at('2026-03-02T15:00:00Z'), 8).getQuotes(['AAPL']);
    expect(later.get('AAPL')?.last).not.toBe(early.get('AAPL')?.last);
    expect(otherSeed.get('AAPL')?.last).not.toBe(early.get('AAPL')?.last);
  });

  it('leaves out symbols it does not know', async () => {
    const quotes = await new SimulatedMarketData(at('2026-03-02T15:00:00Z')).getQuotes(['AAPL', 'NOPE']);
    expect([...quotes.keys()]).toEqual(['AAPL']);
  });

  it('gives sane quotes over a year of minutes: cent ticks, bid below ask, within ±60% of reference', async () => {
    const start = Date.parse('2026-01-02T14:30:00Z');
    for (let minute = 0; minute < 365 * 24 * 60; minute += 997) {
      const clock = { now: () => new Date(start + minute * 60_000) };
      const quotes = await new SimulatedMarketData(clock).getQuotes(SIMULATED_UNIVERSE.map((i) => i.symbol));
      for (const instrument of SIMULATED_UNIVERSE) {
        const quote = quotes.get(instrument.symbol)!;
        expect(quote.bid).toBeLessThan(quote.ask);
        expect(Math.round(quote.bid * 100)).toBeCloseTo(quote.bid * 100, 6);
        expect(Math.round(quote.ask * 100)).toBeCloseTo(quote.ask * 100, 6);
        expect(quote.last / instrument.referencePrice).toBeGreaterThan(0.4);
        expect(quote.last / instrument.referencePrice).toBeLessThan(1.6);
      }
    }
  });

  it('trades a realistic volume: the daily average over a month, varying day to day, U-shaped within the day', async () => {
    const asOf = new Date('2026-11-30T21:00:00Z');
    const market = new SimulatedMarketData({ now: () => asOf }, 42);
    const adv = SIMULATED_UNIVERSE.find((instrument) => instrument.symbol === 'AAPL')!.averageDailyVolume;
    const days = (await market.dailyBars(['AAPL'], 21, asOf)).get('AAPL')!.map((bar) => bar.volume);
    const mean = days.reduce((sum, volume) => sum + volume, 0) / days.length;
    const deviation = Math.sqrt(
      days.reduce((sum, volume) => sum + (volume - mean) ** 2, 0) / (days.length - 1),
    );
    // Calibration targets: a month averages the instrument's daily volume within 15 %, and days differ by 10–35 %.
    expect(Math.abs(mean / adv - 1)).toBeLessThan(0.15);
    expect(deviation / mean).toBeGreaterThan(0.1);
    expect(deviation / mean).toBeLessThan(0.35);
    // One session's minutes: they add up to that day's volume (within rounding), heavier at both ends.
    const minutes = (await market.minuteBars(['AAPL'], 390, asOf)).get('AAPL')!.map((bar) => bar.volume);
    expect(Math.abs(minutes.reduce((sum, volume) => sum + volume, 0) / days.at(-1)! - 1)).toBeLessThan(0.001);
    const average = (from: number, to: number) =>
      minutes.slice(from, to).reduce((sum, v) => sum + v, 0) / (to - from);
    const midday = average(150, 270);
    expect(average(0, 30) / midday).toBeGreaterThan(2);
    expect(average(360, 390) / midday).toBeGreaterThan(2);
  });

  describe("calibration: realized volatility is the instrument's, nights gap, weekends do not run", () => {
    const asOf = new Date('2026-12-01T00:00:00Z');
    const variance = (values: readonly number[]) => {
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
    };
    const logReturns = (from: readonly number[], to: readonly number[]) =>
      to.map((price, i) => Math.log(price / from[i]!));

    /** Realized annual volatility of daily closes over `sessions`, against the instrument's, per symbol. */
    async function realizedOverImplied(sessions: number, seed: number): Promise<number[]> {
      const market = new SimulatedMarketData({ now: () => asOf }, seed);
      const bars = await market.dailyBars(
        SIMULATED_UNIVERSE.map((instrument) => instrument.symbol),
        sessions + 1,
        asOf,
      );
      return SIMULATED_UNIVERSE.map((instrument) => {
        const closes = bars.get(instrument.symbol)!.map((bar) => bar.close);
        const returns = logReturns(closes.slice(0, -1), closes.slice(1));
        return Math.sqrt(variance(returns) * 252) / instrument.volatility;
      });
    }
    const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

    it('over a month, realized volatility averages the implied within 15 % across the universe, for any seed', async () => {
      for (const seed of [42, 7, 2026]) {
        const ratios = await realizedOverImplied(21, seed);
        expect(Math.abs(mean(ratios) - 1), `seed ${seed}`).toBeLessThan(0.15);
      }
    });

    it("over two years, every symbol's realized volatility is within 20 % of its implied", async () => {
      const ratios = await realizedOverImplied(500, 42);
      expect(Math.abs(mean(ratios) - 1)).toBeLessThan(0.05);
      for (const ratio of ratios) expect(Math.abs(ratio - 1)).toBeLessThan(0.2);
    });

    it("gaps overnight by 10–30 % of a day's variance, and a weekend by about as much as a night", async () => {
      const market = new SimulatedMarketData({ now: () => asOf }, 42);
      const sessions = 500;
      const bars = await market.dailyBars(
        SIMULATED_UNIVERSE.map((instrument) => instrument.symbol),
        sessions,
        asOf,
      );
      const shares: number[] = [];
      const weekendOverNight: number[] = [];
      for (const instrument of SIMULATED_UNIVERSE) {
        const days = bars.get(instrument.symbol)!;
        const gaps = logReturns(
          days.slice(0, -1).map((bar) => bar.close),
          days.slice(1).map((bar) => bar.open),
        );
        const daily = logReturns(
          days.slice(0, -1).map((bar) => bar.close),
          days.slice(1).map((bar) => bar.close),
        );
        shares.push(variance(gaps) / variance(daily));
        const mondays = gaps.filter((_, i) => new Date(days[i + 1]!.time).getUTCDay() === 1);
        const others = gaps.filter((_, i) => new Date(days[i + 1]!.time).getUTCDay() !== 1);
        weekendOverNight.push(variance(mondays) / variance(others));
      }
      expect(mean(shares)).toBeGreaterThan(0.1);
      expect(mean(shares)).toBeLessThan(0.3);
      // Calendar-time noise made a weekend worth ~3.7 nights; on trading time it is one.
      expect(mean(weekendOverNight)).toBeGreaterThan(0.7);
      expect(mean(weekendOverNight)).toBeLessThan(1.4);
    });
  });
});
