import { type CommissionModel, commissionCents } from '../execution/commission';
import { roundToTick } from '../market/instrument';
import type { Side } from '../orders/order';

/** One option's quote as the venue shows it: per-share prices and the contracts displayed at each. */
export interface DisplayedOptionQuote {
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
}

/**
 * How options fill (the paper venue and the backtester alike): `spreadFraction` of the spread
 * away from the mid, against the trader. 0.5, the default, is the touch: what a marketable order
 * is sure of (price improvement is a venue's gift, not a model's assumption).
 */
export interface OptionFillModel {
  /** 0: at the mid; 0.5: at the touch. */
  spreadFraction: number;
}

export const DEFAULT_OPTION_FILL: OptionFillModel = { spreadFraction: 0.5 };

const TICK = 0.01;

/** The per-share price a side pays on a quote: mid ± the fraction of the spread, on the cent, never through the touch. */
export function optionFillPrice(
  side: Side,
  quote: Pick<DisplayedOptionQuote, 'bid' | 'ask'>,
  model: OptionFillModel,
): number {
  const mid = (quote.bid + quote.ask) / 2;
  const offset = model.spreadFraction * (quote.ask - quote.bid);
  return side === 'buy'
    ? Math.min(quote.ask, roundToTick(mid + offset, TICK, 'up'))
    : Math.max(quote.bid, roundToTick(mid - offset, TICK, 'down'));
}

/** One leg of a multi-leg order: `ratio` contracts of it per unit of the spread. */
export interface OptionLeg {
  symbol: string;
  side: Side;
  ratio: number;
}

export interface LegFill {
  symbol: string;
  side: Side;
  /** Contracts. */
  quantity: number;
  /** Dollars per share. */
  price: number;
}

export interface SpreadFill {
  /** Units of the spread filled: every leg traded `ratio` × this. */
  quantity: number;
  legs: LegFill[];
  /** Per share and per unit of the spread: positive a debit (paid), negative a credit (received). */
  netPrice: number;
  /** Cents, on every contract of every leg (a minimum once per order). */
  commissionCents: number;
}

/**
 * Fills a multi-leg order on the chain's quotes, all legs or none: each leg at its own fill
 * price, the spread's units limited by what every leg displays (a partial fill keeps the legs in
 * ratio), and nothing at all when the net debit is above the limit (or the net credit below
 * it) — `limit` is per share per unit, positive a debit. Null when nothing trades.
 */
export function fillSpread(
  order: { legs: readonly OptionLeg[]; quantity: number; limit: number | null },
  quotes: ReadonlyMap<string, DisplayedOptionQuote>,
  model: OptionFillModel,
  commission: CommissionModel,
): SpreadFill | null {
  let units = order.quantity;
  let net = 0;
  const priced: { leg: OptionLeg; price: number }[] = [];
  for (const leg of order.legs) {
    const quote = quotes.get(leg.symbol);
    if (!quote) return null;
    const shown = leg.side === 'buy' ? quote.askSize : quote.bidSize;
    units = Math.min(units, Math.floor(shown / leg.ratio));
    const price = optionFillPrice(leg.side, quote, model);
    net += (leg.side === 'buy' ? 1 : -1) * leg.ratio * price;
    priced.push({ leg, price });
  }
  net = Math.round(net * 100) / 100;
  if (units <= 0) return null;
  if (order.limit !== null && net > order.limit + 1e-9) return null;
  const contracts = priced.reduce((sum, { leg }) => sum + leg.ratio * units, 0);
  return {
    quantity: units,
    legs: priced.map(({ leg, price }) => ({
      symbol: leg.symbol,
      side: leg.side,
      quantity: leg.ratio * units,
      price,
    })),
    netPrice: net,
    commissionCents: commissionCents(commission, contracts, Math.abs(net)),
  };
}

/**
 * Contracts a simulated quote displays at its bid and at its ask: most near the money, fewer in
 * the wings (listed options show tens to hundreds of contracts; the wings are thin).
 */
export function displayedContracts(delta: number): number {
  const size = Math.abs(delta);
  return size >= 0.2 && size <= 0.8 ? 100 : size >= 0.05 ? 50 : 20;
}
