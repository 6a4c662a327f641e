import type { FieldProblem } from '../errors';
import { roundToTick } from '../market/instrument';
import type { OrderType, Side, StopLoss, Trail } from './order';
import { invalidFields } from './order-rules';
import { trailStop } from './stop-triggers';

/** Order types that rest until a trigger: they are worked at once when it fires, never sliced. */
export const STOP_TYPES: ReadonlySet<OrderType> = new Set(['stop', 'stop_limit', 'trailing_stop']);

/** What the stop rules read of an order request (its side, type, prices, trigger and exits). */
export interface StopRequestShape {
  side: Side;
  orderType: OrderType;
  limitPrice?: number;
  /** Stop and stop-limit orders: the trigger. */
  stopPrice?: number;
  /** Trailing stops: how far the stop trails the best price. */
  trail?: Trail;
  /** `bracket` / `oto`: an entry with exits; `oco`: exits for shares held. */
  orderClass?: 'simple' | 'bracket' | 'oto' | 'oco';
  takeProfit?: { limitPrice: number };
  stopLoss?: StopLoss;
}

/**
 * Where a stop's trigger stands at placement — its stop price, or a trailing stop's first stop
 * from the last trade — and the refusals of stops and exits that make no sense against the
 * market now: a sell stop at or above the last trade (or a buy stop at or below) would trigger
 * at once; a bracket's take-profit must be beyond the price and its stop-loss short of it.
 */
export function checkStopRequest(request: StopRequestShape, last: number): { stopPrice?: number } {
  const problems: FieldProblem[] = [];
  const sell = request.side === 'sell';
  let stopPrice = request.stopPrice;
  if (request.orderType === 'trailing_stop' && request.trail) {
    stopPrice = trailStop(request.side, request.trail, null, last).stopPrice;
  }
  if (STOP_TYPES.has(request.orderType) && stopPrice !== undefined) {
    const atOnce = sell ? stopPrice >= last : stopPrice <= last;
    if (atOnce && request.orderType !== 'trailing_stop')
      problems.push({
        field: 'stop_price',
        in: 'body',
        problem: `would trigger at once: a ${request.side} stop must be ${sell ? 'below' : 'above'} the last price ${last}`,
      });
  }
  // Exits protect the position the order leaves: a long's are a limit above and a stop below.
  const exitSide: Side = request.orderClass === 'oco' ? request.side : sell ? 'buy' : 'sell';
  const exitsAbove = exitSide === 'sell';
  if (
    request.takeProfit &&
    (exitsAbove ? request.takeProfit.limitPrice <= last : request.takeProfit.limitPrice >= last)
  )
    problems.push({
      field: 'take_profit.limit_price',
      in: 'body',
      problem: `must be ${exitsAbove ? 'above' : 'below'} the last price ${last}`,
    });
  if (
    request.stopLoss &&
    (exitsAbove ? request.stopLoss.stopPrice >= last : request.stopLoss.stopPrice <= last)
  )
    problems.push({
      field: 'stop_loss.stop_price',
      in: 'body',
      problem: `must be ${exitsAbove ? 'below' : 'above'} the last price ${last}`,
    });
  if (problems.length > 0) throw invalidFields(problems);
  return stopPrice === undefined ? {} : { stopPrice };
}

/**
 * The worst price a stop may trade at once triggered, which buying power is held for: its limit
 * (stop-limit); a buy stop's collar above its stop (it never pays more, even through a gap); a
 * sell stop's one tick (it sells where the market is: a gap fills at the open).
 */
export function stopProtectionPrice(
  side: Side,
  orderType: OrderType,
  stopPrice: number,
  limitPrice: number | undefined,
  collarFraction: number,
  tickSize: number,
): number {
  if (orderType === 'stop_limit' && limitPrice !== undefined) return limitPrice;
  return side === 'buy' ? roundToTick(stopPrice * (1 + collarFraction), tickSize, 'down') : tickSize;
}
