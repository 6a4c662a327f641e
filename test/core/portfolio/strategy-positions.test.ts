import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageEntryPrice,
  withinAccountPosition,
  withStrategyFill,
} from '../../../lib/core/portfolio/strategy-positions';
import { recordStrategyTrade } from '../../../lib/core/strategies/config';

const fill = (
  side: 'buy' | 'sell',
  quantity: number,
  notionalCents: number,
  at = '2026-11-18T15:00:00Z',
) => ({
  strategyId: 's1',
  symbol: 'AAPL',
  side,
  quantity,
  notionalCents,
  at,
});

describe("a strategy's own book", () => {
  it('adds buys at cost, takes sells out at the average, removes a flat position', () => {
    let book = withStrategyFill(undefined, fill('buy', 10, 100_000));
    book = withStrategyFill(book, fill('buy', 10, 120_000, '2026-11-18T15:05:00Z'));
    expect(book.s1!.AAPL).toEqual({
      quantity: 20,
      costBasisCents: 220_000,
      openedAt: '2026-11-18T15:00:00Z',
    });
    expect(averageEntryPrice(book.s1!.AAPL)).toBe(110);
    book = withStrategyFill(book, fill('sell', 5, 60_000));
    expect(book.s1!.AAPL).toMatchObject({ quantity: 15, costBasisCents: 165_000 });
    book = withStrategyFill(book, fill('sell', 15, 200_000));
    expect(book).toEqual({});
  });

  it('keeps quantity equal to the net of the fills and cost never negative (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 100_000 })),
          { maxLength: 40 },
        ),
        (fills) => {
          let book = withStrategyFill(undefined, fill('buy', 1, 1));
          let held = 1;
          for (const [buy, quantity, priceCents] of fills) {
            const sold = buy ? quantity : Math.min(held, quantity);
            book = withStrategyFill(book, fill(buy ? 'buy' : 'sell', sold, sold * priceCents));
            held += buy ? sold : -sold;
            expect(book.s1?.AAPL?.quantity ?? 0).toBe(held);
            expect(book.s1?.AAPL?.costBasisCents ?? 0).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});

describe('strategy performance', () => {
  it('counts interleaved fills of two orders as two trades, each judged on its sum', () => {
    let performance = recordStrategyTrade(undefined, { orderId: 'A', realizedPnlCents: -100 });
    performance = recordStrategyTrade(performance, { orderId: 'B', realizedPnlCents: 50 });
    performance = recordStrategyTrade(performance, { orderId: 'A', realizedPnlCents: 300 });
    performance = recordStrategyTrade(performance, { orderId: 'B', realizedPnlCents: 25 });
    expect(performance).toMatchObject({ trades: 2, wins: 2, realizedPnlCents: 275 });
    performance = recordStrategyTrade(performance, { orderId: 'A', realizedPnlCents: -1_000 });
    expect(performance).toMatchObject({ trades: 2, wins: 1, realizedPnlCents: -725 });
  });

  it('reads a record written before orders were remembered by id', () => {
    const old = { realizedPnlCents: 10, trades: 1, wins: 1, lastOrderId: 'A', lastOrderPnlCents: 10 };
    expect(recordStrategyTrade(old, { orderId: 'A', realizedPnlCents: -20 })).toMatchObject({
      trades: 1,
      wins: 0,
    });
  });

  it('gives up shares that left the account another way, strategy by strategy, at their average cost', () => {
    const opened = { quantity: 10, costBasisCents: 100_000, openedAt: '2026-11-18T15:00:00Z' };
    const positions = {
      a: { AAPL: opened, MSFT: opened },
      b: { AAPL: { ...opened, quantity: 5, costBasisCents: 50_000 } },
    };
    // The account sold all but 3 AAPL by hand (or a flatten): a gives up all 10 first, then b 2.
    expect(withinAccountPosition(positions, 'AAPL', 3)).toEqual({
      a: { MSFT: opened },
      b: { AAPL: { ...opened, quantity: 3, costBasisCents: 30_000 } },
    });
    expect(withinAccountPosition(positions, 'AAPL', 0)).toEqual({ a: { MSFT: opened } });
    // Nothing exceeds: the very same object.
    expect(withinAccountPosition(positions, 'AAPL', 15)).toBe(positions);
    expect(withinAccountPosition(positions, 'TSLA', 0)).toBe(positions);
  });
});
