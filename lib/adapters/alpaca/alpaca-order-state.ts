import { notionalCents } from '../../core/money';
import { OPTION_MULTIPLIER } from '../../core/options/occ-symbol';
import type { VenueExecution, VenueOrderRecord } from '../broker/venue-store';
import type { AlpacaFillActivity, AlpacaOrder } from './alpaca-schemas';

const ENDS: Record<string, VenueOrderRecord['status']> = {
  filled: 'filled',
  canceled: 'canceled',
  expired: 'expired',
  rejected: 'rejected',
  done_for_day: 'expired',
};

/**
 * A journalled order brought up to Alpaca's view: executions it has not recorded yet (by
 * activity id, so reading the same fills again adds nothing) and how it ended. Returns null when
 * nothing changed. Alpaca is commission-free for US equities and options: commission 0.
 */
export function applyOrderState(
  record: VenueOrderRecord,
  order: AlpacaOrder,
  fills: readonly AlpacaFillActivity[],
): VenueOrderRecord | null {
  const added = record.legs ? optionExecutions(record, order, fills) : shareExecutions(record, order, fills);
  const executions = [...record.executions, ...added];
  const filledQuantity = executions.reduce((sum, execution) => sum + execution.quantity, 0);
  const end = ENDS[order.status];
  // An order ends only once every fill Alpaca reports for it is recorded (activities can lag).
  const ended = end !== undefined && filledQuantity >= Number(order.filled_qty);
  const status = record.status === 'open' && ended ? end : record.status;
  const closedAt =
    status === record.status
      ? record.closedAt
      : status === 'filled'
        ? (executions.at(-1)?.at ?? order.filled_at ?? order.updated_at ?? order.created_at)
        : (order.canceled_at ?? order.expired_at ?? order.failed_at ?? order.updated_at ?? order.created_at);
  if (added.length === 0 && status === record.status && record.venueOrderId === order.id) return null;
  return {
    ...record,
    venueOrderId: order.id,
    acknowledged: true,
    executions,
    filledQuantity,
    status,
    ...(status !== record.status ? { reason: `alpaca: ${order.status}` } : {}),
    ...(closedAt ? { closedAt } : {}),
  };
}

/** Executions of shares not recorded yet (by activity id, so reading the same fills again adds nothing). */
function shareExecutions(
  record: VenueOrderRecord,
  order: AlpacaOrder,
  fills: readonly AlpacaFillActivity[],
): VenueExecution[] {
  const known = new Set(record.executions.map((execution) => execution.venueId));
  return shareFills(
    fills.filter((fill) => fill.order_id === order.id && !known.has(fill.id)).sort(byTime),
    record.executions.length,
  );
}

/** Fill activities of shares as executions, numbered on from `after` (commission-free). */
function shareFills(fills: readonly AlpacaFillActivity[], after: number): VenueExecution[] {
  return fills.map((fill, index) => ({
    sequence: after + index + 1,
    quantity: Number(fill.qty),
    notionalCents: notionalCents(Number(fill.price), Number(fill.qty)),
    commissionCents: 0,
    at: fill.transaction_time,
    venueId: fill.id,
  }));
}

/**
 * An option order's new fills as one execution of whole units: each leg's contracts and notional
 * (× 100) from the fill activities of its leg order (a single contract's: of the order itself),
 * the net a debit positive. Alpaca fills a spread all legs or none; fills that do not yet make
 * whole units in ratio wait for the next read.
 */
function optionExecutions(
  record: VenueOrderRecord,
  order: AlpacaOrder,
  fills: readonly AlpacaFillActivity[],
): VenueExecution[] {
  const legs = record.legs!;
  const legOf = new Map<string, number>();
  if (order.legs && order.legs.length > 0)
    order.legs.forEach((leg) =>
      legOf.set(
        leg.id,
        legs.findIndex((mine) => mine.symbol === leg.symbol),
      ),
    );
  else legOf.set(order.id, 0);
  const known = new Set(record.executions.flatMap((execution) => execution.venueId?.split(',') ?? []));
  const fresh = fills
    .filter((fill) => (legOf.get(fill.order_id) ?? -1) >= 0 && !known.has(fill.id))
    .sort(byTime);
  if (fresh.length === 0) return [];
  const traded = legs.map((leg) => ({ symbol: leg.symbol, side: leg.side, quantity: 0, notionalCents: 0 }));
  for (const fill of fresh) {
    const leg = traded[legOf.get(fill.order_id)!]!;
    leg.quantity += Number(fill.qty);
    leg.notionalCents += notionalCents(Number(fill.price), Number(fill.qty) * OPTION_MULTIPLIER);
  }
  const units = traded[0]!.quantity / legs[0]!.ratio;
  if (
    !Number.isInteger(units) ||
    units <= 0 ||
    traded.some((leg, i) => leg.quantity !== units * legs[i]!.ratio)
  )
    return [];
  return [
    {
      sequence: record.executions.length + 1,
      quantity: units,
      notionalCents: traded.reduce(
        (net, leg) => net + (leg.side === 'buy' ? leg.notionalCents : -leg.notionalCents),
        0,
      ),
      commissionCents: 0,
      at: fresh.at(-1)!.transaction_time,
      venueId: fresh.map((fill) => fill.id).join(','),
      legs: traded.map((leg) => ({
        ...leg,
        price: leg.notionalCents / leg.quantity / 100 / OPTION_MULTIPLIER,
      })),
    },
  ];
}

function byTime(a: AlpacaFillActivity, b: AlpacaFillActivity): number {
  return a.transaction_time.localeCompare(b.transaction_time) || a.id.localeCompare(b.id);
}

/**
 * A bracket's exits (one journal record for Alpaca's two exit legs) brought up to Alpaca's view:
 * sized to what the entry filled, the fills of whichever leg fired (the other is Alpaca's to
 * cancel), ended when that leg has filled them or the entry ended without a fill. Null when
 * nothing changed.
 */
export function applyExitsState(
  exits: VenueOrderRecord,
  entry: VenueOrderRecord,
  order: AlpacaOrder,
  fills: readonly AlpacaFillActivity[],
): VenueOrderRecord | null {
  if (exits.status !== 'open') return null;
  const legs = new Map((order.legs ?? []).map((leg) => [leg.id, leg]));
  const known = new Set(exits.executions.map((execution) => execution.venueId));
  const fresh = fills.filter((fill) => legs.has(fill.order_id) && !known.has(fill.id)).sort(byTime);
  const at = fresh.at(-1)?.transaction_time ?? order.updated_at ?? order.created_at;
  const amendments = [...(exits.amendments ?? [])];
  const amend = (change: Omit<NonNullable<VenueOrderRecord['amendments']>[number], 'sequence' | 'at'>) =>
    amendments.push({ sequence: amendments.length + 1, at, ...change });
  const quantity = Math.max(exits.quantity, entry.filledQuantity);
  if (quantity !== exits.quantity) amend({ quantity });
  let exitLeg = exits.exitLeg;
  if (!exitLeg && fresh.length > 0) {
    exitLeg = legs.get(fresh[0]!.order_id)!.type === 'limit' ? 'take_profit' : 'stop_loss';
    amend({ exitLeg, triggered: true });
  }
  const executions = [...exits.executions, ...shareFills(fresh, exits.executions.length)];
  const filledQuantity = executions.reduce((sum, execution) => sum + execution.quantity, 0);
  const entryEnded = entry.status !== 'open';
  const status: VenueOrderRecord['status'] =
    entryEnded && quantity === 0
      ? 'canceled'
      : quantity > 0 && filledQuantity >= quantity && entryEnded
        ? 'filled'
        : 'open';
  if (fresh.length === 0 && quantity === exits.quantity && status === exits.status) return null;
  return {
    ...exits,
    quantity,
    executions,
    filledQuantity,
    amendments,
    ...(exitLeg ? { exitLeg } : {}),
    status,
    ...(status === 'open'
      ? {}
      : { reason: status === 'filled' ? 'filled' : 'the entry ended without a fill', closedAt: at }),
  };
}
