import { notionalCents } from '../../core/money';
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
 * nothing changed. Alpaca is commission-free for US equities: commission 0.
 */
export function applyOrderState(
  record: VenueOrderRecord,
  order: AlpacaOrder,
  fills: readonly AlpacaFillActivity[],
): VenueOrderRecord | null {
  const known = new Set(record.executions.map((execution) => execution.venueId));
  const added: VenueExecution[] = fills
    .filter((fill) => fill.order_id === order.id && !known.has(fill.id))
    .sort((a, b) => a.transaction_time.localeCompare(b.transaction_time) || a.id.localeCompare(b.id))
    .map((fill, index) => ({
      sequence: record.executions.length + index + 1,
      quantity: Number(fill.qty),
      notionalCents: notionalCents(Number(fill.price), Number(fill.qty)),
      commissionCents: 0,
      at: fill.transaction_time,
      venueId: fill.id,
    }));
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
