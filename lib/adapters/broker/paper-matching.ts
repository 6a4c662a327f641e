import type { CommissionModel } from '../../core/execution/commission';
import { type BookModel, fillAgainstBook, type FilledSoFar } from '../../core/execution/fill-model';
import type { BookDepthTaken, ImpactModel } from '../../core/execution/impact-book';
import type { Instrument } from '../../core/market/instrument';
import type { Quote } from '../../core/market/quote';
import type { VenueExecution, VenueOrderRecord } from './venue-store';

/**
 * One matching pass of the paper venue over an order, pure: walk the simulated book at the
 * quote up to the limit (from the depth earlier orders took, with an impact book), record one
 * execution for what traded (exact notional: sum of each level's price × quantity; commission
 * on the order as a whole), then apply the time in force — filled, ioc/fok remainder
 * cancelled, or resting. The record comes back unchanged when nothing happens; `taken` is the
 * book's depth taken after the pass when it traded on an impact book (null otherwise).
 */
export function matchRecord(
  record: VenueOrderRecord,
  market: {
    quote: Quote | undefined;
    instrument: Instrument | null;
    open: boolean;
    at: Date;
    taken?: BookDepthTaken;
  },
  settings: { book: BookModel; impact?: ImpactModel | undefined; commission: CommissionModel },
): { record: VenueOrderRecord; taken: BookDepthTaken | null } {
  if (record.status !== 'open') return { record, taken: null };
  const remaining = record.quantity - record.filledQuantity;
  const traded =
    market.quote && market.instrument && market.open
      ? fillAgainstBook(
          { side: record.side, quantity: remaining, limitPrice: record.limitPrice },
          {
            quote: market.quote,
            tickSize: market.instrument.tickSize,
            liquidity: market.instrument.liquidity,
            taken: market.taken,
            at: market.at.getTime(),
          },
          settings,
          filledSoFar(record),
        )
      : null;
  const quantity = traded?.quantity ?? 0;
  const allOrNothing = record.timeInForce === 'fok' && quantity < remaining;
  let next = record;
  const taken = traded && !allOrNothing ? (traded.taken ?? null) : null;
  if (traded && !allOrNothing) {
    const execution: VenueExecution = {
      sequence: record.executions.length + 1,
      quantity,
      notionalCents: traded.notionalCents,
      commissionCents: traded.commissionCents,
      at: market.at.toISOString(),
      ...(market.quote ? { bid: market.quote.bid, ask: market.quote.ask } : {}),
    };
    next = {
      ...next,
      filledQuantity: next.filledQuantity + quantity,
      executions: [...next.executions, execution],
    };
  }
  return { record: timeInForceAfterPass(next, { open: market.open, allOrNothing, at: market.at }), taken };
}

/**
 * What a pass leaves of an order: filled when every unit traded; an ioc/fok remainder canceled
 * (saying why); otherwise still resting.
 */
export function timeInForceAfterPass(
  next: VenueOrderRecord,
  pass: { open: boolean; allOrNothing: boolean; at: Date },
): VenueOrderRecord {
  const closedAt = pass.at.toISOString();
  if (next.filledQuantity === next.quantity) return { ...next, status: 'filled', reason: 'filled', closedAt };
  if (next.timeInForce === 'ioc' || next.timeInForce === 'fok') {
    const why = !pass.open
      ? 'market closed'
      : pass.allOrNothing
        ? 'fill-or-kill could not fill in full'
        : 'no more liquidity inside the limit';
    return { ...next, status: 'canceled', reason: `${next.timeInForce}: ${why}`, closedAt };
  }
  return next;
}

/** What an order's earlier passes traded (its commission is charged on the whole order). */
function filledSoFar(record: VenueOrderRecord): FilledSoFar {
  let notionalCents = 0;
  let commissionCents = 0;
  for (const execution of record.executions) {
    notionalCents += execution.notionalCents;
    commissionCents += execution.commissionCents;
  }
  return { quantity: record.filledQuantity, notionalCents, commissionCents };
}
