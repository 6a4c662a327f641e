import { describe, expect, it } from 'vitest';
import {
  blackScholes,
  listedExpiries,
  occSymbol,
  parseOccSymbol,
  portfolioGreeks,
  simulateChain,
} from '../../../lib/core/options';

describe('OCC symbols', () => {
  it('formats and parses the OSI form', () => {
    const contract = { underlying: 'AAPL', expiry: '2026-01-16', type: 'call' as const, strike: 190 };
    expect(occSymbol(contract)).toBe('AAPL260116C00190000');
    expect(occSymbol({ ...contract, type: 'put', strike: 12.5 })).toBe('AAPL260116P00012500');
    expect(parseOccSymbol('AAPL260116C00190000')).toEqual(contract);
    expect(parseOccSymbol('not an option')).toBeNull();
  });
});

describe('listed expiries', () => {
  it('weekly Fridays and third-Friday monthlies, a holiday Friday moved to Thursday', () => {
    expect(listedExpiries(new Date('2026-11-23T15:00:00Z'), 4, 2)).toEqual([
      '2026-11-27',
      '2026-12-04',
      '2026-12-11',
      '2026-12-18',
      '2027-01-15',
    ]);
    // Good Friday 2027 is 26 March: that week's options expire on Thursday.
    expect(listedExpiries(new Date('2027-03-22T15:00:00Z'), 1, 0)).toEqual(['2027-03-25']);
  });
});

describe('simulated option chain', () => {
  const parameters = {
    underlying: 'SPY',
    spot: 560,
    asOf: new Date('2026-11-23T15:00:00Z'),
    atmVolatility: 0.16,
    rate: 0.04,
    strikeStep: 5,
    strikesEachSide: 10,
    expiries: ['2026-11-27', '2026-12-18'],
  };
  const chain = simulateChain(parameters);

  it('lists strikes around spot for each expiry, with sane quotes', () => {
    expect(chain.expiries.map((e) => e.expiry)).toEqual(['2026-11-27', '2026-12-18']);
    const [near] = chain.expiries;
    expect(near!.calls.map((c) => c.contract.strike)).toEqual(
      Array.from({ length: 21 }, (_, i) => 510 + 5 * i),
    );
    for (const quote of [...near!.calls, ...near!.puts]) {
      expect(quote.bid).toBeLessThanOrEqual(quote.mid);
      expect(quote.mid).toBeLessThanOrEqual(quote.ask);
      expect(quote.ask - quote.bid).toBeGreaterThanOrEqual(0.01);
      expect(parseOccSymbol(quote.symbol)).toEqual(quote.contract);
    }
  });

  it('has a skew: out-of-the-money puts are priced at a higher volatility than at-the-money', () => {
    const puts = chain.expiries[1]!.puts;
    const atm = puts.find((p) => p.contract.strike === 560)!;
    const otm = puts.find((p) => p.contract.strike === 510)!;
    expect(otm.impliedVolatility).toBeGreaterThan(atm.impliedVolatility);
  });

  it('is deterministic, and drops expiries already past', () => {
    expect(simulateChain(parameters)).toEqual(chain);
    expect(
      simulateChain({ ...parameters, asOf: new Date('2026-11-30T15:00:00Z') }).expiries.map((e) => e.expiry),
    ).toEqual(['2026-12-18']);
  });

  it('portfolio greeks: a long ATM straddle is near delta-neutral, long gamma and vega, short theta', () => {
    const expiry = chain.expiries[1]!;
    const call = expiry.calls.find((c) => c.contract.strike === 560)!;
    const put = expiry.puts.find((p) => p.contract.strike === 560)!;
    const greeks = portfolioGreeks([
      { quantity: 1, valuation: call },
      { quantity: 1, valuation: put },
    ]);
    expect(Math.abs(greeks.delta)).toBeLessThan(20); // of 100 shares per leg
    expect(greeks.gamma).toBeGreaterThan(0);
    expect(greeks.vega).toBeGreaterThan(0);
    expect(greeks.theta).toBeLessThan(0);
    expect(greeks.price).toBeCloseTo(100 * (call.price + put.price), 8);
    expect(call.price).toBeCloseTo(
      blackScholes({
        type: 'call',
        spot: 560,
        strike: 560,
        rate: 0.04,
        volatility: call.impliedVolatility,
        timeToExpiry: call.timeToExpiry,
      }).price,
      10,
    );
  });
});
