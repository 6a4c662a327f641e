import { OPTION_MULTIPLIER } from '../options/occ-symbol';
import type { Side } from '../orders/order';

/** One execution, with the quote it met when the venue reports it (the paper venue does). */
export interface ShortfallFill {
  quantity: number;
  price: number;
  commissionCents: number;
  bid?: number | undefined;
  ask?: number | undefined;
}

/**
 * An order's implementation shortfall (Perold 1988) against its arrival mid, in basis points of
 * the filled quantity's value at that mid, split where it was paid: `timing` — the market's mid
 * moving between arrival and each fill (a schedule's drift); `spread` — the half spread each fill
 * crossed; `impact` — how far past the touch it filled; `fees` — commission. They add up to
 * `total`. Without the quotes a venue met (a broker that does not report them) only the total
 * and the fees are known.
 */
export interface ShortfallBreakdown {
  filledQuantity: number;
  totalBps: number;
  feesBps: number;
  timingBps: number | null;
  spreadBps: number | null;
  impactBps: number | null;
  /**
   * Delay: the mid's move from the decision price to the arrival price, in bps of the arrival
   * value; null without a decision price. The shortfall from the decision is `delayBps + totalBps`.
   */
  delayBps: number | null;
}

export function implementationShortfall(
  order: {
    side: Side;
    arrivalPrice: number;
    decisionPrice?: number | undefined;
    legs?: readonly unknown[] | undefined;
  },
  fills: readonly ShortfallFill[],
): ShortfallBreakdown | null {
  // An option order's prices are per share and its quantity contracts (or spread units) of 100.
  const multiplier = order.legs ? OPTION_MULTIPLIER : 1;
  const sign = order.side === 'buy' ? 1 : -1;
  let quantity = 0;
  let priceMove = 0;
  let timing = 0;
  let spread = 0;
  let impact = 0;
  let fees = 0;
  let quoted = true;
  for (const fill of fills) {
    quantity += fill.quantity;
    priceMove += sign * (fill.price - order.arrivalPrice) * fill.quantity;
    fees += fill.commissionCents / 100 / multiplier;
    if (fill.bid === undefined || fill.ask === undefined) {
      quoted = false;
      continue;
    }
    const mid = (fill.bid + fill.ask) / 2;
    const touch = order.side === 'buy' ? fill.ask : fill.bid;
    timing += sign * (mid - order.arrivalPrice) * fill.quantity;
    spread += sign * (touch - mid) * fill.quantity;
    impact += sign * (fill.price - touch) * fill.quantity;
  }
  if (quantity === 0 || !(order.arrivalPrice > 0)) return null;
  const bps = (dollars: number) => (dollars / (order.arrivalPrice * quantity)) * 10_000;
  return {
    filledQuantity: quantity,
    totalBps: bps(priceMove + fees),
    feesBps: bps(fees),
    timingBps: quoted ? bps(timing) : null,
    spreadBps: quoted ? bps(spread) : null,
    impactBps: quoted ? bps(impact) : null,
    delayBps:
      order.decisionPrice === undefined
        ? null
        : ((sign * (order.arrivalPrice - order.decisionPrice)) / order.arrivalPrice) * 10_000,
  };
}
