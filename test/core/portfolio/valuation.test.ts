import { describe, expect, it } from 'vitest';
import { type Account, buyingPowerCents, openPaperAccount } from '../../../lib/core/portfolio/account';
import { valuePortfolio } from '../../../lib/core/portfolio/valuation';

const NOW = new Date('2026-03-02T15:00:00Z');

function accountWith(positions: Account['positions'], cashCents = 5_000_000): Account {
  const { account } = openPaperAccount('acct-1', cashCents, NOW);
  return { ...account, positions };
}

function position(symbol: string, quantity: number, costBasisCents: number) {
  return {
    symbol,
    quantity,
    costBasisCents,
    realizedPnlCents: 0,
    openedAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

describe('openPaperAccount', () => {
  it('opens with the starting cash and one deposit entry that matches it', () => {
    const { account, entries } = openPaperAccount('acct-1', 10_000_000, NOW);
    expect(account).toMatchObject({
      cashCents: 10_000_000,
      reservedCents: 0,
      version: 1,
      mode: 'paper',
      positions: {},
    });
    expect(entries).toEqual([
      expect.objectContaining({
        sequence: 1,
        kind: 'deposit',
        amountCents: 10_000_000,
        balanceAfterCents: 10_000_000,
      }),
    ]);
  });

  it.each([-1, 0.5, Number.NaN])('refuses a starting cash of %s cents', (cents) => {
    expect(() => openPaperAccount('acct-1', cents, NOW)).toThrow(RangeError);
  });

  it('gives buying power as cash less reservations', () => {
    const { account } = openPaperAccount('acct-1', 10_000_000, NOW);
    expect(buyingPowerCents({ ...account, reservedCents: 250_000 })).toBe(9_750_000);
  });
});

describe('valuePortfolio', () => {
  it('marks long and short positions to the given prices', () => {
    const account = accountWith({
      AAPL: position('AAPL', 100, 1_500_000),
      TSLA: position('TSLA', -10, -250_000),
    });
    const valuation = valuePortfolio(
      account,
      new Map([
        ['AAPL', 160],
        ['TSLA', 240],
      ]),
    );
    expect(valuation.longMarketValueCents).toBe(1_600_000);
    expect(valuation.shortMarketValueCents).toBe(-240_000);
    expect(valuation.equityCents).toBe(5_000_000 + 1_600_000 - 240_000);
    expect(valuation.unrealizedPnlCents).toBe(100_000 + 10_000);
    const aapl = valuation.positions.find((p) => p.position.symbol === 'AAPL');
    expect(aapl?.unrealizedPnlFraction).toBeCloseTo(100_000 / 1_500_000, 12);
  });

  it('carries an unpriced position at cost and says so', () => {
    const valuation = valuePortfolio(accountWith({ XYZ: position('XYZ', 50, 100_000) }), new Map());
    expect(valuation.unpricedSymbols).toEqual(['XYZ']);
    expect(valuation.positions[0]).toMatchObject({
      marketPrice: null,
      marketValueCents: 100_000,
      unrealizedPnlCents: 0,
    });
    expect(valuation.equityCents).toBe(5_100_000);
  });

  it('leaves out closed positions and lists the rest by symbol', () => {
    const account = accountWith({
      MSFT: position('MSFT', 5, 200_000),
      AAPL: position('AAPL', 0, 0),
      AMZN: position('AMZN', 1, 18_000),
    });
    const valuation = valuePortfolio(
      account,
      new Map([
        ['MSFT', 400],
        ['AMZN', 180],
      ]),
    );
    expect(valuation.positions.map((p) => p.position.symbol)).toEqual(['AMZN', 'MSFT']);
  });
});
