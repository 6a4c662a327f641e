import { roundToTick } from '../market/instrument';
import type { Side, Trail } from './order';

/**
 * The trigger rules of resting stop orders, one definition for the paper venue (trade by trade)
 * and the backtester (bar by bar). Alpaca's and the exchanges' convention: a stop is a resting
 * order that becomes a market order (a stop-limit: a limit order) when the market trades at or
 * through its stop price — a sell stop when the last trade is at or below it, a buy stop at or
 * above. A price that gaps through the stop fills where the market is (the open), not at the stop.
 */

export type { Trail };

/** True when a last trade at `last` triggers a stop at `stopPrice` for an order on `side`. */
export function stopTriggered(side: Side, stopPrice: number, last: number): boolean {
  return side === 'sell' ? last <= stopPrice + 1e-9 : last >= stopPrice - 1e-9;
}

/**
 * A trailing stop after a trade at `last`: a sell trails the high-water mark (the highest trade
 * since it was placed) by the trail, a buy the low-water mark. The mark only ever moves in the
 * order's favour; the stop price follows it, on the cent (rounded away from the market, so a
 * trail never tightens by rounding).
 */
export function trailStop(
  side: Side,
  trail: Trail,
  mark: number | null,
  last: number,
): { mark: number; stopPrice: number } {
  const next = mark === null ? last : side === 'sell' ? Math.max(mark, last) : Math.min(mark, last);
  const distance = 'price' in trail ? trail.price : (next * trail.percent) / 100;
  const raw = side === 'sell' ? next - distance : next + distance;
  const stopPrice = roundToTick(raw, 0.01, side === 'sell' ? 'down' : 'up');
  return { mark: next, stopPrice };
}

export interface BarPrices {
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * Where a market stop fills within a bar, or null if the bar never reaches it: at the open when
 * the bar opens through the stop (a gap), else at the stop price when the bar's range crosses it.
 */
export function stopFillOnBar(side: Side, stopPrice: number, bar: BarPrices): number | null {
  if (stopTriggered(side, stopPrice, bar.open)) return bar.open;
  const reached = side === 'sell' ? bar.low <= stopPrice + 1e-9 : bar.high >= stopPrice - 1e-9;
  return reached ? stopPrice : null;
}

/**
 * A trailing stop over one bar, conservatively: the bar is first checked against the stop its
 * mark gave before the bar (the bar's adverse extreme may have come first), then the mark moves
 * to the bar's favourable extreme. Returns the fill (or null) and the state after the bar.
 */
export function trailingStopOnBar(
  side: Side,
  trail: Trail,
  mark: number,
  bar: BarPrices,
): { fill: number | null; mark: number; stopPrice: number } {
  const before = trailStop(side, trail, mark, mark);
  const fill = stopFillOnBar(side, before.stopPrice, bar);
  if (fill !== null) return { fill, ...before };
  const after = trailStop(side, trail, mark, side === 'sell' ? bar.high : bar.low);
  return { fill: null, ...after };
}

/**
 * A bracket's two exits over one bar (a long position's take-profit limit above and stop-loss
 * below, or the mirror for a short): when the bar opens through one, the open decides; when its
 * range touches both, the stop-loss is taken to have fired first — the worse outcome, since a bar
 * does not say which came first. Returns which fired and at what price, or null.
 */
export function bracketExitOnBar(
  exitSide: Side,
  takeProfit: number,
  stopLoss: number,
  bar: BarPrices,
): { leg: 'take_profit' | 'stop_loss'; price: number } | null {
  // A sell limit fills at or above its price, a buy limit at or below; a stop as stopFillOnBar.
  const sell = exitSide === 'sell';
  if (stopTriggered(exitSide, stopLoss, bar.open)) return { leg: 'stop_loss', price: bar.open };
  if (sell ? bar.open >= takeProfit : bar.open <= takeProfit) return { leg: 'take_profit', price: bar.open };
  if (stopFillOnBar(exitSide, stopLoss, bar) !== null) return { leg: 'stop_loss', price: stopLoss };
  if (sell ? bar.high >= takeProfit : bar.low <= takeProfit) return { leg: 'take_profit', price: takeProfit };
  return null;
}

/**
 * What a bracket's exits protect: the entry's filled shares less what the exits already sold —
 * both exits rest for this same quantity (one cancels the other), so a partial entry fill is
 * protected exactly and a partial exit fill shrinks its sibling.
 */
export function protectedQuantity(entryFilled: number, exitsFilled: number): number {
  return Math.max(0, entryFilled - exitsFilled);
}
