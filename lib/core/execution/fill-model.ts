import { roundToTick } from '../market/instrument';
import type { Quote } from '../market/quote';
import type { Side } from '../orders/order';

/** The simulated book behind a quote: `depth` shares at every tick, `levels` ticks deep. */
export interface BookModel {
  sharesPerLevel: number;
  levels: number;
}

export interface Execution {
  quantity: number;
  price: number;
}

/**
 * Fills a marketable order by walking a simulated book from the touch: each tick away from
 * the best price offers `sharesPerLevel` more, until the order is done, the limit is reached,
 * or the book runs out. Size therefore pays market impact and a large order fills partly —
 * the remainder rests or is cancelled by its time in force. Returns one execution per level
 * touched, at that level's price. Shared by the paper venue and the backtester.
 */
export function walkBook(input: {
  side: Side;
  quantity: number;
  limitPrice: number;
  quote: Quote;
  tickSize: number;
  book: BookModel;
}): Execution[] {
  const executions: Execution[] = [];
  const touch = input.side === 'buy' ? input.quote.ask : input.quote.bid;
  const step = input.side === 'buy' ? input.tickSize : -input.tickSize;
  let remaining = input.quantity;
  for (let level = 0; level < input.book.levels && remaining > 0; level++) {
    const price = roundToTick(touch + level * step, input.tickSize, 'nearest');
    if (input.side === 'buy' ? price > input.limitPrice + 1e-9 : price < input.limitPrice - 1e-9) break;
    const quantity = Math.min(remaining, input.book.sharesPerLevel);
    executions.push({ quantity, price });
    remaining -= quantity;
  }
  return executions;
}

/** Volume-weighted average price of executions; null when there are none. */
export function averagePrice(executions: readonly Execution[]): number | null {
  const quantity = executions.reduce((sum, execution) => sum + execution.quantity, 0);
  if (quantity === 0) return null;
  return executions.reduce((sum, execution) => sum + execution.quantity * execution.price, 0) / quantity;
}
