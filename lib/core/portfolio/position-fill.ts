import { type Cents, prorateCents } from '../money';

/** A position as its quantity (signed: negative is short) and the cost of that quantity in cents. */
export interface PositionBook {
  quantity: number;
  costBasisCents: Cents;
}

/**
 * One fill's effect on a position, in cents — the one rule the account and the backtester
 * share. A fill in the position's direction adds its notional to the cost basis. A fill against
 * it closes shares first: their cost leaves the basis in proportion (`prorateCents`, so the
 * pieces always add back to the whole) and the difference to the notional they traded at is
 * realised; what is left of the fill opens a position the other way at its share of the
 * notional. Commission is not part of it: it is an expense the caller books.
 */
export function positionAfterFill(
  position: PositionBook,
  signedQuantity: number,
  notionalCents: Cents,
): PositionBook & { realizedCents: Cents } {
  const { quantity, costBasisCents } = position;
  const direction = Math.sign(signedQuantity);
  if (quantity === 0 || Math.sign(quantity) === direction) {
    return {
      quantity: quantity + signedQuantity,
      costBasisCents: costBasisCents + direction * notionalCents,
      realizedCents: 0,
    };
  }
  const size = Math.abs(signedQuantity);
  const closing = Math.min(size, Math.abs(quantity));
  const costRemoved = prorateCents(costBasisCents, closing, Math.abs(quantity));
  const closingNotional = prorateCents(notionalCents, closing, size);
  return {
    quantity: quantity + signedQuantity,
    costBasisCents: costBasisCents - costRemoved + direction * (notionalCents - closingNotional),
    realizedCents: Math.sign(quantity) * closingNotional - costRemoved,
  };
}
