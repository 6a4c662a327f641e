import { reportArchiveOf } from '../../lib/adapters/reports/report-archive-of';
import type { ReportArchive } from '../../lib/app/ports/report-archive';
import { DynamoDbNotificationSettings } from '../../lib/adapters/dynamodb/dynamodb-notification-settings';
import { DEFAULT_ORDER_SETTINGS, type OrderSettings } from '../../lib/app/orders/order-settings';
import type { DependencyCheck } from '../../lib/app/ports/dependency-check';
import { OffsetClock } from '../../lib/adapters/clock/offset-clock';
import { createDocumentClient, type DocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbAccountRepository } from '../../lib/adapters/dynamodb/dynamodb-account-repository';
import { DynamoDbOrderRepository } from '../../lib/adapters/dynamodb/dynamodb-order-repository';
import type { AccountRepository } from '../../lib/app/ports/account-repository';
import type { OrderRepository } from '../../lib/app/ports/order-repository';
import type { RiskLimitsRepository } from '../../lib/app/ports/risk-limits-repository';
import type { TradingStateRepository } from '../../lib/app/ports/trading-state-repository';
import { DynamoDbAuditLog } from '../../lib/adapters/dynamodb/dynamodb-audit-log';
import { DynamoDbAlertStore } from '../../lib/adapters/dynamodb/dynamodb-alert-store';
import { DynamoDbBacktestStore } from '../../lib/adapters/dynamodb/dynamodb-backtest-store';
import { QUEUES } from '../../lib/adapters/sqs/queue-specs';
import { SqsBacktestJobs } from '../../lib/adapters/sqs/sqs-backtest-jobs';
import { createSqsChannel } from '../../lib/adapters/sqs/sqs-channel';
import { lazily } from './lazily';
import { DynamoDbEquitySnapshots } from '../../lib/adapters/dynamodb/dynamodb-equity-snapshots';
import type { BacktestDependencies } from '../../lib/app/backtest/run-backtest';
import { DynamoDbStrategyConfigRepository } from '../../lib/adapters/dynamodb/dynamodb-strategy-config-repository';
import { SimulatedOptionChains } from '../../lib/adapters/market-data/simulated-option-chains';
import type { SignalDependencies } from '../../lib/app/strategies/latest-signals';
import { DynamoDbRiskLimitsRepository } from '../../lib/adapters/dynamodb/dynamodb-risk-limits-repository';
import { RiskModelCache } from '../../lib/app/risk/risk-model';
import { DynamoDbTableCheck } from '../../lib/adapters/dynamodb/dynamodb-table-check';
import { DynamoDbTradingStateRepository } from '../../lib/adapters/dynamodb/dynamodb-trading-state-repository';
import { ALL_TABLES, TABLES, tableNameFromEnv } from '../../lib/adapters/dynamodb/table-specs';
import { SimulatedInstruments } from '../../lib/adapters/market-data/simulated-instruments';
import { SimulatedMarketData } from '../../lib/adapters/market-data/simulated-market-data';
import { AlpacaMarketData } from '../../lib/adapters/alpaca/alpaca-market-data';
import { alpacaCredentials } from '../../lib/adapters/alpaca/alpaca-credentials';
import { AlpacaRest } from '../../lib/adapters/alpaca/alpaca-rest';
import { AlpacaOptionChains } from '../../lib/adapters/alpaca/alpaca-option-chains';
import type { OptionChains } from '../../lib/app/ports/option-chains';
import type { MarketData } from '../../lib/app/ports/market-data';
import type { IntradayBars, PriceHistory } from '../../lib/app/ports/price-history';
import { toCents } from '../../lib/core/money';
import { readSettings, type Settings } from '../../lib/platform/settings';
import { currentFunctionScope } from '../../lib/platform/function-scope';
import { datasetStoreOf } from '../../lib/adapters/datasets/dataset-store-of';
import { DATASETS_ENV, REPORTS_ENV } from '../../lib/platform/function-access';

/**
 * The composition root of the Lambda functions: adapters built from the environment, each
 * only when first used (a function touches only what it needs, and needs only the variables
 * of what it touches). Rebuilt when the environment changes (a test process that starts a
 * second local host gets fresh clients pointed at the new endpoints).
 */
export class Dependencies {
  readonly settings: Settings;
  readonly clock: OffsetClock;
  /** The simulated market: the paper venue's prices, and the option chains in every mode. */
  readonly simulatedMarket: SimulatedMarketData;
  readonly instruments = new SimulatedInstruments();
  private readonly memo = new Map<string, unknown>();

  constructor(readonly env: NodeJS.ProcessEnv) {
    this.settings = readSettings(env);
    this.clock = new OffsetClock(this.settings.clockOffsetMs, this.settings.clockStoppedAt);
    this.simulatedMarket = new SimulatedMarketData(this.clock, this.settings.marketSeed);
  }

  /** Quotes and history: Alpaca's data when Alpaca is the broker, the simulated market otherwise. */
  get marketData(): MarketData & PriceHistory & IntradayBars {
    const broker = this.settings.broker;
    if (broker.kind === 'paper') return this.simulatedMarket;
    return this.once(
      'alpaca-market-data',
      () =>
        new AlpacaMarketData(this.alpacaRest, this.clock, {
          maxAgeMs: this.settings.quoteMaxAgeMs,
          feed: broker.feed,
        }),
    );
  }

  /** The one Alpaca REST client of this process (its rate budget is shared by every call). */
  get alpacaRest(): AlpacaRest {
    const broker = this.settings.broker;
    if (broker.kind !== 'alpaca') throw new Error('Alpaca is not the configured broker (STRATUS_BROKER)');
    return this.once(
      'alpaca-rest',
      () =>
        new AlpacaRest({
          tradingUrl: broker.tradingUrl,
          dataUrl: broker.dataUrl,
          credentials: alpacaCredentials(broker.secretArn, this.env),
        }),
    );
  }

  get startingCashCents(): number {
    return toCents(this.settings.startingCash);
  }

  get documents(): DocumentClient {
    return this.once('documents', () => createDocumentClient(this.env));
  }

  get accounts(): AccountRepository {
    return this.once(
      'accounts',
      () => new DynamoDbAccountRepository(this.documents, tableNameFromEnv(TABLES.accounts, this.env)),
    );
  }

  get orders(): OrderRepository {
    return this.once(
      'orders',
      () => new DynamoDbOrderRepository(this.documents, tableNameFromEnv(TABLES.orders, this.env)),
    );
  }

  get healthChecks(): DependencyCheck[] {
    return this.once('health', () =>
      ALL_TABLES.map(
        (spec) => new DynamoDbTableCheck(this.documents, spec, tableNameFromEnv(spec, this.env)),
      ),
    );
  }

  get tradingStates(): TradingStateRepository {
    return this.riskState.tradingStates;
  }

  get riskLimits(): RiskLimitsRepository {
    return this.riskState.limits;
  }

  /** Limits and trading states share the risk table's account partition (one read for both). */
  private get riskState(): { limits: RiskLimitsRepository; tradingStates: TradingStateRepository } {
    return this.once('risk-state', () => {
      const table = tableNameFromEnv(TABLES.risk, this.env);
      const now = () => this.clock.now();
      const limits = new DynamoDbRiskLimitsRepository(this.documents, table, now);
      const tradingStates = new DynamoDbTradingStateRepository(this.documents, table, now);
      return { limits, tradingStates };
    });
  }

  get alerts(): DynamoDbAlertStore {
    return this.once(
      'alerts',
      () => new DynamoDbAlertStore(this.documents, tableNameFromEnv(TABLES.risk, this.env)),
    );
  }

  /** The report archive this function is told of (STRATUS_REPORTS), made once per container. */
  reportArchive(): Promise<ReportArchive> {
    return this.once('report-archive', () => reportArchiveOf(this.required(REPORTS_ENV), this.env));
  }

  get notificationSettings(): DynamoDbNotificationSettings {
    return this.once(
      'notification-settings',
      () => new DynamoDbNotificationSettings(this.documents, tableNameFromEnv(TABLES.risk, this.env)),
    );
  }

  get strategies(): DynamoDbStrategyConfigRepository {
    return this.once(
      'strategies',
      () =>
        new DynamoDbStrategyConfigRepository(this.documents, tableNameFromEnv(TABLES.strategies, this.env)),
    );
  }

  get equitySnapshots(): DynamoDbEquitySnapshots {
    return this.once(
      'equity-snapshots',
      () => new DynamoDbEquitySnapshots(this.documents, tableNameFromEnv(TABLES.risk, this.env)),
    );
  }

  /** Option chains: Alpaca's option snapshots when Alpaca is the broker, the simulated chains otherwise. */
  get optionChains(): OptionChains {
    return this.once('option-chains', () =>
      this.settings.broker.kind === 'alpaca'
        ? new AlpacaOptionChains(this.alpacaRest, this.marketData, this.clock)
        : new SimulatedOptionChains(this.simulatedMarket, this.clock),
    );
  }

  /** Covariances for the VaR checks, cached for the day across invocations of a warm container. */
  get riskModel(): RiskModelCache {
    return this.once('risk-model', () => new RiskModelCache(this.marketData));
  }

  get audit(): DynamoDbAuditLog {
    return this.once(
      'audit',
      () => new DynamoDbAuditLog(this.documents, tableNameFromEnv(TABLES.audit, this.env)),
    );
  }

  /** The order settings from the environment. */
  get orderSettings(): OrderSettings {
    return this.once('order-settings', () => ({
      ...DEFAULT_ORDER_SETTINGS,
      routing: this.settings.routing,
      ...(this.settings.costRouting ? { costRouting: this.settings.costRouting } : {}),
      defaultMaxSlippageBps: this.settings.maxSlippageBps,
      maxOrderQuantity: this.settings.maxOrderQuantity,
      maxOrderNotional: this.settings.maxOrderNotional,
      priceCollarFraction: this.settings.priceCollarFraction,
      commission: this.settings.commission,
      optionCommission: this.settings.options.commission,
    }));
  }

  /** What applying execution reports needs: no broker, no workflows. */
  get reportDependencies() {
    return { accounts: this.accounts, orders: this.orders, clock: this.clock };
  }

  /** Memoizes one value per instance (per environment). */
  once<T>(key: string, build: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, build());
    return this.memo.get(key) as T;
  }

  /** An environment variable the host must have set. */
  required(name: string): string {
    const value = this.env[name];
    if (!value) throw new Error(`${name} is not set: the host must provide it`);
    return value;
  }
}
let lambdaContainer: Dependencies | undefined;

/**
 * The dependencies of the function this code runs for, built on first use and kept for the
 * container's life: in Lambda the process (from `process.env`); on the local host the
 * function's own container (lib/platform/function-scope.ts), so no two functions share a
 * repository, client or cache. The local host moves its session clock by changing
 * STRATUS_CLOCK_OFFSET_MS in each container's environment: the same objects, a new time.
 */
export function dependencies(): Dependencies {
  const scope = currentFunctionScope();
  if (!scope) return (lambdaContainer ??= new Dependencies(process.env));
  let deps = scope.built as Dependencies | undefined;
  if (!deps) {
    deps = new Dependencies(scope.env);
    scope.built = deps;
  } else if (
    String(deps.clock.offsetMs) !== (scope.env.STRATUS_CLOCK_OFFSET_MS ?? '0') ||
    String(deps.clock.stoppedAt ?? '') !== (scope.env.STRATUS_CLOCK_STOPPED_AT ?? '')
  ) {
    const settings = readSettings(scope.env);
    deps.clock.setOffset(settings.clockOffsetMs);
    deps.clock.setStoppedAt(settings.clockStoppedAt);
  }
  return deps;
}

/** What the strategy routes need: configurations, instruments, the account (performance), the engine's minute bars and chains. */
export function strategyDependencies(): SignalDependencies {
  const deps = dependencies();
  return deps.once('strategy-dependencies', () => ({
    strategies: deps.strategies,
    audit: deps.audit,
    instruments: deps.instruments,
    accounts: deps.accounts,
    clock: deps.clock,
    bars: deps.marketData,
    warmupBars: deps.settings.warmupBars,
    chains: deps.optionChains,
  }));
}

/** The backtests' store, history and queue; the runner adds where the compute runs (its memory). */
export function backtestDependencies(): Omit<BacktestDependencies, 'compute'> {
  const once = <T>(make: () => Promise<T>) => {
    let made: Promise<T> | undefined;
    return () => (made ??= make());
  };
  const deps = dependencies();
  return deps.once('backtest-dependencies', () => ({
    backtests: new DynamoDbBacktestStore(deps.documents, tableNameFromEnv(TABLES.backtests, deps.env)),
    history: deps.marketData,
    clock: deps.clock,
    // Only the API function queues backtests (and is told the queue); the runner never does.
    jobs: lazily(
      () => new SqsBacktestJobs(createSqsChannel(deps.env), deps.required(QUEUES.backtestJobs.envVar)),
    ),
    datasets: once(() => datasetStoreOf(deps.required(DATASETS_ENV), deps.env)),
  }));
}
