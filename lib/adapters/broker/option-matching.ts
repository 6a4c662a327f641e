import type { CommissionModel } from '../../core/execution/commission';
import { toCents } from '../../core/money';
import { OPTION_MULTIPLIER } from '../../core/options/occ-symbol';
import { type DisplayedOptionQuote, fillSpread, type OptionFillModel } from '../../core/options/option-fill';
import { timeInForceAfterPass } from './paper-matching';
import type { VenueExecution, VenueOrderRecord } from './venue-store';

/**
 * One matching pass of the paper venue over an option order, pure: the legs fill together on the
 * chain's quotes (lib/core/options/option-fill.ts: each leg at its fill price, all legs or none,
 * no more units than every leg displays, nothing past the net limit), one execution records what
 * traded — each leg's contracts, price and notional (× 100), the net a debit positive — and the
 * time in force applies to what is left. The record comes back unchanged when nothing happens.
 */
export function matchOptionRecord(
  record: VenueOrderRecord,
  market: { quotes: ReadonlyMap<string, DisplayedOptionQuote> | null; open: boolean; at: Date },
  settings: { fill: OptionFillModel; commission: CommissionModel },
): VenueOrderRecord {
  if (record.status !== 'open' || !record.legs) return record;
  const remaining = record.quantity - record.filledQuantity;
  const filled =
    market.open && market.quotes
      ? fillSpread(
          { legs: record.legs, quantity: remaining, limit: record.limitPrice },
          market.quotes,
          settings.fill,
          settings.commission,
        )
      : null;
  const allOrNothing = record.timeInForce === 'fok' && (filled?.quantity ?? 0) < remaining;
  let next = record;
  if (filled && !allOrNothing) {
    const legs = filled.legs.map((leg) => ({
      ...leg,
      notionalCents: toCents(leg.price * leg.quantity * OPTION_MULTIPLIER),
    }));
    const execution: VenueExecution = {
      sequence: record.executions.length + 1,
      quantity: filled.quantity,
      notionalCents: legs.reduce(
        (net, leg) => net + (leg.side === 'buy' ? leg.notionalCents : -leg.notionalCents),
        0,
      ),
      commissionCents: filled.commissionCents,
      at: market.at.toISOString(),
      legs,
    };
    next = {
      ...next,
      filledQuantity: next.filledQuantity + filled.quantity,
      executions: [...next.executions, execution],
    };
  }
  return timeInForceAfterPass(next, { open: market.open, allOrNothing, at: market.at });
}
