import type { Clock } from '../../app/ports/clock';
import type { ExecutionReportSink } from '../../app/ports/execution-reports';
import { reportsOf } from '../broker/paper-broker';
import { updateVenueRecord, type VenueOrderRecord, type VenueStore } from '../broker/venue-store';
import { fillActivities } from './alpaca-activities';
import { applyExitsState, applyOrderState } from './alpaca-order-state';
import { type AlpacaRest, errorOf } from './alpaca-rest';
import { AlpacaOrder, type AlpacaFillActivity } from './alpaca-schemas';

/**
 * Alpaca's order updates, polled (a Lambda cannot hold the trade-update stream open): each poll
 * reads the fill activities and the orders closed since a little before the previous poll, brings
 * the journalled orders up to date and publishes what is new to the same execution-report queue
 * the paper venue feeds. Reading a window twice is harmless — executions are keyed by Alpaca's
 * activity ids and reports by stable ids — so the cursor lives in memory and a cold start simply
 * looks back `lookbackMs`; the reconciler's `resend` covers anything older.
 */
export class AlpacaTradeUpdates {
  private cursor: Date | null = null;

  constructor(
    private readonly rest: AlpacaRest,
    private readonly journal: VenueStore,
    private readonly sink: ExecutionReportSink,
    private readonly clock: Clock,
    /** The Stratus account the Alpaca account trades for. */
    private readonly accountId: string,
    private readonly options: { lookbackMs: number; overlapMs: number } = {
      lookbackMs: 10 * 60_000,
      overlapMs: 5_000,
    },
  ) {}

  /** One poll; returns how many reports it published. */
  async poll(): Promise<number> {
    const startedAt = this.clock.now();
    const after = new Date(
      (this.cursor?.getTime() ?? startedAt.getTime() - this.options.lookbackMs) - this.options.overlapMs,
    );
    const fills = await fillActivities(this.rest, after);
    const closed = await this.ordersList({ status: 'closed', after: after.toISOString() });
    const byVenueId = new Map<string, AlpacaOrder | null>(closed.map((order) => [order.id, order]));
    // A spread's fills name its legs' orders: they count for the spread (its parent).
    const parentOfLeg = new Map<string, AlpacaOrder>();
    const addLegs = (order: AlpacaOrder) => {
      for (const leg of order.legs ?? []) parentOfLeg.set(leg.id, order);
    };
    closed.forEach(addLegs);
    if (fills.some((fill) => !byVenueId.has(fill.order_id) && !parentOfLeg.has(fill.order_id)))
      (await this.ordersList({ status: 'open' })).forEach(addLegs);
    for (const fill of fills) {
      const parent = parentOfLeg.get(fill.order_id);
      if (parent) byVenueId.set(parent.id, byVenueId.get(parent.id) ?? parent);
      else if (!byVenueId.has(fill.order_id)) byVenueId.set(fill.order_id, null);
    }
    let published = 0;
    for (const [venueId, known] of byVenueId) {
      const order = known ?? (await this.order(venueId));
      if (!order) continue;
      published += await this.apply(order, fills);
    }
    this.cursor = startedAt;
    return published;
  }

  private async apply(order: AlpacaOrder, fills: readonly AlpacaFillActivity[]): Promise<number> {
    const before = await this.journal.get(this.accountId, order.client_order_id);
    if (!before) return 0; // not sent by Stratus (placed by hand in Alpaca's dashboard)
    const saved = await updateVenueRecord(this.journal, this.accountId, order.client_order_id, (current) =>
      applyOrderState(current, order, fills),
    );
    const entry = saved ?? before;
    let published = 0;
    if (saved) {
      const fresh = reportsOf(saved).slice(reportsOf(before).length);
      if (fresh.length) await this.sink.publish(fresh);
      published += fresh.length;
    }
    if (entry.exits) published += await this.applyExits(entry, order, fills);
    return published;
  }

  /** A bracket's exit legs into the journal's exits record (the platform's exit order). */
  private async applyExits(
    entry: VenueOrderRecord,
    order: AlpacaOrder,
    fills: readonly AlpacaFillActivity[],
  ) {
    const clientOrderId = entry.exits!.clientOrderId;
    const before = await this.journal.get(this.accountId, clientOrderId);
    if (!before) return 0;
    const saved = await updateVenueRecord(this.journal, this.accountId, clientOrderId, (current) =>
      applyExitsState(current, entry, order, fills),
    );
    if (!saved) return 0;
    const fresh = reportsOf(saved).slice(reportsOf(before).length);
    if (fresh.length) await this.sink.publish(fresh);
    return fresh.length;
  }

  /** Orders by status (`nested`: a spread's legs inside it, as Alpaca rolls them up). */
  private async ordersList(query: { status: 'open' | 'closed'; after?: string }): Promise<AlpacaOrder[]> {
    const response = await this.rest.trading('GET', '/v2/orders', {
      query: { ...query, direction: 'asc', limit: '500', nested: 'true' },
    });
    if (response.status !== 200) throw errorOf(response.status, response.body);
    return (response.body as unknown[]).map((item) => AlpacaOrder.parse(item));
  }

  private async order(venueId: string): Promise<AlpacaOrder | null> {
    const response = await this.rest.trading('GET', `/v2/orders/${encodeURIComponent(venueId)}`);
    if (response.status === 404) return null;
    if (response.status !== 200) throw errorOf(response.status, response.body);
    return AlpacaOrder.parse(response.body);
  }
}
