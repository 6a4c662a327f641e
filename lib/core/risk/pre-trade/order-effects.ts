import { roundDownToLot } from '../../market/instrument';
import type { CheckResult, PreTradeOrder, RiskContext } from './types';

/** True when the order only shrinks an existing position (a sell of a long, a buy to cover a short). */
export function reducesPosition(order: PreTradeOrder, context: RiskContext): boolean {
  return order.side === 'sell'
    ? context.heldQuantity > 0 && order.quantity <= context.heldQuantity
    : context.heldQuantity < 0 && order.quantity <= -context.heldQuantity;
}

/** The price the order is valued at: its limit, else the side of the quote it would trade against. */
export function referencePrice(order: PreTradeOrder, context: RiskContext): number {
  return order.limitPrice ?? (order.side === 'buy' ? context.quote.ask : context.quote.bid);
}

/** Signed shares of the symbol after the order and every working buy have filled. */
export function projectedQuantity(
  order: PreTradeOrder,
  context: RiskContext,
  quantity = order.quantity,
): number {
  const signed = order.side === 'buy' ? quantity : -quantity;
  return context.heldQuantity + context.pendingBuyQuantity + signed;
}

/**
 * Cuts the order down to `allowedQuantity` (rounded down to whole lots) when what is left is
 * meaningful — at least `minAdjustFraction` of the order — and otherwise rejects it.
 */
export function adjustOrReject(
  order: PreTradeOrder,
  context: RiskContext,
  allowedQuantity: number,
  code: string,
  detail: string,
): CheckResult {
  if (allowedQuantity >= order.quantity) return null;
  const quantity = roundDownToLot(Math.max(0, allowedQuantity), order.lotSize);
  if (quantity > 0 && quantity >= order.quantity * context.limits.minAdjustFraction) {
    return { kind: 'adjust', quantity, code, detail: `${detail}; quantity reduced to ${quantity}` };
  }
  return { kind: 'reject', code, detail, field: 'quantity' };
}
