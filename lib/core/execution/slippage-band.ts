import { roundToTick } from '../market/instrument';
import type { Side } from '../orders/order';

/**
 * The protective limit of slippage control: no buy above reference × (1 + bps), no sell
 * below reference × (1 − bps), rounded to the tick in the direction that keeps it inside the
 * band. A trader's own limit tightens it further. Market orders are sent as marketable limits
 * at this price, so an order is never chased past the band.
 */
export function protectionPrice(input: {
  side: Side;
  referencePrice: number;
  maxSlippageBps: number;
  tickSize: number;
  limitPrice?: number;
}): number {
  const band = input.maxSlippageBps / 10_000;
  const bound =
    input.side === 'buy'
      ? roundToTick(input.referencePrice * (1 + band), input.tickSize, 'down')
      : roundToTick(input.referencePrice * (1 - band), input.tickSize, 'up');
  if (input.limitPrice === undefined) return bound;
  return input.side === 'buy' ? Math.min(bound, input.limitPrice) : Math.max(bound, input.limitPrice);
}

/** Signed slippage of a fill price against a benchmark, in basis points: positive is worse for the trader. */
export function slippageBps(side: Side, benchmark: number, price: number): number {
  if (benchmark <= 0) return 0;
  const sign = side === 'buy' ? 1 : -1;
  return (sign * (price - benchmark) * 10_000) / benchmark;
}
