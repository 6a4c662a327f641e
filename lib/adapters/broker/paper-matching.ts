import type { CommissionModel } from '../../core/execution/commission';
import { type BookModel, fillAgainstBook } from '../../core/execution/fill-model';
import type { Instrument } from '../../core/market/instrument';
import type { Quote } from '../../core/market/quote';
import type { VenueExecution, VenueOrderRecord } from './venue-store';

/**
 * One matching pass of the paper venue over an order, pure: walk the simulated book at the
 * quote up to the limit, record one execution for what traded (exact notional: sum of each
 * level's price × quantity), then apply the time in force — filled, ioc/fok remainder
 * cancelled, or resting. Returns the record unchanged when nothing happens.
 */
export function matchRecord(
  record: VenueOrderRecord,
  market: { quote: Quote | undefined; instrument: Instrument | null; open: boolean; at: Date },
  settings: { book: BookModel; commission: CommissionModel },
): VenueOrderRecord {
  if (record.status !== 'open') return record;
  const remaining = record.quantity - record.filledQuantity;
  const traded =
    market.quote && market.instrument && market.open
      ? fillAgainstBook(
          { side: record.side, quantity: remaining, limitPrice: record.limitPrice },
          { quote: market.quote, tickSize: market.instrument.tickSize },
          settings,
        )
      : null;
  const quantity = traded?.quantity ?? 0;
  const allOrNothing = record.timeInForce === 'fok' && quantity < remaining;
  let next = record;
  if (traded && !allOrNothing) {
    const execution: VenueExecution = {
      sequence: record.executions.length + 1,
      quantity,
      notionalCents: traded.notionalCents,
      commissionCents: traded.commissionCents,
      at: market.at.toISOString(),
    };
    next = {
      ...next,
      filledQuantity: next.filledQuantity + quantity,
      executions: [...next.executions, execution],
    };
  }
  const closedAt = market.at.toISOString();
  if (next.filledQuantity === next.quantity) return { ...next, status: 'filled', reason: 'filled', closedAt };
  if (next.timeInForce === 'ioc' || next.timeInForce === 'fok') {
    const why = !market.open
      ? 'market closed'
      : allOrNothing
        ? 'fill-or-kill could not fill in full'
        : 'no more liquidity inside the limit';
    return { ...next, status: 'canceled', reason: `${next.timeInForce}: ${why}`, closedAt };
  }
  return next;
}
