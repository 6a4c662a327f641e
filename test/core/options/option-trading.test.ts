import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maximumLoss, type ExpiringLeg } from '../../../lib/core/options/max-loss';
import {
  DEFAULT_OPTION_FILL,
  type DisplayedOptionQuote,
  fillSpread,
  optionFillPrice,
} from '../../../lib/core/options/option-fill';
import {
  bookValue,
  type BookState,
  fullRevaluationVaR,
  type MarketScenario,
} from '../../../lib/core/options/options-var';
import { blackScholes, portfolioGreeks } from '../../../lib/core/options';

const QUARTER = { spreadFraction: 0.25 };
const PER_CONTRACT = { kind: 'per_contract' as const, perContract: 0.65, minimum: 0 };
const quote = (bid: number, ask: number, size = 50): DisplayedOptionQuote => ({
  bid,
  ask,
  bidSize: size,
  askSize: size,
});

describe('the option fill model', () => {
  it('fills a quarter of the spread from the mid against the trader, on the cent, never through the touch', () => {
    // 2.00 × 2.40: mid 2.20, a quarter of the spread is 0.10.
    expect(optionFillPrice('buy', quote(2, 2.4), QUARTER)).toBe(2.3);
    expect(optionFillPrice('sell', quote(2, 2.4), QUARTER)).toBe(2.1);
    // A one-cent market fills at the touch.
    expect(optionFillPrice('buy', quote(0.05, 0.06), QUARTER)).toBe(0.06);
    expect(optionFillPrice('sell', quote(0.05, 0.06), QUARTER)).toBe(0.05);
    // The default is the touch.
    expect(optionFillPrice('buy', quote(2, 2.4), DEFAULT_OPTION_FILL)).toBe(2.4);
    expect(optionFillPrice('sell', quote(2, 2.4), DEFAULT_OPTION_FILL)).toBe(2);
  });
});

describe('multi-leg fills: all legs or none', () => {
  // A call vertical: buy the 100 call, sell the 105 call.
  const legs = [
    { symbol: 'C100', side: 'buy' as const, ratio: 1 },
    { symbol: 'C105', side: 'sell' as const, ratio: 1 },
  ];
  const quotes = new Map([
    ['C100', quote(4, 4.2, 30)],
    ['C105', quote(1.5, 1.6, 12)],
  ]);

  it('fills every leg at its own price within the net debit limit, and charges each contract', () => {
    const fill = fillSpread({ legs, quantity: 10, limit: 3 }, quotes, QUARTER, PER_CONTRACT)!;
    // 4.15 paid, 1.52 received (1.525 rounded down to the cent: against the seller).
    expect(fill.legs).toEqual([
      { symbol: 'C100', side: 'buy', quantity: 10, price: 4.15 },
      { symbol: 'C105', side: 'sell', quantity: 10, price: 1.52 },
    ]);
    expect(fill.netPrice).toBe(2.63);
    expect(fill.commissionCents).toBe(1_300); // 20 contracts × $0.65
  });

  it('fills nothing when the net debit is above the limit, or a leg has no quote', () => {
    expect(fillSpread({ legs, quantity: 10, limit: 2.6 }, quotes, QUARTER, PER_CONTRACT)).toBeNull();
    expect(
      fillSpread(
        { legs, quantity: 10, limit: null },
        new Map([['C100', quote(4, 4.2)]]),
        QUARTER,
        PER_CONTRACT,
      ),
    ).toBeNull();
  });

  it('fills no more units than every leg displays, the legs always in ratio', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (r1, r2, size1, size2, wanted) => {
          const ratioLegs = [
            { symbol: 'A', side: 'buy' as const, ratio: r1 },
            { symbol: 'B', side: 'sell' as const, ratio: r2 },
          ];
          const shown = new Map([
            ['A', quote(1, 1.1, size1)],
            ['B', quote(0.5, 0.6, size2)],
          ]);
          const fill = fillSpread(
            { legs: ratioLegs, quantity: wanted, limit: null },
            shown,
            QUARTER,
            PER_CONTRACT,
          );
          const possible = Math.min(wanted, Math.floor(size1 / r1), Math.floor(size2 / r2));
          if (possible === 0) expect(fill).toBeNull();
          else {
            expect(fill!.quantity).toBe(possible);
            expect(fill!.legs.map((leg) => leg.quantity)).toEqual([r1 * possible, r2 * possible]);
          }
        },
      ),
      { seed: 26 },
    );
  });
});

describe('the maximum loss a position can take to expiry (what buying power reserves)', () => {
  it('is the width less the credit for an iron condor, the premium for a long straddle, unbounded for a naked call', () => {
    const condor: ExpiringLeg[] = [
      { type: 'put', strike: 90, quantity: 1 },
      { type: 'put', strike: 95, quantity: -1 },
      { type: 'call', strike: 105, quantity: -1 },
      { type: 'call', strike: 110, quantity: 1 },
    ];
    expect(maximumLoss(condor, -1.5)).toBe(350);
    expect(
      maximumLoss(
        condor.map((leg) => ({ ...leg, quantity: leg.quantity * 3 })),
        -4.5,
      ),
    ).toBe(1_050);
    const straddle: ExpiringLeg[] = [
      { type: 'call', strike: 100, quantity: 1 },
      { type: 'put', strike: 100, quantity: 1 },
    ];
    expect(maximumLoss(straddle, 6)).toBe(600);
    expect(maximumLoss([{ type: 'call', strike: 100, quantity: -1 }], -2)).toBe(Number.POSITIVE_INFINITY);
    // A short put: the strike less the credit, per share.
    expect(maximumLoss([{ type: 'put', strike: 50, quantity: -1 }], -1.2)).toBe(4_880);
  });

  it('equals the worst payoff over a fine grid of prices for any position that is not short calls', () => {
    const leg = fc.record({
      type: fc.constantFrom('call' as const, 'put' as const),
      strike: fc.integer({ min: 80, max: 120 }),
      quantity: fc.integer({ min: -3, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(leg, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: -500, max: 500 }),
        (legs, cents) => {
          const premium = cents / 100;
          const netCalls = legs.reduce((sum, l) => sum + (l.type === 'call' ? l.quantity : 0), 0);
          fc.pre(netCalls >= 0);
          let worst = Number.POSITIVE_INFINITY;
          for (let price = 0; price <= 400; price += 0.5) {
            const payoff = legs.reduce(
              (sum, l) =>
                sum +
                l.quantity *
                  (l.type === 'call' ? Math.max(0, price - l.strike) : Math.max(0, l.strike - price)),
              0,
            );
            worst = Math.min(worst, payoff - premium);
          }
          expect(maximumLoss(legs, premium)).toBeCloseTo(Math.max(0, -worst * 100), 6);
        },
      ),
      { seed: 26 },
    );
  });
});

/** A short SPY straddle hedged with shares, and a long QQQ put. */
const BOOK: BookState = {
  spots: new Map([
    ['SPY', 600],
    ['QQQ', 500],
  ]),
  shares: new Map([['SPY', 20]]),
  options: [
    { underlying: 'SPY', type: 'call', strike: 600, timeToExpiry: 30 / 365, volatility: 0.16, quantity: -2 },
    { underlying: 'SPY', type: 'put', strike: 600, timeToExpiry: 30 / 365, volatility: 0.17, quantity: -2 },
    { underlying: 'QQQ', type: 'put', strike: 480, timeToExpiry: 45 / 365, volatility: 0.22, quantity: 3 },
  ],
  rate: 0.04,
};

describe('the book’s greeks against finite differences of its value', () => {
  it('delta, gamma and vega of the options in shares and dollars', () => {
    const spy = BOOK.options.filter((o) => o.underlying === 'SPY');
    const greeks = portfolioGreeks(
      spy.map((o) => ({
        quantity: o.quantity,
        valuation: blackScholes({ ...o, spot: 600, rate: 0.04 }),
      })),
    );
    const optionsOnly: BookState = { ...BOOK, shares: new Map(), options: spy };
    const at = (spotMove: number, volMove = 0) =>
      bookValue(optionsOnly, {
        returns: new Map([['SPY', spotMove / 600]]),
        volatilityChanges: new Map([['SPY', volMove]]),
      });
    const h = 0.01;
    expect(greeks.delta).toBeCloseTo((at(h) - at(-h)) / (2 * h), 3);
    expect(greeks.gamma).toBeCloseTo((at(h) - 2 * at(0) + at(-h)) / (h * h), 1);
    expect(greeks.vega / 100).toBeCloseTo((at(0, 0.0001) - at(0, -0.0001)) / 0.0002 / 100, 3);
  });
});

describe('options VaR by full revaluation', () => {
  // An independent pricer (Abramowitz–Stegun normal CDF) and percentile, to check the library against.
  const cdf = (x: number) => {
    const t = 1 / (1 + 0.2316419 * Math.abs(x));
    const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
    const tail =
      d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    return x >= 0 ? 1 - tail : tail;
  };
  const price = (type: 'call' | 'put', s: number, k: number, t: number, v: number, r: number) => {
    const d1 = (Math.log(s / k) + (r + (v * v) / 2) * t) / (v * Math.sqrt(t));
    const d2 = d1 - v * Math.sqrt(t);
    return type === 'call'
      ? s * cdf(d1) - k * Math.exp(-r * t) * cdf(d2)
      : k * Math.exp(-r * t) * cdf(-d2) - s * cdf(-d1);
  };
  const value = (spyMove: number, qqqMove: number, spyVol: number, qqqVol: number, days: number) => {
    const spy = 600 * (1 + spyMove);
    const qqq = 500 * (1 + qqqMove);
    let total = 20 * spy;
    total += -2 * 100 * price('call', spy, 600, 30 / 365 - days / 365, 0.16 + spyVol, 0.04);
    total += -2 * 100 * price('put', spy, 600, 30 / 365 - days / 365, 0.17 + spyVol, 0.04);
    total += 3 * 100 * price('put', qqq, 480, 45 / 365 - days / 365, 0.22 + qqqVol, 0.04);
    return total;
  };

  it('matches an independent revaluation of every scenario, and sees a crash the straddle cannot survive', () => {
    const scenarios: MarketScenario[] = [];
    const rows: [number, number, number, number][] = [];
    for (let i = 0; i < 250; i++) {
      const spyMove = 0.012 * Math.sin(i * 1.7) * (i % 17 === 0 ? 5 : 1);
      const qqqMove = 0.015 * Math.cos(i * 1.3);
      const spyVol = -2 * spyMove;
      const qqqVol = 0.01 * Math.sin(i);
      rows.push([spyMove, qqqMove, spyVol, qqqVol]);
      scenarios.push({
        returns: new Map([
          ['SPY', spyMove],
          ['QQQ', qqqMove],
        ]),
        volatilityChanges: new Map([
          ['SPY', spyVol],
          ['QQQ', qqqVol],
        ]),
      });
    }
    const now = value(0, 0, 0, 0, 0);
    const pnl = rows.map(([a, b, c, d]) => value(a, b, c, d, 1) - now).sort((x, y) => x - y);
    // np.percentile(pnl, 5), linear interpolation.
    const rank = (pnl.length - 1) * 0.05;
    const lower = Math.floor(rank);
    const expectedVar = -(pnl[lower]! + (pnl[lower + 1]! - pnl[lower]!) * (rank - lower));
    const result = fullRevaluationVaR(BOOK, scenarios, 0.95);
    expect(result.var).toBeCloseTo(expectedVar, 0);
    expect(result.worst).toBeCloseTo(-pnl[0]!, 0);
    expect(result.cvar).toBeGreaterThanOrEqual(result.var);
  });
});
