import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawdownContributions, memberRecord } from '../../../lib/core/analytics/book-comparison';
import {
  type AttributedTrade,
  attributeDailyPnl,
  MANUAL_BOOK,
} from '../../../lib/core/analytics/strategy-attribution';

const DATES = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];

describe('attributeDailyPnl: each book marked to the close, the books adding up to the account', () => {
  it('splits a crafted history by hand: two strategies, then a sale by hand taken from them in id order', () => {
    const closes: Record<string, number[]> = { XYZ: [101, 103, 100, 104] };
    const trades: AttributedTrade[] = [
      {
        date: DATES[0]!,
        symbol: 'XYZ',
        side: 'buy',
        quantity: 10,
        notionalCents: 100_000,
        commissionCents: 100,
        strategyId: 'a',
      },
      {
        date: DATES[0]!,
        symbol: 'XYZ',
        side: 'buy',
        quantity: 5,
        notionalCents: 50_000,
        commissionCents: 100,
        strategyId: 'b',
      },
      // Day 3: 12 sold by hand at 102: all 10 of a's, then 2 of b's ($1 commission split 10:2).
      {
        date: DATES[2]!,
        symbol: 'XYZ',
        side: 'sell',
        quantity: 12,
        notionalCents: 122_400,
        commissionCents: 100,
      },
    ];
    const result = attributeDailyPnl(trades, DATES, (symbol, date) => closes[symbol]![DATES.indexOf(date)]!);
    expect(result.books).toEqual(['a', 'b']);
    // a: day 1 10×(101−100) − $1 = $9; day 2 +$20; day 3 sold 10 at 102 from 103: −$10 − 83¢; day 4 nothing.
    expect(result.pnl[0]).toEqual([900, 2_000, -1_083, 0]);
    // b: day 1 5×1 − $1 = $4; day 2 +$10; day 3 2 sold at 102 (−$2 − 17¢), 3 held 103→100 (−$9); day 4 3×4.
    expect(result.pnl[1]).toEqual([400, 1_000, -1_117, 1_200]);
  });

  it('a sale by hand beyond what the books hold leaves the manual book short, never a strategy', () => {
    const result = attributeDailyPnl(
      [
        {
          date: DATES[1]!,
          symbol: 'XYZ',
          side: 'sell',
          quantity: 3,
          notionalCents: 30_000,
          commissionCents: 0,
        },
      ],
      DATES,
      () => 100,
    );
    expect(result.books).toEqual([MANUAL_BOOK]);
    expect(result.pnl[0]).toEqual([0, 0, 0, 0]);
  });

  it('the books add up to the account’s own daily P&L for any history (fast-check)', () => {
    const trade = fc.record({
      day: fc.integer({ min: 0, max: 3 }),
      symbol: fc.constantFrom('AAA', 'BBB'),
      side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
      quantity: fc.integer({ min: 1, max: 50 }),
      priceCents: fc.integer({ min: 1_000, max: 20_000 }),
      commissionCents: fc.integer({ min: 0, max: 300 }),
      strategyId: fc.option(fc.constantFrom('s1', 's2', 's3'), { nil: undefined }),
    });
    const closes = fc.array(fc.integer({ min: 1_000, max: 20_000 }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(trade, { maxLength: 30 }), closes, (raw, closeCents) => {
        const trades = raw
          .sort((x, y) => x.day - y.day)
          .map((t) => ({
            date: DATES[t.day]!,
            symbol: t.symbol,
            side: t.side,
            quantity: t.quantity,
            notionalCents: t.quantity * t.priceCents,
            commissionCents: t.commissionCents,
            ...(t.strategyId ? { strategyId: t.strategyId } : {}),
          }));
        const close = (symbol: string, date: string) =>
          closeCents[(symbol === 'AAA' ? 0 : 4) + DATES.indexOf(date)]! / 100;
        const { pnl } = attributeDailyPnl(trades, DATES, close);
        // The account alone: its shares (any sign) marked to the close, plus its cash of the day.
        const shares = new Map<string, number>();
        let valueBefore = 0;
        DATES.forEach((date, day) => {
          let cash = 0;
          for (const t of trades.filter((x) => x.date === date)) {
            const sign = t.side === 'buy' ? 1 : -1;
            shares.set(t.symbol, (shares.get(t.symbol) ?? 0) + sign * t.quantity);
            cash += -sign * t.notionalCents - t.commissionCents;
          }
          let value = 0;
          for (const [symbol, n] of shares) value += Math.round(n * close(symbol, date) * 100);
          const books = pnl.reduce((sum, book) => sum + book[day]!, 0);
          expect(books).toBe(value - valueBefore + cash);
          valueBefore = value;
        });
      }),
      { seed: 29, numRuns: 300 },
    );
  });
});

describe('drawdownContributions and memberRecord', () => {
  it('finds the worst fall of the summed P&L and splits it by member, the parts adding up to it', () => {
    const pnl = [
      [100, 50, -80, -40, 30],
      [20, 10, -10, -60, 90],
    ];
    // Cumulative: 120, 180, 90, −10, 110 → peak 180 (day 1), trough −10 (day 3): −190.
    expect(drawdownContributions(pnl)).toEqual({
      peak: 1,
      trough: 3,
      drawdownCents: -190,
      contributions: [-120, -70],
    });
    expect(drawdownContributions([[10, 20]])).toMatchObject({ drawdownCents: 0, contributions: [0] });
  });

  it('compares members of any size: Sharpe, own drawdown, correlation and beta to the benchmark', () => {
    const benchmark = [0.01, -0.02, 0.015, 0.005, -0.01];
    const twice = benchmark.map((r) => r * 200_00 * 100); // $200 per 1 %
    const record = memberRecord(twice, benchmark);
    expect(record.benchmarkCorrelation).toBeCloseTo(1, 12);
    expect(record.benchmarkBetaCentsPerPercent).toBeCloseTo(200_00, 6);
    expect(record.maxDrawdownCents).toBe(-400_00);
    expect(memberRecord([5, 5, 5], null)).toMatchObject({ sharpe: null, benchmarkCorrelation: null });
    expect(memberRecord([0, 0, 0, 0, 0], benchmark)).toMatchObject({
      benchmarkCorrelation: null,
      benchmarkBetaCentsPerPercent: null,
    });
  });
});
