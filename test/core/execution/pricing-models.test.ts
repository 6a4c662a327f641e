import { describe, expect, it } from 'vitest';
import { commissionCents, parseCommissionModel } from '../../../lib/core/execution/commission';
import { averagePrice, walkBook } from '../../../lib/core/execution/fill-model';
import { protectionPrice, slippageBps } from '../../../lib/core/execution/slippage-band';

const quote = { symbol: 'AAPL', bid: 189.99, ask: 190.01, last: 190, at: new Date(0) };

describe('protectionPrice', () => {
  it.each([
    ['buy', 190, 50, undefined, 190.95],
    ['sell', 190, 50, undefined, 189.05],
    ['buy', 190, 50, 150, 150],
    ['buy', 190, 50, 200, 190.95],
    ['sell', 190, 50, 195, 195],
    ['buy', 10.005, 10, undefined, 10.01],
  ] as const)(
    '%s at %s with %s bps and limit %s is bounded at %s',
    (side, reference, bps, limit, expected) => {
      expect(
        protectionPrice({
          side,
          referencePrice: reference,
          maxSlippageBps: bps,
          tickSize: 0.01,
          ...(limit ? { limitPrice: limit } : {}),
        }),
      ).toBe(expected);
    },
  );

  it('measures slippage as positive when worse for the trader', () => {
    expect(slippageBps('buy', 100, 100.1)).toBeCloseTo(10, 9);
    expect(slippageBps('sell', 100, 100.1)).toBeCloseTo(-10, 9);
  });
});

describe('walkBook', () => {
  const book = { sharesPerLevel: 100, levels: 50 };

  it('fills a small buy at the ask', () => {
    expect(walkBook({ side: 'buy', quantity: 60, limitPrice: 191, quote, tickSize: 0.01, book })).toEqual([
      { quantity: 60, price: 190.01 },
    ]);
  });

  it('walks up the book for size: market impact', () => {
    const executions = walkBook({ side: 'buy', quantity: 250, limitPrice: 191, quote, tickSize: 0.01, book });
    expect(executions).toEqual([
      { quantity: 100, price: 190.01 },
      { quantity: 100, price: 190.02 },
      { quantity: 50, price: 190.03 },
    ]);
    expect(averagePrice(executions)).toBeCloseTo(190.018, 9);
  });

  it('stops at the limit: a partial fill, never past the band', () => {
    const executions = walkBook({
      side: 'sell',
      quantity: 1_000,
      limitPrice: 189.97,
      quote,
      tickSize: 0.01,
      book,
    });
    expect(executions.map((execution) => execution.price)).toEqual([189.99, 189.98, 189.97]);
    expect(executions.reduce((sum, execution) => sum + execution.quantity, 0)).toBe(300);
  });

  it('does not fill a limit away from the touch', () => {
    expect(walkBook({ side: 'buy', quantity: 10, limitPrice: 150, quote, tickSize: 0.01, book })).toEqual([]);
  });
});

describe('commission models', () => {
  it.each([
    ['none', 100, 190, 0],
    ['per_share:0.005:min=1', 100, 190, 100],
    ['per_share:0.005:min=1', 1_000, 190, 500],
    ['per_share:0.005:min=1:max=0.01', 10, 1, 10],
    ['percent:5:min=1', 100, 190, 950],
    ['percent:5:min=1', 1, 10, 100],
  ])('%s charges %s shares at $%s: %s cents', (text, quantity, price, cents) => {
    expect(commissionCents(parseCommissionModel(text), quantity, price)).toBe(cents);
  });

  it.each(['bogus', 'per_share', 'per_share:-1', 'percent:x'])('refuses "%s"', (text) => {
    expect(() => parseCommissionModel(text)).toThrow(RangeError);
  });
});
