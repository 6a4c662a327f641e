import type { Broker, CancelAllResult, SubmitResult, VenueOrder } from '../../app/ports/broker';
import type { Clock } from '../../app/ports/clock';
import type { ExecutionReport, ExecutionReportSink } from '../../app/ports/execution-reports';
import type { Instruments } from '../../app/ports/instruments';
import type { MarketData } from '../../app/ports/market-data';
import {
  type CommissionModel,
  DEFAULT_COMMISSION,
  DEFAULT_OPTION_COMMISSION,
} from '../../core/execution/commission';
import type { BookModel } from '../../core/execution/fill-model';
import { type ImpactModel, recovered } from '../../core/execution/impact-book';
import { readChangeWrite } from '../../app/orders/retrying';
import { marketStatus } from '../../core/market/nyse-calendar';
import { hashString } from '../market-data/value-noise';
import { matchRecord } from './paper-matching';
import { matchOptionRecord } from './option-matching';
import { triggerPass } from './stop-matching';
import type { OptionChains } from '../../app/ports/option-chains';
import { quoteContracts } from '../../app/options/leg-quotes';
import { DEFAULT_OPTION_FILL, type OptionFillModel } from '../../core/options/option-fill';
import { updateVenueRecord, type VenueOrderRecord, type VenueStore } from './venue-store';

export interface PaperVenueSettings {
  /** Option orders: where in the spread they fill and the per-contract commission (absent: the venue takes no option orders). */
  options?: { fill: OptionFillModel; commission: CommissionModel };
  /** The flat book: depth at each tick (used when there is no impact model, or no liquidity for a symbol). */
  book: BookModel;
  /** The impact book (square-root law, depth that recovers): lib/core/execution/impact-book.ts. */
  impact?: ImpactModel;
  commission: CommissionModel;
  /** Time from submission to the quote the order meets, in milliseconds. */
  latencyMs: number;
  /** Share of submissions the venue rejects (deterministic by client order id), 0–1. */
  rejectRate: number;
}

export const DEFAULT_PAPER_VENUE: PaperVenueSettings = {
  book: { sharesPerLevel: 500, levels: 100 },
  commission: DEFAULT_COMMISSION,
  options: { fill: DEFAULT_OPTION_FILL, commission: DEFAULT_OPTION_COMMISSION },
  latencyMs: 25,
  rejectRate: 0,
};

const CANCELED_BEFORE_ARRIVAL = 'canceled before it arrived';

/** Conditional writes of a symbol's book depth before a pass gives up (backing off between them). */
const DEPTH_WRITE_ATTEMPTS = 200;

/**
 * The paper venue: a simulated exchange behind the Broker port. It keeps its own durable book
 * (a retried submit with the same client order id never trades twice), meets each order with
 * the quote `latencyMs` after it arrives, and fills it by walking the simulated book up to the
 * order's limit — spread, size-dependent impact and partial fills follow. Unfilled quantity
 * rests (day, gtc) or is cancelled (ioc; fok fills all or nothing). A submission is one write:
 * the order is matched before it is stored; its reports are sent after. Resting orders are
 * matched again by `matchResting`, which also expires day orders after the close. A cancel for
 * an order it has not seen leaves a tombstone, so that order is refused if it arrives later.
 * `resend` re-sends an order's reports for the platform's reconciliation.
 */
export class PaperBroker implements Broker {
  constructor(
    private readonly store: VenueStore,
    private readonly marketData: MarketData,
    private readonly instruments: Instruments,
    private readonly clock: Clock,
    private readonly sink: ExecutionReportSink,
    private readonly settings: PaperVenueSettings = DEFAULT_PAPER_VENUE,
    /** The chains option orders fill against (the simulated market's). */
    private readonly chains?: OptionChains,
  ) {}

  async submit(order: VenueOrder): Promise<SubmitResult> {
    const now = this.clock.now();
    const received: VenueOrderRecord = {
      accountId: order.accountId,
      clientOrderId: order.clientOrderId,
      orderId: order.orderId,
      ...(order.parentId ? { parentId: order.parentId } : {}),
      ...(order.legs ? { legs: order.legs } : {}),
      ...(order.trigger ? { trigger: order.trigger } : {}),
      ...(order.oco ? { oco: order.oco } : {}),
      ...(order.exits ? { exits: order.exits } : {}),
      ...(order.maxSlippageBps === undefined ? {} : { maxSlippageBps: order.maxSlippageBps }),
      symbol: order.symbol,
      side: order.side,
      quantity: order.quantity,
      limitPrice: order.limitPrice,
      timeInForce: order.timeInForce,
      status: 'open',
      filledQuantity: 0,
      executions: [],
      receivedAt: now.toISOString(),
      version: 1,
    };
    const record = this.rejects(order.clientOrderId)
      ? {
          ...received,
          status: 'rejected' as const,
          reason: 'simulated venue reject',
          closedAt: received.receivedAt,
        }
      : await this.matchOnce(received, new Date(now.getTime() + this.settings.latencyMs));
    // Still working after its first pass: the venue acknowledges it. One that finished on arrival
    // needs no `accepted` report — its fill or its end says it all (one consumer pass fewer).
    if (record.status === 'open') record.acknowledged = true;
    if (!(await this.store.create(record))) {
      const existing = await this.store.get(order.accountId, order.clientOrderId);
      if (existing?.status === 'canceled' && existing.reason === CANCELED_BEFORE_ARRIVAL) {
        return { status: 'rejected', reason: CANCELED_BEFORE_ARRIVAL };
      }
      return existing?.status === 'rejected'
        ? { status: 'rejected', reason: existing.reason ?? 'rejected' }
        : { status: 'accepted' };
    }
    if (record.status === 'rejected') return { status: 'rejected', reason: record.reason ?? 'rejected' };
    await this.sink.publish(reportsOf(record));
    await this.syncExits(record);
    return { status: 'accepted' };
  }

  async cancel(accountId: string, clientOrderId: string): Promise<void> {
    const at = this.clock.now().toISOString();
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
      reason: CANCELED_BEFORE_ARRIVAL,
      filledQuantity: 0,
      executions: [],
      receivedAt: at,
      closedAt: at,
      version: 1,
    };
    if (await this.store.create(tombstone)) return; // never seen: nothing to report; a late arrival is refused
    const changed = await updateVenueRecord(this.store, accountId, clientOrderId, (current) =>
      current.status === 'open'
        ? { ...current, status: 'canceled', reason: 'canceled by request', closedAt: at }
        : null,
    );
    if (changed) {
      await this.sink.publish(reportsOf(changed).slice(-1));
      await this.syncExits(changed);
    }
  }

  async cancelAll(accountId: string): Promise<CancelAllResult[]> {
    const working = (await this.store.unsettled()).filter((record) => record.accountId === accountId);
    const results: CancelAllResult[] = [];
    for (const record of working) {
      await this.cancel(accountId, record.clientOrderId);
      results.push({ clientOrderId: record.clientOrderId, accepted: true });
    }
    return results;
  }

  async resend(accountId: string, clientOrderId: string): Promise<void> {
    const record = await this.store.get(accountId, clientOrderId);
    if (record && record.reason !== CANCELED_BEFORE_ARRIVAL) await this.sink.publish(reportsOf(record));
  }

  async knows(accountId: string, clientOrderId: string): Promise<boolean> {
    return (await this.store.get(accountId, clientOrderId)) !== null;
  }

  /** Matches resting orders against the current market and expires day orders after the close. */
  async matchResting(): Promise<number> {
    const now = this.clock.now();
    const status = marketStatus(now);
    let touched = 0;
    for (const record of await this.store.unsettled()) {
      const sessionEnded =
        !status.isOpen &&
        record.timeInForce === 'day' &&
        marketStatus(new Date(record.receivedAt)).nextClose <= now;
      let changed: VenueOrderRecord | null = null;
      if (sessionEnded) {
        changed = await updateVenueRecord(this.store, record.accountId, record.clientOrderId, (current) =>
          current.status === 'open'
            ? {
                ...current,
                status: 'expired',
                reason: 'day order expired at the close',
                closedAt: now.toISOString(),
              }
            : null,
        );
      } else if (status.isOpen) {
        changed = await updateVenueRecord(
          this.store,
          record.accountId,
          record.clientOrderId,
          async (current) => {
            const next = await this.matchOnce(current, now);
            return next === current ? null : next;
          },
        );
      }
      if (changed) {
        // Reports for what this pass added to a working order: new executions, and the end if it came.
        await this.sink.publish(reportsOf(changed).slice(reportsOf(record).length));
        await this.syncExits(changed);
        touched++;
      }
    }
    return touched;
  }

  /**
   * One matching pass. With an impact book, the depth earlier orders took from the symbol's
   * book is read (recovered to now), and what this pass took is written back conditionally
   * before the order is: two passes at once on a symbol never both take the same depth (the
   * loser backs off and matches again on the new depth). A pass whose order write then fails has still
   * taken its depth — it comes back at the half-life.
   */
  private async matchOnce(record: VenueOrderRecord, at: Date): Promise<VenueOrderRecord> {
    if (record.status !== 'open') return record;
    if (record.legs) return this.matchOptions(record, at);
    const quote = (await this.marketData.getQuotes([record.symbol])).get(record.symbol);
    const open = marketStatus(at).isOpen;
    // A stop or an exit pair trades only once triggered, and then at the limit its trigger gives.
    const armed = triggerPass(record, open && quote ? { ...quote, at } : undefined, at);
    if (armed.limit === null) return armed.record;
    const trading = { ...armed.record, limitPrice: armed.limit };
    const instrument = await this.instruments.get(record.symbol);
    const market = { quote: quote ? { ...quote, at } : undefined, instrument, open, at };
    const impact = this.settings.impact;
    const restored = (matched: VenueOrderRecord) => ({ ...matched, limitPrice: record.limitPrice });
    if (!impact || !instrument?.liquidity)
      return restored(matchRecord(trading, market, this.settings).record);
    const { next } = await readChangeWrite({
      read: () => this.store.depthTaken(record.symbol),
      change: (stored) =>
        matchRecord(
          trading,
          { ...market, taken: recovered(stored.taken, at.getTime(), impact) },
          this.settings,
        ),
      write: async (stored, matched) => {
        if (matched.taken)
          await this.store.saveDepthTaken(record.symbol, { taken: matched.taken, version: stored.version });
      },
      // Every order on a symbol meets this one item: a burst of them is a queue, not a failure.
      attempts: DEPTH_WRITE_ATTEMPTS,
    });
    return restored(next!.record);
  }

  /** An option order's pass: its legs against the chains' quotes now (no shared depth: the chain shows its sizes afresh). */
  private async matchOptions(record: VenueOrderRecord, at: Date): Promise<VenueOrderRecord> {
    const options = this.settings.options;
    if (!options || !this.chains) {
      return {
        ...record,
        status: 'rejected',
        reason: 'this venue takes no option orders',
        closedAt: at.toISOString(),
      };
    }
    const { quotes, missing } = await quoteContracts(
      this.chains,
      record.legs!.map((leg) => leg.symbol),
    );
    return matchOptionRecord(
      record,
      { quotes: missing.length === 0 ? quotes : null, open: marketStatus(at).isOpen, at },
      options,
    );
  }

  /**
   * A bracket's two sides kept in step: the exits (one oco record) work for what the entry has
   * filled, created at its first fill and grown with each; an entry that ends without a fill ends
   * its exits too; exits that fired while the entry still works cancel the entry's remainder
   * (the position they closed must not reopen unprotected).
   */
  private async syncExits(record: VenueOrderRecord): Promise<void> {
    if (record.entryClientOrderId) {
      if (record.status !== 'open') {
        const entry = await this.store.get(record.accountId, record.entryClientOrderId);
        if (entry?.status === 'open') await this.cancel(entry.accountId, entry.clientOrderId);
      }
      return;
    }
    const exits = record.exits;
    if (!exits || (record.filledQuantity === 0 && record.status === 'open')) return;
    const at = this.clock.now().toISOString();
    const fresh: VenueOrderRecord = {
      accountId: record.accountId,
      clientOrderId: exits.clientOrderId,
      orderId: exits.orderId,
      entryClientOrderId: record.clientOrderId,
      symbol: record.symbol,
      side: record.side === 'buy' ? 'sell' : 'buy',
      quantity: record.filledQuantity,
      limitPrice: exits.takeProfit ?? 0.01,
      timeInForce: record.timeInForce,
      oco: {
        ...(exits.takeProfit === undefined ? {} : { takeProfit: exits.takeProfit }),
        ...(exits.stopLoss ? { stopLoss: exits.stopLoss } : {}),
      },
      ...(record.maxSlippageBps === undefined ? {} : { maxSlippageBps: record.maxSlippageBps }),
      status: record.filledQuantity === 0 ? 'canceled' : 'open',
      ...(record.filledQuantity === 0 ? { reason: 'the entry ended without a fill', closedAt: at } : {}),
      filledQuantity: 0,
      executions: [],
      receivedAt: at,
      acknowledged: true,
      amendments: [{ sequence: 1, at, quantity: record.filledQuantity }],
      version: 1,
    };
    if (await this.store.create(fresh)) {
      await this.sink.publish(reportsOf(fresh));
      return;
    }
    const before = await this.store.get(record.accountId, exits.clientOrderId);
    const grown = await updateVenueRecord(this.store, record.accountId, exits.clientOrderId, (current) =>
      current.status === 'open' && current.quantity < record.filledQuantity
        ? {
            ...current,
            quantity: record.filledQuantity,
            amendments: [
              ...(current.amendments ?? []),
              { sequence: (current.amendments?.length ?? 0) + 1, at, quantity: record.filledQuantity },
            ],
          }
        : null,
    );
    if (grown && before) await this.sink.publish(reportsOf(grown).slice(reportsOf(before).length));
  }

  private rejects(clientOrderId: string): boolean {
    return this.settings.rejectRate > 0 && hashString(clientOrderId) / 0xffffffff < this.settings.rejectRate;
  }
}

/**
 * Every report of a venue order, in order, with stable ids: accepted, one per execution, then
 * how it ended — folded into the last execution's report when that execution ended it.
 */
export function reportsOf(record: VenueOrderRecord): ExecutionReport[] {
  const base = {
    accountId: record.accountId,
    orderId: record.orderId,
    ...(record.parentId ? { parentId: record.parentId } : {}),
  };
  const reports: ExecutionReport[] = record.acknowledged
    ? [{ kind: 'accepted', reportId: `${record.clientOrderId}:accepted`, ...base, at: record.receivedAt }]
    : [];
  const final =
    record.status === 'open' ? undefined : { outcome: record.status, reason: record.reason ?? record.status };
  const last = record.executions.at(-1);
  const foldFinal = final !== undefined && last !== undefined && last.at === record.closedAt;
  // Amendments (a trigger, a trail, an exit sized) go in time order with the fills, each before a fill at its instant.
  const amendments = [...(record.amendments ?? [])];
  const amendUpTo = (at: string | null) => {
    while (amendments.length > 0 && (at === null || amendments[0]!.at <= at)) {
      const change = amendments.shift()!;
      reports.push({
        kind: 'amend',
        reportId: `${record.clientOrderId}:amend:${change.sequence}`,
        ...base,
        ...change,
      });
    }
  };
  for (const execution of record.executions) {
    amendUpTo(execution.at);
    reports.push({
      kind: 'fill',
      reportId: `${record.clientOrderId}:fill:${execution.sequence}`,
      ...base,
      symbol: record.symbol,
      side: record.side,
      quantity: execution.quantity,
      notionalCents: execution.notionalCents,
      commissionCents: execution.commissionCents,
      at: execution.at,
      ...(execution.bid !== undefined && execution.ask !== undefined
        ? { quote: { bid: execution.bid, ask: execution.ask } }
        : {}),
      ...(execution.legs ? { legs: execution.legs } : {}),
      ...(foldFinal && execution === last ? { final } : {}),
    });
  }
  amendUpTo(null);
  if (final && !foldFinal) {
    reports.push({
      kind: 'done',
      reportId: `${record.clientOrderId}:done`,
      ...base,
      ...final,
      at: record.closedAt ?? record.receivedAt,
    });
  }
  return reports;
}
