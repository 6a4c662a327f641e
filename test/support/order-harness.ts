import type { Quote } from '../../lib/core/market/quote';
import { defaultLimitSet, type RiskLimits, type RiskLimitSet } from '../../lib/core/risk/limits';
import { defaultAccountLimits } from '../../lib/app/risk/risk-context';
import { RiskModelCache } from '../../lib/app/risk/risk-model';
import { applyExecutionReport } from '../../lib/app/orders/apply-execution-report';
import type { OrderDependencies } from '../../lib/app/orders/order-dependencies';
import type { PlaceOrderRequest } from '../../lib/app/orders/place-order';
import { DEFAULT_ORDER_SETTINGS, type OrderSettings } from '../../lib/app/orders/order-settings';
import type { Broker, CancelAllResult, SubmitResult, VenueOrder } from '../../lib/app/ports/broker';
import type { ExecutionReport, ExecutionReportSink } from '../../lib/app/ports/execution-reports';
import type { WorkflowStatus, Workflows } from '../../lib/app/ports/workflows';
import { InMemoryVenueStore } from '../../lib/adapters/broker/in-memory-venue-store';
import { SimulatedOptionChains } from '../../lib/adapters/market-data/simulated-option-chains';
import { DEFAULT_PAPER_VENUE, PaperBroker } from '../../lib/adapters/broker/paper-broker';
import { SimulatedInstruments } from '../../lib/adapters/market-data/simulated-instruments';
import { SimulatedMarketData } from '../../lib/adapters/market-data/simulated-market-data';
import { InMemoryAccountRepository } from '../../lib/adapters/memory/in-memory-account-repository';
import { InMemoryOrderRepository } from '../../lib/adapters/memory/in-memory-order-repository';
import {
  InMemoryAlertStore,
  InMemoryEquitySnapshots,
  InMemoryAuditLog,
  InMemoryRiskLimitsRepository,
  RecordingAlertPublisher,
  InMemoryTradingStateRepository,
} from '../../lib/adapters/memory/in-memory-risk-stores';
import type { Order } from '../../lib/core/orders/order';

/** Monday 2026-11-23, 10:00 New York: the regular session is open. */
export const SESSION_OPEN_AT = new Date('2026-11-23T15:00:00Z');

/** An immediate market buy of AAPL, as a request to placeOrder; `extra` changes any field. */
export const marketBuy = (quantity: number, extra: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  symbol: 'AAPL',
  side: 'buy',
  quantity,
  orderType: 'market',
  timeInForce: 'day',
  execution: 'immediate',
  ...extra,
});

/** A settable clock, so tests move time explicitly. */
export class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = at;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Collects execution reports; tests deliver them when they choose (as the queue would, in order). */
export class QueuedReports implements ExecutionReportSink {
  readonly pending: ExecutionReport[] = [];
  readonly all: ExecutionReport[] = [];
  async publish(reports: readonly ExecutionReport[]): Promise<void> {
    this.pending.push(...reports);
    this.all.push(...reports);
  }
}

/** Records what reached the venue, around the real paper broker. */
export class RecordingBroker implements Broker {
  readonly submitted: VenueOrder[] = [];
  readonly cancels: string[] = [];
  constructor(private readonly inner: PaperBroker) {}
  async submit(order: VenueOrder): Promise<SubmitResult> {
    const result = await this.inner.submit(order);
    if (result.status === 'accepted') this.submitted.push(order);
    return result;
  }
  async cancel(accountId: string, clientOrderId: string): Promise<void> {
    this.cancels.push(clientOrderId);
    await this.inner.cancel(accountId, clientOrderId);
  }
  async cancelAll(accountId: string): Promise<CancelAllResult[]> {
    return this.inner.cancelAll(accountId);
  }
  async resend(accountId: string, clientOrderId: string): Promise<void> {
    await this.inner.resend(accountId, clientOrderId);
  }
  async knows(accountId: string, clientOrderId: string): Promise<boolean> {
    return this.inner.knows(accountId, clientOrderId);
  }
}

export class RecordingWorkflows implements Workflows {
  readonly started: string[] = [];
  readonly stopped: string[] = [];
  private readonly runs = new Map<string, WorkflowStatus>();
  async start(order: Order): Promise<void> {
    this.started.push(order.orderId);
    if (!this.runs.has(order.orderId) || this.runs.get(order.orderId) === 'absent')
      this.runs.set(order.orderId, 'running');
  }
  async stop(order: Order): Promise<void> {
    this.stopped.push(order.orderId);
    if (this.runs.has(order.orderId)) this.runs.set(order.orderId, 'ended');
  }
  async status(order: Order): Promise<WorkflowStatus> {
    return this.runs.get(order.orderId) ?? 'absent';
  }
  /** The run is gone without a trace, as a local host's restart loses its executions. */
  lose(orderId: string): void {
    this.runs.set(orderId, 'absent');
  }
  /** The run ended by itself where nothing caught it (its history full, a timeout). */
  die(orderId: string): void {
    this.runs.set(orderId, 'ended');
  }
}

export type HarnessDependencies = OrderDependencies & {
  audit: InMemoryAuditLog;
  riskLimits: InMemoryRiskLimitsRepository;
  alerts: InMemoryAlertStore;
  alertPublisher: RecordingAlertPublisher;
};

export interface Harness {
  deps: HarnessDependencies;
  /** The scripted simulated market the deps price from (quotes, history). */
  market: ScriptedMarketData;
  tradingStates: InMemoryTradingStateRepository;
  clock: TestClock;
  reports: QueuedReports;
  broker: RecordingBroker;
  paper: PaperBroker;
  workflows: RecordingWorkflows;
  /** Applies every queued report, in order, as the queue consumer would. */
  deliver(options?: { twice?: boolean }): Promise<number>;
  /** Sets the account's limits: the defaults with these changed (and optional overrides). */
  setLimits(
    accountId: string,
    limits: Partial<RiskLimits>,
    overrides?: Partial<Pick<RiskLimitSet, 'strategies' | 'symbols'>>,
  ): Promise<void>;
}

/**
 * The simulated market with some symbols' trades set by the test: a crafted path of prices, each
 * quoted with no spread (bid = ask = last) from when it is set. History stays the simulated one.
 */
export class ScriptedMarketData extends SimulatedMarketData {
  private readonly scripted = new Map<string, number>();
  constructor(private readonly scriptClock: TestClock) {
    super(scriptClock, 7);
  }
  trade(symbol: string, price: number): void {
    this.scripted.set(symbol, price);
  }
  override async getQuotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    const quotes = await super.getQuotes(symbols.filter((symbol) => !this.scripted.has(symbol)));
    for (const symbol of symbols) {
      const price = this.scripted.get(symbol);
      if (price !== undefined)
        quotes.set(symbol, { symbol, bid: price, ask: price, last: price, at: this.scriptClock.now() });
    }
    return quotes;
  }
}

export function orderHarness(
  options: { startingCash?: number; settings?: Partial<OrderSettings>; sharesPerLevel?: number } = {},
): Harness & { market: ScriptedMarketData } {
  const clock = new TestClock(SESSION_OPEN_AT);
  const reports = new QueuedReports();
  const instruments = new SimulatedInstruments();
  const marketData = new ScriptedMarketData(clock);
  const optionChains = new SimulatedOptionChains(marketData, clock);
  const paper = new PaperBroker(
    new InMemoryVenueStore(),
    marketData,
    instruments,
    clock,
    reports,
    {
      ...DEFAULT_PAPER_VENUE,
      book: {
        sharesPerLevel: options.sharesPerLevel ?? DEFAULT_PAPER_VENUE.book.sharesPerLevel,
        levels: 100,
      },
    },
    optionChains,
  );
  const broker = new RecordingBroker(paper);
  const workflows = new RecordingWorkflows();
  const tradingStates = new InMemoryTradingStateRepository();
  const deps: HarnessDependencies = {
    audit: new InMemoryAuditLog(),
    accounts: new InMemoryAccountRepository(),
    orders: new InMemoryOrderRepository(),
    broker,
    workflows,
    tradingStates,
    riskLimits: new InMemoryRiskLimitsRepository(tradingStates),
    riskModel: new RiskModelCache(marketData),
    alerts: new InMemoryAlertStore(),
    alertPublisher: new RecordingAlertPublisher(),
    equitySnapshots: new InMemoryEquitySnapshots(),
    instruments,
    marketData,
    optionChains,
    clock,
    settings: { ...DEFAULT_ORDER_SETTINGS, ...options.settings },
    startingCashCents: Math.round((options.startingCash ?? 1_000_000) * 100),
  };
  return {
    market: marketData,
    deps,
    tradingStates,
    clock,
    reports,
    broker,
    paper,
    workflows,
    async setLimits(accountId, limits, overrides = {}) {
      const { limits: current } = await deps.riskLimits.profile(accountId);
      await deps.riskLimits.save({
        ...defaultLimitSet(accountId, { ...defaultAccountLimits(deps.settings), ...limits }),
        ...overrides,
        version: (current?.version ?? 0) + 1,
        updatedAt: clock.now().toISOString(),
        updatedBy: 'test',
      });
    },
    async deliver({ twice = false } = {}) {
      let delivered = 0;
      while (reports.pending.length > 0) {
        const report = reports.pending.shift()!;
        await applyExecutionReport(deps, report);
        if (twice) await applyExecutionReport(deps, report);
        delivered++;
      }
      return delivered;
    },
  };
}
