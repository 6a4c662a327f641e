import { type Cents, notionalCents } from '../money';
import { contractMultiplier } from '../options/occ-symbol';
import { type Account, buyingPowerCents, type Position } from './account';

/** A position marked to a price. Money in cents; `marketPrice` in dollars per share (an option's: per share, × 100 a contract). */
export interface PositionValuation {
  position: Position;
  marketPrice: number | null;
  marketValueCents: Cents;
  unrealizedPnlCents: Cents;
  /** Unrealized P&L as a fraction of the cost basis (0.05 = +5%); 0 when there is no cost. */
  unrealizedPnlFraction: number;
}

export interface PortfolioValuation {
  account: Account;
  positions: PositionValuation[];
  cashCents: Cents;
  buyingPowerCents: Cents;
  longMarketValueCents: Cents;
  shortMarketValueCents: Cents;
  equityCents: Cents;
  unrealizedPnlCents: Cents;
  realizedPnlCents: Cents;
  /** Symbols held but without a price; they are carried at cost so equity stays honest. */
  unpricedSymbols: string[];
}

/**
 * Marks every position to `prices` (dollars per share, keyed by symbol). A position with
 * no price is carried at its cost basis and listed in `unpricedSymbols`.
 */
export function valuePortfolio(account: Account, prices: ReadonlyMap<string, number>): PortfolioValuation {
  const unpricedSymbols: string[] = [];
  let longMarketValueCents = 0;
  let shortMarketValueCents = 0;
  let unrealizedPnlCents = 0;
  const positions = Object.values(account.positions)
    .filter((position) => position.quantity !== 0)
    .sort((a, b) => a.symbol.localeCompare(b.symbol))
    .map((position): PositionValuation => {
      const price = prices.get(position.symbol);
      const marketPrice = price !== undefined && Number.isFinite(price) ? price : null;
      if (marketPrice === null) unpricedSymbols.push(position.symbol);
      const marketValueCents =
        marketPrice === null
          ? position.costBasisCents
          : notionalCents(marketPrice, position.quantity * contractMultiplier(position.symbol));
      const unrealized = marketValueCents - position.costBasisCents;
      if (marketValueCents >= 0) longMarketValueCents += marketValueCents;
      else shortMarketValueCents += marketValueCents;
      unrealizedPnlCents += unrealized;
      return {
        position,
        marketPrice,
        marketValueCents,
        unrealizedPnlCents: unrealized,
        unrealizedPnlFraction:
          position.costBasisCents === 0 ? 0 : unrealized / Math.abs(position.costBasisCents),
      };
    });
  return {
    account,
    positions,
    cashCents: account.cashCents,
    buyingPowerCents: buyingPowerCents(account),
    longMarketValueCents,
    shortMarketValueCents,
    equityCents: account.cashCents + longMarketValueCents + shortMarketValueCents,
    unrealizedPnlCents,
    realizedPnlCents: account.realizedPnlCents,
    unpricedSymbols,
  };
}
