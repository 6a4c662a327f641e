import { toDollars, toPriceTick } from '../../core/money';
import type { LedgerEntry } from '../../core/portfolio/account';
import { contractMultiplier, parseOccSymbol } from '../../core/options/occ-symbol';
import { addGreeks, NO_GREEKS, type PositionGreeks, deltaHedge } from '../../core/options/position-greeks';
import type { PortfolioView } from '../../app/use-cases/get-portfolio';
import type { LedgerResponse, PortfolioResponse } from '../schemas/portfolio';
import type * as z from '../zod';

export function toPortfolioDto(valuation: PortfolioView, asOf: Date): z.infer<typeof PortfolioResponse> {
  return {
    account_id: valuation.account.accountId,
    mode: valuation.account.mode,
    currency: valuation.account.currency,
    cash: toDollars(valuation.cashCents),
    buying_power: toDollars(valuation.buyingPowerCents),
    equity: toDollars(valuation.equityCents),
    long_market_value: toDollars(valuation.longMarketValueCents),
    short_market_value: toDollars(valuation.shortMarketValueCents),
    unrealized_pl: toDollars(valuation.unrealizedPnlCents),
    realized_pl: toDollars(valuation.realizedPnlCents),
    positions: valuation.positions.map(
      ({ position, marketPrice, marketValueCents, unrealizedPnlCents, unrealizedPnlFraction }) => {
        const contract = parseOccSymbol(position.symbol);
        const multiplier = contractMultiplier(position.symbol);
        const greeks = valuation.greeks.get(position.symbol);
        return {
          symbol: position.symbol,
          asset_class: contract ? ('us_option' as const) : ('us_equity' as const),
          contract: contract
            ? {
                underlying: contract.underlying,
                expiration: contract.expiry,
                type: contract.type,
                strike: contract.strike,
                multiplier,
              }
            : null,
          quantity: position.quantity,
          side: position.quantity < 0 ? ('short' as const) : ('long' as const),
          avg_entry_price:
            Math.round((position.costBasisCents / position.quantity / multiplier) * 100) / 10_000,
          cost_basis: toDollars(position.costBasisCents),
          market_price: marketPrice === null ? null : toPriceTick(marketPrice),
          market_value: toDollars(marketValueCents),
          unrealized_pl: toDollars(unrealizedPnlCents),
          unrealized_plpc: unrealizedPnlFraction,
          realized_pl: toDollars(position.realizedPnlCents),
          greeks: greeks ? greeksDto(greeks) : null,
        };
      },
    ),
    greeks: bookGreeksDto(valuation),
    option_strategies: optionStrategiesDto(valuation),
    unpriced_symbols: valuation.unpricedSymbols,
    as_of: asOf.toISOString(),
  };
}

export function toLedgerDto(entries: readonly LedgerEntry[], limit: number): z.infer<typeof LedgerResponse> {
  const last = entries.at(-1);
  return {
    entries: entries.map((entry) => ({
      sequence: entry.sequence,
      kind: entry.kind,
      amount: toDollars(entry.amountCents),
      balance_after: toDollars(entry.balanceAfterCents),
      at: entry.at,
      ...(entry.reference ? { reference: entry.reference } : {}),
      ...(entry.note ? { note: entry.note } : {}),
    })),
    next_after: entries.length === limit && last ? last.sequence : null,
  };
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals + 0;

function greeksDto(greeks: PositionGreeks) {
  return {
    delta_shares: round(greeks.deltaShares, 4),
    delta_dollars: round(greeks.deltaDollars, 2),
    gamma_shares: round(greeks.gammaShares, 4),
    vega_per_point: round(greeks.vegaPerPoint, 2),
    theta_per_day: round(greeks.thetaPerDay, 2),
  };
}

/** The book's greeks per underlying (shares and options on it together), and the dollar totals. */
function bookGreeksDto(valuation: PortfolioView) {
  const byUnderlying = new Map<string, PositionGreeks>();
  for (const [symbol, greeks] of valuation.greeks) {
    const underlying = parseOccSymbol(symbol)?.underlying ?? symbol;
    byUnderlying.set(underlying, addGreeks(byUnderlying.get(underlying) ?? NO_GREEKS, greeks));
  }
  const total = [...byUnderlying.values()].reduce(addGreeks, NO_GREEKS);
  return {
    by_underlying: [...byUnderlying]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([underlying, greeks]) => ({
        underlying,
        ...greeksDto(greeks),
        delta_hedge: deltaHedge(greeks.deltaShares),
      })),
    delta_dollars: round(total.deltaDollars, 2),
    vega_per_point: round(total.vegaPerPoint, 2),
    theta_per_day: round(total.thetaPerDay, 2),
  };
}

/** Each strategy's option legs grouped by underlying and expiration: its spreads, valued at the legs' marks. */
function optionStrategiesDto(valuation: PortfolioView) {
  const marks = new Map(valuation.positions.map((entry) => [entry.position.symbol, entry.marketPrice]));
  const groups: {
    strategy_id: string;
    underlying: string;
    expiration: string;
    legs: { symbol: string; quantity: number }[];
    costCents: number;
    valueCents: number;
  }[] = [];
  for (const [strategyId, book] of Object.entries(valuation.account.strategyPositions ?? {})) {
    for (const [symbol, held] of Object.entries(book).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const contract = parseOccSymbol(symbol);
      if (!contract || held.quantity === 0) continue;
      let group = groups.find(
        (entry) =>
          entry.strategy_id === strategyId &&
          entry.underlying === contract.underlying &&
          entry.expiration === contract.expiry,
      );
      if (!group) {
        group = {
          strategy_id: strategyId,
          underlying: contract.underlying,
          expiration: contract.expiry,
          legs: [],
          costCents: 0,
          valueCents: 0,
        };
        groups.push(group);
      }
      group.legs.push({ symbol, quantity: held.quantity });
      group.costCents += held.costBasisCents;
      const mark = marks.get(symbol);
      group.valueCents +=
        mark === null || mark === undefined
          ? held.costBasisCents
          : Math.round(mark * held.quantity * 100 * 100);
    }
  }
  return groups.map(({ costCents, valueCents, ...group }) => ({
    ...group,
    cost_basis: toDollars(costCents),
    market_value: toDollars(valueCents),
    unrealized_pl: toDollars(valueCents - costCents),
  }));
}
