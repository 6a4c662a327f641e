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

/** The book without its permanent part: every taken share comes back (the layout tests below). */
const TRANSIENT = { ...DEFAULT_IMPACT, permanentFraction: 0 };

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
    const { executions, taken } = walkImpactBook(buy(1_000), market, UNTOUCHED, TRANSIENT);
    expect(executions).toEqual([
      { quantity: 250, price: 100.01 },
      { quantity: 750, price: 100.02 },
    ]);
    expect(taken).toEqual({ at: 0, ask: 1_000, bid: 0, permanent: 0 });
  });

  it('starts where earlier orders left their side; the other side is untouched', () => {
    const first = walkImpactBook(buy(1_000), market, UNTOUCHED, TRANSIENT);
    const second = walkImpactBook(buy(100), market, first.taken, TRANSIENT);
    expect(second.executions).toEqual([{ quantity: 100, price: 100.03 }]);
    const sell = walkImpactBook(
      { side: 'sell', quantity: 100, limitPrice: 0.01 },
      market,
      second.taken,
      TRANSIENT,
    );
    expect(sell.executions).toEqual([{ quantity: 100, price: 99.99 }]);
    expect(sell.taken).toEqual({ at: 0, ask: 1_100, bid: 100, permanent: 0 });
  });

  it('gives taken depth back by half at every half-life', () => {
    const taken: BookDepthTaken = { at: 1_000_000, ask: 8_000, bid: 2_000, permanent: 0 };
    const halfLife = TRANSIENT.halfLifeSeconds * 1_000;
    expect(recovered(taken, 1_000_000 + halfLife, TRANSIENT)).toEqual({
      at: 1_000_000 + halfLife,
      ask: 4_000,
      bid: 1_000,
      permanent: 0,
    });
    const threeLater = recovered(taken, 1_000_000 + 3 * halfLife, TRANSIENT);
    expect(threeLater.ask).toBeCloseTo(1_000, 9);
    expect(threeLater.bid).toBeCloseTo(250, 9);
    // An order after the recovery pays less than one right after the first.
    const at = (state: BookDepthTaken) =>
      notionalOf(walkImpactBook(buy(2_000), market, state, TRANSIENT).executions);
    expect(at(threeLater)).toBeLessThan(at(taken));
    expect(at(recovered(taken, 1_000_000 + 100 * halfLife, TRANSIENT))).toBe(at(UNTOUCHED));
  });

  it('stops at the limit, and the depth past it stays for the next order', () => {
    const { executions, taken } = walkImpactBook(buy(5_000, 100.02), market, UNTOUCHED, TRANSIENT);
    expect(executions.map((execution) => execution.price)).toEqual([100.01, 100.02]);
    expect(taken.ask).toBe(1_000);
  });

  it('costs the same whether an order goes whole or in pieces sent one after another at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 50_000 }),
        (pieces, alreadyTaken) => {
          const start: BookDepthTaken = { at: 0, ask: alreadyTaken, bid: 0, permanent: alreadyTaken / 3 };
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
          expect(state.ask).toBeCloseTo(whole.taken.ask, 6);
          expect(state.permanent).toBeCloseTo(whole.taken.permanent, 6);
        },
      ),
      { seed: 24 },
    );
  });

  it('makes the average impact grow as the square root of participation (Y·σ·√(Q/V) · 2/3)', () => {
    for (const liquidity of [LIQUIDITY, { averageDailyVolume: 50_000_000, dailyVolatility: 0.012 }]) {
      for (const participation of [0.0005, 0.001, 0.005, 0.01, 0.05]) {
        const quantity = Math.round(participation * liquidity.averageDailyVolume);
        const { executions } = walkImpactBook(buy(quantity), { ...market, liquidity }, UNTOUCHED, TRANSIENT);
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

describe('the permanent part and the volume of the minute', () => {
  const HALF_HOUR = 30 * 60_000;
  // Wednesday 2026-11-18: 09:30 New York is 14:30 UTC; 12:45 is mid-session.
  const OPEN = Date.parse('2026-11-18T14:30:00Z');
  const MIDDAY = Date.parse('2026-11-18T17:45:00Z');
  const firstPrice = (side: 'buy' | 'sell', taken: BookDepthTaken) =>
    walkImpactBook(
      { side, quantity: 1, limitPrice: side === 'buy' ? 1_000 : 0.01 },
      market,
      taken,
      DEFAULT_IMPACT,
    ).executions[0]!.price;

  it('keeps the permanent fraction of the peak impact after the rest has come back, on both sides', () => {
    const quantity = 100_000;
    const bought = walkImpactBook(buy(quantity), market, { ...UNTOUCHED, at: OPEN }, DEFAULT_IMPACT);
    // The last share's offset (the peak): 100.01 × 0.02 × √(100,000 / 10 M) = $0.20.
    const peak = 100.01 * 0.02 * Math.sqrt(quantity / LIQUIDITY.averageDailyVolume);
    expect(bought.executions.at(-1)!.price).toBeCloseTo(100.01 + Math.floor(peak * 100) / 100, 9);
    const later = recovered(bought.taken, OPEN + HALF_HOUR, DEFAULT_IMPACT);
    expect(later.ask).toBeLessThan(1); // thirty half-lives: the transient part is gone
    // ⅔ of $0.20 stays: the ask is 13 cents up, the bid 13 cents up too (a seller meets a lifted book).
    expect(firstPrice('buy', later)).toBeCloseTo(100.01 + 0.13, 9);
    expect(firstPrice('sell', later)).toBeCloseTo(99.99 + 0.13, 9);
  });

  it('is gone in the next session; the transient part recovers as before', () => {
    const bought = walkImpactBook(buy(100_000), market, { ...UNTOUCHED, at: OPEN }, DEFAULT_IMPACT);
    const nextMorning = recovered(bought.taken, OPEN + 24 * 3_600_000, DEFAULT_IMPACT);
    expect(nextMorning.permanent).toBe(0);
    expect(firstPrice('buy', nextMorning)).toBe(100.01);
  });

  it('makes the book thicker at the open than at midday (the U shape of volume)', () => {
    const cost = (at: number) =>
      notionalOf(walkImpactBook(buy(50_000), { ...market, at }, UNTOUCHED, TRANSIENT).executions) -
      50_000 * 10_001;
    const atOpen = cost(OPEN);
    const atMidday = cost(MIDDAY);
    // Volume runs at 1.8× the average in the first minute, about 0.6× at midday: impact ∝ 1/√rate.
    expect(atMidday / atOpen).toBeGreaterThan(Math.sqrt(1.79 / 0.61) * 0.95);
    expect(atMidday / atOpen).toBeLessThan(Math.sqrt(1.8 / 0.6) * 1.05);
    expect(cost(Date.parse('2026-11-18T03:00:00Z'))).toBe(
      notionalOf(walkImpactBook(buy(50_000), market, UNTOUCHED, TRANSIENT).executions) - 50_000 * 10_001,
    );
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
