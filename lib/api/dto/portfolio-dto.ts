import { toDollars, toPriceTick } from '../../core/money';
import type { LedgerEntry } from '../../core/portfolio/account';
import type { PortfolioValuation } from '../../core/portfolio/valuation';
import type { LedgerResponse, PortfolioResponse } from '../schemas/portfolio';
import type * as z from '../zod';

export function toPortfolioDto(valuation: PortfolioValuation, asOf: Date): z.infer<typeof PortfolioResponse> {
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
      ({ position, marketPrice, marketValueCents, unrealizedPnlCents, unrealizedPnlFraction }) => ({
        symbol: position.symbol,
        quantity: position.quantity,
        side: position.quantity < 0 ? ('short' as const) : ('long' as const),
        avg_entry_price: Math.round((position.costBasisCents / position.quantity) * 100) / 10_000,
        cost_basis: toDollars(position.costBasisCents),
        market_price: marketPrice === null ? null : toPriceTick(marketPrice),
        market_value: toDollars(marketValueCents),
        unrealized_pl: toDollars(unrealizedPnlCents),
        unrealized_plpc: unrealizedPnlFraction,
        realized_pl: toDollars(position.realizedPnlCents),
      }),
    ),
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
