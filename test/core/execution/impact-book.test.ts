import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillAgainstBook } from '../../../lib/core/execution/fill-model';
import {
  type BookDepthTaken,
  DEFAULT_IMPACT,
  type Liquidity,
  recovered,
  UNTOUCHED,
  walkImpactBook,
} from '../../../lib/core/execution/impact-book';

/** A $100 stock, 10 M shares a day, 2 % daily volatility, quoted 99.99 × 100.01. */
const LIQUIDITY: Liquidity = { averageDailyVolume: 10_000_000, dailyVolatility: 0.02 };
const QUOTE = { bid: 99.99, ask: 100.01 };
const market = { quote: QUOTE, tickSize: 0.01, liquidity: LIQUIDITY };
const buy = (quantity: number, limitPrice = 1_000) => ({ side: 'buy' as const, quantity, limitPrice });
const notionalOf = (executions: { quantity: number; price: number }[]) =>
  executions.reduce((sum, execution) => sum + Math.round(execution.price * execution.quantity * 100), 0);

describe('the impact book', () => {
  it('lays depth out so each tick holds what the square-root law gives it', () => {
    // Offset at depth x: 100.01 × 1 × 0.02 × √(x / 10 M); the first tick (a cent) ends at
    // x = 10 M × (0.01 / 2.0002)² ≈ 249.95 shares, the second at 4 × that ≈ 999.8.
    const { executions, taken } = walkImpactBook(buy(1_000), market, UNTOUCHED, DEFAULT_IMPACT);
    expect(executions).toEqual([
      { quantity: 250, price: 100.01 },
      { quantity: 750, price: 100.02 },
    ]);
    expect(taken).toEqual({ at: 0, ask: 1_000, bid: 0 });
  });

  it('starts where earlier orders left their side; the other side is untouched', () => {
    const first = walkImpactBook(buy(1_000), market, UNTOUCHED, DEFAULT_IMPACT);
    const second = walkImpactBook(buy(100), market, first.taken, DEFAULT_IMPACT);
    expect(second.executions).toEqual([{ quantity: 100, price: 100.03 }]);
    const sell = walkImpactBook(
      { side: 'sell', quantity: 100, limitPrice: 0.01 },
      market,
      second.taken,
      DEFAULT_IMPACT,
    );
    expect(sell.executions).toEqual([{ quantity: 100, price: 99.99 }]);
    expect(sell.taken).toEqual({ at: 0, ask: 1_100, bid: 100 });
  });

  it('gives taken depth back by half at every half-life', () => {
    const taken: BookDepthTaken = { at: 1_000_000, ask: 8_000, bid: 2_000 };
    const halfLife = DEFAULT_IMPACT.halfLifeSeconds * 1_000;
    expect(recovered(taken, 1_000_000 + halfLife, DEFAULT_IMPACT)).toEqual({
      at: 1_000_000 + halfLife,
      ask: 4_000,
      bid: 1_000,
    });
    const threeLater = recovered(taken, 1_000_000 + 3 * halfLife, DEFAULT_IMPACT);
    expect(threeLater.ask).toBeCloseTo(1_000, 9);
    expect(threeLater.bid).toBeCloseTo(250, 9);
    // An order after the recovery pays less than one right after the first.
    const at = (state: BookDepthTaken) =>
      notionalOf(walkImpactBook(buy(2_000), market, state, DEFAULT_IMPACT).executions);
    expect(at(threeLater)).toBeLessThan(at(taken));
    expect(at(recovered(taken, 1_000_000 + 100 * halfLife, DEFAULT_IMPACT))).toBe(at(UNTOUCHED));
  });

  it('stops at the limit, and the depth past it stays for the next order', () => {
    const { executions, taken } = walkImpactBook(buy(5_000, 100.02), market, UNTOUCHED, DEFAULT_IMPACT);
    expect(executions.map((execution) => execution.price)).toEqual([100.01, 100.02]);
    expect(taken.ask).toBe(1_000);
  });

  it('costs the same whether an order goes whole or in pieces sent one after another at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 50_000 }),
        (pieces, alreadyTaken) => {
          const start: BookDepthTaken = { at: 0, ask: alreadyTaken, bid: 0 };
          const whole = walkImpactBook(
            buy(pieces.reduce((sum, piece) => sum + piece, 0)),
            market,
            start,
            DEFAULT_IMPACT,
          );
          let state = start;
          let notional = 0;
          for (const piece of pieces) {
            const part = walkImpactBook(buy(piece), market, state, DEFAULT_IMPACT);
            notional += notionalOf(part.executions);
            state = part.taken;
          }
          expect(notional).toBe(notionalOf(whole.executions));
          expect(state).toEqual(whole.taken);
        },
      ),
      { seed: 24 },
    );
  });

  it('makes the average impact grow as the square root of participation (Y·σ·√(Q/V) · 2/3)', () => {
    for (const liquidity of [LIQUIDITY, { averageDailyVolume: 50_000_000, dailyVolatility: 0.012 }]) {
      for (const participation of [0.0005, 0.001, 0.005, 0.01, 0.05]) {
        const quantity = Math.round(participation * liquidity.averageDailyVolume);
        const { executions } = walkImpactBook(
          buy(quantity),
          { ...market, liquidity },
          UNTOUCHED,
          DEFAULT_IMPACT,
        );
        const average = notionalOf(executions) / 100 / quantity;
        const impact = (average - QUOTE.ask) / QUOTE.ask;
        const law =
          (2 / 3) * DEFAULT_IMPACT.coefficient * liquidity.dailyVolatility * Math.sqrt(participation);
        // Within half a tick per share of the continuous law (prices are on the cent).
        expect(Math.abs(impact - law)).toBeLessThan(0.005 / QUOTE.ask + law * 0.02);
      }
    }
  });
});

describe('one pass against the book, commission on the order', () => {
  const settings = {
    book: { sharesPerLevel: 500, levels: 100 },
    impact: DEFAULT_IMPACT,
    commission: { kind: 'per_share' as const, perShare: 0.005, minimum: 1 },
  };

  it('charges the $1 minimum once per order, not once per pass', () => {
    const first = fillAgainstBook(buy(100, 100.01), { ...market, taken: UNTOUCHED }, settings)!;
    expect(first).toMatchObject({ quantity: 100, commissionCents: 100 });
    const second = fillAgainstBook(buy(100, 100.01), { ...market, taken: first.taken }, settings, first)!;
    // 200 shares × $0.005 = $1.00 for the whole order: the first pass already paid it.
    expect(second).toMatchObject({ quantity: 100, commissionCents: 0 });
    const third = fillAgainstBook(buy(100, 100.02), { ...market, taken: second.taken }, settings, {
      quantity: 200,
      notionalCents: first.notionalCents + second.notionalCents,
      commissionCents: 100,
    })!;
    expect(third.commissionCents).toBe(50); // 300 × $0.005 = $1.50, less the $1.00 paid
  });
});
