import type { Broker, CancelAllResult, SubmitResult, VenueOrder } from '../../app/ports/broker';
import type { StopLoss } from '../../core/orders/order';
import type { BrokerBooks, BrokerCalendar } from '../../app/ports/broker-calendar';
import type { Clock } from '../../app/ports/clock';
import type { BrokerCalendarDay } from '../../core/market/calendar-cross-check';
import type { ExecutionReportSink } from '../../app/ports/execution-reports';
import { reportsOf } from '../broker/paper-broker';
import { updateVenueRecord, type VenueOrderRecord, type VenueStore } from '../broker/venue-store';
import { type AlpacaRest, AlpacaUnavailableError, errorOf } from './alpaca-rest';
import {
  AlpacaAccount,
  AlpacaCalendarDay,
  AlpacaCancelAllEntry,
  AlpacaClock,
  AlpacaOrder,
  AlpacaPosition,
} from './alpaca-schemas';
import { fillActivities } from './alpaca-activities';
import { applyOrderState } from './alpaca-order-state';

const DUPLICATE = /client_order_id must be unique/i;

/**
 * Alpaca (Trading API v2) behind the Broker port. Every order is journalled in a venue store
 * before it is sent — the same records the paper venue keeps — so reports carry the platform's
 * account and order ids and the same stable report ids, whichever broker filled them.
 *
 * Submission follows Alpaca's idempotency rules: the platform's deterministic `client_order_id`
 * is sent; "client_order_id must be unique" means the order may already exist, so it is looked
 * up instead of rejected; a timeout or 5xx is never answered with a new id — the order is looked
 * up by its client id, and sent again with the same id only if Alpaca does not have it.
 */
export class AlpacaBroker implements Broker, BrokerCalendar, BrokerBooks {
  constructor(
    private readonly rest: AlpacaRest,
    private readonly journal: VenueStore,
    private readonly sink: ExecutionReportSink,
    private readonly clock: Clock,
  ) {}

  async submit(order: VenueOrder): Promise<SubmitResult> {
    await this.journal.create(this.journalRecord(order));
    // A bracket's exits are journalled beside it: Alpaca's legs fill them (AlpacaTradeUpdates).
    if (order.exits) await this.journal.create(exitsRecord(order, this.clock.now()));
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        response = await this.rest.trading('POST', '/v2/orders', { body: orderBody(order) });
      } catch (error) {
        if (!(error instanceof AlpacaUnavailableError)) throw error;
        // The outcome is unknown: ask by client order id before anything else.
        const existing = await this.lookup(order.clientOrderId);
        if (existing) return this.accepted(order, existing);
        if (attempt >= 2) throw error;
        continue;
      }
      if (response.status === 200) return this.accepted(order, AlpacaOrder.parse(response.body));
      const problem = errorOf(response.status, response.body);
      if (response.status === 422 && DUPLICATE.test(problem.message)) {
        const existing = await this.lookup(order.clientOrderId);
        if (existing) return this.accepted(order, existing);
      }
      await updateVenueRecord(this.journal, order.accountId, order.clientOrderId, (record) =>
        record.status === 'open'
          ? {
              ...record,
              status: 'rejected',
              reason: problem.message,
              closedAt: this.clock.now().toISOString(),
            }
          : null,
      );
      return { status: 'rejected', reason: problem.message };
    }
  }

  async cancel(accountId: string, clientOrderId: string): Promise<void> {
    const record = await this.journal.get(accountId, clientOrderId);
    const venueId = record?.venueOrderId ?? (await this.lookup(clientOrderId))?.id;
    if (!venueId) return;
    // 204: the cancel is under way; 422: it can no longer be cancelled; 404: Alpaca never had it.
    // Either way the order's end arrives with the trade updates.
    await this.rest.trading('DELETE', `/v2/orders/${encodeURIComponent(venueId)}`);
  }

  async cancelAll(accountId: string): Promise<CancelAllResult[]> {
    const response = await this.rest.trading('DELETE', '/v2/orders');
    if (response.status !== 207 && response.status !== 200) throw errorOf(response.status, response.body);
    const entries = (response.body as unknown[]).map((entry) => AlpacaCancelAllEntry.parse(entry));
    const results: CancelAllResult[] = [];
    for (const entry of entries) {
      const fromBody = AlpacaOrder.safeParse(entry.body);
      const clientOrderId = fromBody.success
        ? fromBody.data.client_order_id
        : ((await this.byVenueId(entry.id))?.client_order_id ?? entry.id);
      const accepted = entry.status >= 200 && entry.status < 300;
      results.push({
        clientOrderId,
        accepted,
        ...(accepted ? {} : { reason: errorOf(entry.status, entry.body).message }),
      });
    }
    void accountId; // one Alpaca account serves one Stratus account
    return results;
  }

  async resend(accountId: string, clientOrderId: string): Promise<void> {
    const before = await this.journal.get(accountId, clientOrderId);
    if (!before) return;
    const order = await this.lookup(clientOrderId);
    const record = order ? ((await this.refresh(before, order)) ?? before) : before;
    await this.sink.publish(reportsOf(record));
  }

  async calendar(from: string, to: string): Promise<BrokerCalendarDay[]> {
    const response = await this.rest.trading('GET', '/v2/calendar', { query: { start: from, end: to } });
    if (response.status !== 200) throw errorOf(response.status, response.body);
    return (response.body as unknown[]).map((day) => AlpacaCalendarDay.parse(day));
  }

  async marketClock(): Promise<{ timestamp: string; isOpen: boolean }> {
    const response = await this.rest.trading('GET', '/v2/clock');
    if (response.status !== 200) throw errorOf(response.status, response.body);
    const clock = AlpacaClock.parse(response.body);
    return { timestamp: clock.timestamp, isOpen: clock.is_open };
  }

  async positions(): Promise<{ symbol: string; quantity: number; averagePrice: number }[]> {
    const response = await this.rest.trading('GET', '/v2/positions');
    if (response.status !== 200) throw errorOf(response.status, response.body);
    return (response.body as unknown[]).map((item) => {
      const position = AlpacaPosition.parse(item);
      return {
        symbol: position.symbol,
        quantity: Number(position.qty),
        averagePrice: Number(position.avg_entry_price),
      };
    });
  }

  async account(): Promise<{ cash: number; buyingPower: number; equity: number; tradingBlocked: boolean }> {
    const response = await this.rest.trading('GET', '/v2/account');
    if (response.status !== 200) throw errorOf(response.status, response.body);
    const account = AlpacaAccount.parse(response.body);
    return {
      cash: Number(account.cash),
      buyingPower: Number(account.buying_power),
      equity: Number(account.equity),
      tradingBlocked: account.trading_blocked ?? false,
    };
  }

  async knows(_accountId: string, clientOrderId: string): Promise<boolean> {
    return (await this.lookup(clientOrderId)) !== null;
  }

  /** Brings a journalled order up to date with Alpaca's view (its fills and its end). */
  async refresh(record: VenueOrderRecord, order: AlpacaOrder): Promise<VenueOrderRecord | null> {
    // Fills from a second before the order was created (activities have no order filter).
    const fills = await fillActivities(this.rest, new Date(Date.parse(order.created_at) - 1_000));
    return updateVenueRecord(this.journal, record.accountId, record.clientOrderId, (current) =>
      applyOrderState(current, order, fills),
    );
  }

  async lookup(clientOrderId: string): Promise<AlpacaOrder | null> {
    const response = await this.rest.trading('GET', '/v2/orders:by_client_order_id', {
      query: { client_order_id: clientOrderId },
    });
    if (response.status === 404) return null;
    if (response.status !== 200) throw errorOf(response.status, response.body);
    return AlpacaOrder.parse(response.body);
  }

  private async byVenueId(id: string): Promise<AlpacaOrder | null> {
    const response = await this.rest.trading('GET', `/v2/orders/${encodeURIComponent(id)}`);
    return response.status === 200 ? AlpacaOrder.parse(response.body) : null;
  }

  private async accepted(order: VenueOrder, venueOrder: AlpacaOrder): Promise<SubmitResult> {
    const saved = await updateVenueRecord(this.journal, order.accountId, order.clientOrderId, (record) =>
      record.venueOrderId ? null : { ...record, venueOrderId: venueOrder.id, acknowledged: true },
    );
    if (saved) await this.sink.publish(reportsOf(saved).slice(0, 1));
    return { status: 'accepted' };
  }

  private journalRecord(order: VenueOrder): VenueOrderRecord {
    return {
      ...order,
      status: 'open',
      filledQuantity: 0,
      executions: [],
      receivedAt: this.clock.now().toISOString(),
      version: 1,
    };
  }
}

/**
 * What `POST /v2/orders` takes for the order: a limit (market orders go as marketable limits);
 * an option contract with its `position_intent`; a spread as `order_class: "mleg"` — no symbol or
 * side of its own, its `legs` with `ratio_qty`, the net per unit as `limit_price` (a credit
 * negative). Options take `day` only, and prices in cents.
 */
export function orderBody(order: VenueOrder): Record<string, unknown> {
  const base = {
    qty: String(order.quantity),
    time_in_force: order.timeInForce,
    client_order_id: order.clientOrderId,
  };
  const legs = order.legs;
  if (!legs) return { ...base, symbol: order.symbol, side: order.side, ...shareOrderTerms(order) };
  const cents = order.limitPrice.toFixed(2);
  if (legs.length === 1) {
    const [leg] = legs as [NonNullable<VenueOrder['legs']>[number]];
    return {
      ...base,
      type: 'limit',
      symbol: leg.symbol,
      side: leg.side,
      limit_price: cents,
      ...(leg.positionIntent ? { position_intent: leg.positionIntent } : {}),
    };
  }
  return {
    ...base,
    type: 'limit',
    order_class: 'mleg',
    limit_price: cents,
    legs: legs.map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      ratio_qty: String(leg.ratio),
      ...(leg.positionIntent ? { position_intent: leg.positionIntent } : {}),
    })),
  };
}

/** A price as Alpaca takes it: cents at or above $1, four decimals below. */
function alpacaPrice(price: number): string {
  return price.toFixed(price >= 1 ? 2 : 4);
}

/**
 * A share order's type and prices: a limit (market orders go as marketable limits); a stop,
 * stop-limit or trailing stop with its trigger; an oco as its two exits (Alpaca's `oco` class:
 * the take-profit limit is the order's own).
 */
function shareOrderTerms(order: VenueOrder): Record<string, unknown> {
  const trigger = order.trigger;
  if (order.exits) {
    // A bracket (both exits) or an oto (one): Alpaca works the exits once the entry fills.
    const { takeProfit, stopLoss } = order.exits;
    return {
      type: 'limit',
      limit_price: alpacaPrice(order.limitPrice),
      order_class: takeProfit !== undefined && stopLoss ? 'bracket' : 'oto',
      ...exitTerms(takeProfit, stopLoss),
    };
  }
  if (order.oco) {
    const { takeProfit, stopLoss } = order.oco;
    return {
      type: 'limit',
      order_class: 'oco',
      limit_price: alpacaPrice(takeProfit ?? order.limitPrice),
      ...exitTerms(takeProfit, stopLoss),
    };
  }
  if (!trigger) return { type: 'limit', limit_price: alpacaPrice(order.limitPrice) };
  if (trigger.type === 'trailing_stop') {
    const trail = trigger.trail!;
    return 'price' in trail
      ? { type: 'trailing_stop', trail_price: alpacaPrice(trail.price) }
      : { type: 'trailing_stop', trail_percent: String(trail.percent) };
  }
  return trigger.type === 'stop_limit'
    ? {
        type: 'stop_limit',
        stop_price: alpacaPrice(trigger.stopPrice!),
        limit_price: alpacaPrice(order.limitPrice),
      }
    : { type: 'stop', stop_price: alpacaPrice(trigger.stopPrice!) };
}

/** Alpaca's `take_profit` and `stop_loss` objects. */
function exitTerms(takeProfit: number | undefined, stopLoss: StopLoss | undefined): Record<string, unknown> {
  return {
    ...(takeProfit === undefined ? {} : { take_profit: { limit_price: alpacaPrice(takeProfit) } }),
    ...(stopLoss
      ? {
          stop_loss: {
            stop_price: alpacaPrice(stopLoss.stopPrice),
            ...(stopLoss.limitPrice === undefined ? {} : { limit_price: alpacaPrice(stopLoss.limitPrice) }),
          },
        }
      : {}),
  };
}

/**
 * A bracket's exits as the journal keeps them: one record for both of Alpaca's exit legs (the
 * platform's exit order), sized as the entry fills, filled by whichever leg Alpaca fills.
 */
function exitsRecord(order: VenueOrder, now: Date): VenueOrderRecord {
  const exits = order.exits!;
  return {
    accountId: order.accountId,
    clientOrderId: exits.clientOrderId,
    orderId: exits.orderId,
    entryClientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side === 'buy' ? 'sell' : 'buy',
    quantity: 0,
    limitPrice: exits.takeProfit ?? 0.01,
    timeInForce: order.timeInForce,
    oco: {
      ...(exits.takeProfit === undefined ? {} : { takeProfit: exits.takeProfit }),
      ...(exits.stopLoss ? { stopLoss: exits.stopLoss } : {}),
    },
    status: 'open',
    filledQuantity: 0,
    executions: [],
    receivedAt: now.toISOString(),
    version: 1,
  };
}
