import { roundToTick } from '../../core/market/instrument';
import type { Quote } from '../../core/market/quote';
import { stopTriggered, trailStop } from '../../core/orders/stop-triggers';
import type { VenueAmendment, VenueOrderRecord } from './venue-store';

/** How far past the quote a triggered stop may trade when the order names no band (basis points). */
const DEFAULT_STOP_BAND_BPS = 50;

/**
 * A resting order's triggers before a matching pass, pure: a stop (or stop-limit) triggers when
 * the last trade reaches its stop; a trailing stop first moves its stop with the mark (the best
 * trade since placement); an oco fires its stop-loss when the last trade reaches it, else its
 * take-profit when the quote is at or through the limit — the stop-loss first, the conservative
 * order. Once triggered the order trades as a market order (inside a band around the quote: a gap
 * fills where the market is, not at the stop) or, for a stop-limit, at its limit. Returns the
 * record (with what changed as amendments) and the limit to trade at now, or null: not yet.
 */
export function triggerPass(
  record: VenueOrderRecord,
  quote: Quote | undefined,
  at: Date,
): { record: VenueOrderRecord; limit: number | null } {
  if (record.status !== 'open' || (!record.trigger && !record.oco))
    return { record, limit: record.limitPrice };
  if (!quote) return { record, limit: null };
  return record.oco ? ocoPass(record, quote, at) : stopPass(record, quote, at);
}

function stopPass(record: VenueOrderRecord, quote: Quote, at: Date) {
  const trigger = record.trigger!;
  let next = record;
  if (!record.stop?.triggeredAt) {
    let stopPrice = record.stop?.stopPrice ?? trigger.stopPrice!;
    if (trigger.type === 'trailing_stop') {
      const trailed = trailStop(record.side, trigger.trail!, record.stop?.mark ?? null, quote.last);
      if (trailed.mark !== record.stop?.mark || trailed.stopPrice !== record.stop?.stopPrice) {
        next = amend({ ...next, stop: { stopPrice: trailed.stopPrice, mark: trailed.mark } }, at, {
          stopPrice: trailed.stopPrice,
          mark: trailed.mark,
        });
      }
      stopPrice = trailed.stopPrice;
    } else if (!record.stop) {
      next = { ...next, stop: { stopPrice } };
    }
    if (!stopTriggered(record.side, stopPrice, quote.last)) return { record: next, limit: null };
    next = amend({ ...next, stop: { ...next.stop!, stopPrice, triggeredAt: at.toISOString() } }, at, {
      stopPrice,
      triggered: true,
    });
  }
  if (trigger.type === 'stop_limit') return { record: next, limit: record.limitPrice };
  // A market order from here, inside the band around the quote and never past the order's own
  // bound (`limitPrice`: a buy stop's cap, which its cash was reserved for; a sell stop's floor).
  const market = marketLimit(next, quote);
  return {
    record: next,
    limit: record.side === 'buy' ? Math.min(market, record.limitPrice) : Math.max(market, record.limitPrice),
  };
}

function ocoPass(record: VenueOrderRecord, quote: Quote, at: Date) {
  const { takeProfit, stopLoss } = record.oco!;
  let next = record;
  let leg = record.exitLeg;
  if (!leg) {
    const sell = record.side === 'sell';
    if (stopLoss && stopTriggered(record.side, stopLoss.stopPrice, quote.last)) leg = 'stop_loss';
    else if (takeProfit !== undefined && (sell ? quote.bid >= takeProfit : quote.ask <= takeProfit))
      leg = 'take_profit';
    if (!leg) return { record, limit: null };
    next = amend({ ...next, exitLeg: leg }, at, { exitLeg: leg, triggered: true });
  }
  const limit = leg === 'take_profit' ? takeProfit! : (stopLoss!.limitPrice ?? marketLimit(next, quote));
  return { record: next, limit };
}

/** A triggered market order's limit: the touch, and the band past it (on the cent, away from the market). */
function marketLimit(record: VenueOrderRecord, quote: Quote): number {
  const band = (record.maxSlippageBps ?? DEFAULT_STOP_BAND_BPS) / 10_000;
  return record.side === 'buy'
    ? roundToTick(quote.ask * (1 + band), 0.01, 'up')
    : roundToTick(quote.bid * (1 - band), 0.01, 'down');
}

function amend(record: VenueOrderRecord, at: Date, change: Omit<VenueAmendment, 'sequence' | 'at'>) {
  const amendments = record.amendments ?? [];
  return {
    ...record,
    amendments: [...amendments, { sequence: amendments.length + 1, at: at.toISOString(), ...change }],
  };
}
