import { roundToTick } from '../market/instrument';
import { type Cents, toCents } from '../money';
import { type CommissionModel, commissionCents } from './commission';
import {
  type BookDepthTaken,
  type ImpactModel,
  type Liquidity,
  UNTOUCHED,
  walkImpactBook,
} from './impact-book';
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
  quote: Pick<Quote, 'bid' | 'ask'>;
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

/** What one pass against the book traded: shares, their exact notional and the commission on them. */
export interface BookFill {
  quantity: number;
  notionalCents: Cents;
  commissionCents: Cents;
  /** With an impact book: the depth taken after this pass (to keep for the next order). */
  taken?: BookDepthTaken;
}

/** What an order already traded in earlier passes: the commission is charged on the order as a whole. */
export interface FilledSoFar {
  quantity: number;
  notionalCents: Cents;
  commissionCents: Cents;
}

const NOTHING_FILLED: FilledSoFar = { quantity: 0, notionalCents: 0, commissionCents: 0 };

/**
 * One pass of an order against the simulated book — the paper venue's execution, which a
 * backtest filling like the venue repeats. The book is the impact book (`fillOnImpactBook`) when
 * the settings give an impact model and the instrument its liquidity, else the flat book of
 * `walkBook`. Null when nothing trades.
 */
export function fillAgainstBook(
  order: { side: Side; quantity: number; limitPrice: number },
  market: {
    quote: Pick<Quote, 'bid' | 'ask'>;
    tickSize: number;
    liquidity?: Liquidity | undefined;
    taken?: BookDepthTaken | undefined;
    /** When the pass happens (epoch ms): the impact book's depth follows the minute's volume rate. */
    at?: number | undefined;
  },
  settings: { book: BookModel; impact?: ImpactModel | undefined; commission: CommissionModel },
  before: FilledSoFar = NOTHING_FILLED,
): BookFill | null {
  if (settings.impact && market.liquidity) {
    return fillOnImpactBook(
      order,
      { ...market, liquidity: market.liquidity, taken: market.taken ?? UNTOUCHED },
      { impact: settings.impact, commission: settings.commission },
      before,
    );
  }
  const executions = walkBook({
    ...order,
    quote: market.quote,
    tickSize: market.tickSize,
    book: settings.book,
  });
  return pass(executions, settings.commission, before);
}

/** One pass on the impact book, from the depth earlier orders took: what traded and the depth taken after it. */
export function fillOnImpactBook(
  order: { side: Side; quantity: number; limitPrice: number },
  market: {
    quote: Pick<Quote, 'bid' | 'ask'>;
    tickSize: number;
    liquidity: Liquidity;
    taken: BookDepthTaken;
    at?: number | undefined;
  },
  settings: { impact: ImpactModel; commission: CommissionModel },
  before: FilledSoFar = NOTHING_FILLED,
): BookFill | null {
  const { at, ...book } = market;
  const walked = walkImpactBook(
    order,
    at === undefined ? book : { ...book, at },
    market.taken,
    settings.impact,
  );
  const traded = pass(walked.executions, settings.commission, before);
  return traded && { ...traded, taken: walked.taken };
}

/**
 * What a pass's executions come to: the notional as the sum of each tick's price × quantity in
 * cents, and the commission of the order as a whole (a minimum is charged once per order, not
 * once per pass) less what its earlier passes paid.
 */
function pass(
  executions: readonly Execution[],
  commission: CommissionModel,
  before: FilledSoFar,
): BookFill | null {
  let quantity = 0;
  let notional = 0;
  for (const level of executions) {
    quantity += level.quantity;
    notional += toCents(level.price * level.quantity);
  }
  if (quantity === 0) return null;
  const orderQuantity = before.quantity + quantity;
  const orderNotional = before.notionalCents + notional;
  const orderCommission = commissionCents(commission, orderQuantity, orderNotional / 100 / orderQuantity);
  return {
    quantity,
    notionalCents: notional,
    commissionCents: Math.max(0, orderCommission - before.commissionCents),
  };
}
