import type { Broker, SubmitResult, VenueOrder } from '../../app/ports/broker';
import type { Clock } from '../../app/ports/clock';
import type { ExecutionReport, ExecutionReportSink } from '../../app/ports/execution-reports';
import type { Instruments } from '../../app/ports/instruments';
import type { MarketData } from '../../app/ports/market-data';
import { type CommissionModel, commissionCents } from '../../core/execution/commission';
import { type BookModel, walkBook } from '../../core/execution/fill-model';
import { ConcurrencyError } from '../../core/errors';
import { marketStatus } from '../../core/market/nyse-calendar';
import { toCents } from '../../core/money';
import { hashString } from '../market-data/value-noise';
import { reportCount } from './in-memory-venue-store';
import type { VenueExecution, VenueOrderRecord, VenueStore } from './venue-store';

export interface PaperVenueSettings {
  book: BookModel;
  commission: CommissionModel;
  /** Time from submission to the quote the order meets, in milliseconds. */
  latencyMs: number;
  /** Share of submissions the venue rejects (deterministic by client order id), 0–1. */
  rejectRate: number;
}

export const DEFAULT_PAPER_VENUE: PaperVenueSettings = {
  book: { sharesPerLevel: 500, levels: 100 },
  commission: { kind: 'per_share', perShare: 0.005, minimum: 1, maximumFraction: 0.01 },
  latencyMs: 25,
  rejectRate: 0,
};

/**
 * The paper venue: a simulated exchange behind the Broker port. It keeps its own durable book
 * (a retried submit with the same client order id never trades twice), meets each order with
 * the quote `latencyMs` after it arrives, and fills it by walking the simulated book up to the
 * order's limit — spread, size-dependent impact and partial fills follow. Unfilled quantity
 * rests (day, gtc) or is cancelled (ioc; fok fills all or nothing). Resting orders are matched
 * again by `matchResting`, which also expires day orders after the close and re-sends any
 * reports a crash kept from the queue. A cancel for an order it has not seen leaves a
 * tombstone, so that order is refused if it arrives later.
 */
export class PaperBroker implements Broker {
  constructor(
    private readonly store: VenueStore,
    private readonly marketData: MarketData,
    private readonly instruments: Instruments,
    private readonly clock: Clock,
    private readonly sink: ExecutionReportSink,
    private readonly settings: PaperVenueSettings = DEFAULT_PAPER_VENUE,
  ) {}

  async submit(order: VenueOrder): Promise<SubmitResult> {
    const now = this.clock.now();
    const record: VenueOrderRecord = {
      accountId: order.accountId,
      clientOrderId: order.clientOrderId,
      orderId: order.orderId,
      ...(order.parentId ? { parentId: order.parentId } : {}),
      symbol: order.symbol,
      side: order.side,
      quantity: order.quantity,
      limitPrice: order.limitPrice,
      timeInForce: order.timeInForce,
      status: 'open',
      filledQuantity: 0,
      executions: [],
      reportsPublished: 0,
      receivedAt: now.toISOString(),
      version: 1,
    };
    if (!(await this.store.create(record))) {
      const existing = await this.store.get(order.accountId, order.clientOrderId);
      if (
        existing?.status === 'canceled' &&
        existing.executions.length === 0 &&
        existing.reason === 'canceled before it arrived'
      ) {
        return { status: 'rejected', reason: 'canceled before it arrived' };
      }
      return existing?.status === 'rejected'
        ? { status: 'rejected', reason: existing.reason ?? 'rejected' }
        : { status: 'accepted' };
    }
    if (this.rejects(order.clientOrderId)) {
      await this.update(order.accountId, order.clientOrderId, (current) => ({
        ...current,
        status: 'rejected',
        reason: 'simulated venue reject',
      }));
      return { status: 'rejected', reason: 'simulated venue reject' };
    }
    await this.match(order.accountId, order.clientOrderId, new Date(now.getTime() + this.settings.latencyMs));
    return { status: 'accepted' };
  }

  async cancel(accountId: string, clientOrderId: string): Promise<void> {
    const existing = await this.store.get(accountId, clientOrderId);
    if (!existing) {
      const now = this.clock.now().toISOString();
      const tombstone: VenueOrderRecord = {
        accountId,
        clientOrderId,
        orderId: clientOrderId,
        symbol: '',
        side: 'buy',
        quantity: 0,
        limitPrice: 0,
        timeInForce: 'day',
        status: 'canceled',
        reason: 'canceled before it arrived',
        filledQuantity: 0,
        executions: [],
        reportsPublished: 1, // nothing to report: the platform never saw it working
        receivedAt: now,
        version: 1,
      };
      if (await this.store.create(tombstone)) return;
    }
    await this.update(accountId, clientOrderId, (current) =>
      current.status === 'open' ? { ...current, status: 'canceled', reason: 'canceled by request' } : null,
    );
    await this.publishPending(accountId, clientOrderId);
  }

  /** Matches resting orders against the current market, expires day orders after the close, re-sends unsent reports. */
  async matchResting(): Promise<number> {
    const now = this.clock.now();
    const status = marketStatus(now);
    let touched = 0;
    for (const record of await this.store.unsettled()) {
      if (record.status === 'open') {
        const received = new Date(record.receivedAt);
        const sessionEnded =
          !status.isOpen &&
          record.timeInForce === 'day' &&
          received < now &&
          marketStatus(received).nextClose <= now;
        if (sessionEnded) {
          await this.update(record.accountId, record.clientOrderId, (current) =>
            current.status === 'open'
              ? { ...current, status: 'expired', reason: 'day order expired at the close' }
              : null,
          );
        } else if (status.isOpen) {
          await this.match(record.accountId, record.clientOrderId, now);
          touched++;
          continue;
        }
      }
      await this.publishPending(record.accountId, record.clientOrderId);
      touched++;
    }
    return touched;
  }

  private async match(accountId: string, clientOrderId: string, at: Date): Promise<void> {
    const record = await this.store.get(accountId, clientOrderId);
    if (!record || record.status !== 'open') return this.publishPending(accountId, clientOrderId);
    const quote = (await this.marketData.getQuotes([record.symbol])).get(record.symbol);
    const instrument = await this.instruments.get(record.symbol);
    const open = marketStatus(at).isOpen;
    const levels =
      quote && instrument && open
        ? walkBook({
            side: record.side,
            quantity: record.quantity - record.filledQuantity,
            limitPrice: record.limitPrice,
            quote: { ...quote, at },
            tickSize: instrument.tickSize,
            book: this.settings.book,
          })
        : [];
    const quantity = levels.reduce((sum, level) => sum + level.quantity, 0);
    const allOrNothing = record.timeInForce === 'fok' && quantity < record.quantity - record.filledQuantity;
    await this.update(accountId, clientOrderId, (current) => {
      if (current.status !== 'open') return null;
      let next = current;
      if (quantity > 0 && !allOrNothing) {
        const notional = levels.reduce((sum, level) => sum + toCents(level.price * level.quantity), 0);
        const execution: VenueExecution = {
          sequence: current.executions.length + 1,
          quantity,
          notionalCents: notional,
          commissionCents: commissionCents(this.settings.commission, quantity, notional / 100 / quantity),
          at: at.toISOString(),
        };
        next = {
          ...next,
          filledQuantity: next.filledQuantity + quantity,
          executions: [...next.executions, execution],
        };
      }
      if (next.filledQuantity === next.quantity) return { ...next, status: 'filled', reason: 'filled' };
      if (next.timeInForce === 'ioc' || next.timeInForce === 'fok') {
        const why = !open
          ? 'market closed'
          : allOrNothing
            ? 'fill-or-kill could not fill in full'
            : 'no more liquidity inside the limit';
        return { ...next, status: 'canceled', reason: `${next.timeInForce}: ${why}` };
      }
      return next === current ? null : next;
    });
    await this.publishPending(accountId, clientOrderId);
  }

  /** Publishes the reports of an order not yet known to be on the queue, then records that they are. */
  private async publishPending(accountId: string, clientOrderId: string): Promise<void> {
    const record = await this.store.get(accountId, clientOrderId);
    if (!record || record.reportsPublished >= reportCount(record)) return;
    const reports = reportsOf(record).slice(record.reportsPublished);
    await this.sink.publish(reports);
    const published = record.reportsPublished + reports.length;
    await this.update(accountId, clientOrderId, (current) =>
      current.reportsPublished >= published ? null : { ...current, reportsPublished: published },
    );
  }

  private async update(
    accountId: string,
    clientOrderId: string,
    change: (record: VenueOrderRecord) => VenueOrderRecord | null,
  ): Promise<void> {
    for (let attempt = 1; attempt <= 25; attempt++) {
      const current = await this.store.get(accountId, clientOrderId);
      if (!current) return;
      const next = change(current);
      if (!next) return;
      try {
        await this.store.save({ ...next, version: current.version + 1 });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt === 25) throw error;
      }
    }
  }

  private rejects(clientOrderId: string): boolean {
    return this.settings.rejectRate > 0 && hashString(clientOrderId) / 0xffffffff < this.settings.rejectRate;
  }
}

/** Every report of a venue order, in order: one per execution, then the final one. Ids are stable. */
export function reportsOf(record: VenueOrderRecord): ExecutionReport[] {
  const base = {
    accountId: record.accountId,
    orderId: record.orderId,
    ...(record.parentId ? { parentId: record.parentId } : {}),
  };
  const reports: ExecutionReport[] = record.executions.map((execution) => ({
    kind: 'fill',
    reportId: `${record.clientOrderId}:fill:${execution.sequence}`,
    ...base,
    symbol: record.symbol,
    side: record.side,
    quantity: execution.quantity,
    notionalCents: execution.notionalCents,
    commissionCents: execution.commissionCents,
    at: execution.at,
  }));
  if (record.status !== 'open') {
    reports.push({
      kind: 'done',
      reportId: `${record.clientOrderId}:done`,
      ...base,
      outcome: record.status,
      reason: record.reason ?? record.status,
      at: record.executions.at(-1)?.at ?? record.receivedAt,
    });
  }
  return reports;
}
