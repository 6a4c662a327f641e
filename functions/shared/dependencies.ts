import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_ORDER_SETTINGS } from '../../lib/app/orders/order-settings';
import type { OrderDependencies } from '../../lib/app/orders/order-dependencies';
import type { DependencyCheck } from '../../lib/app/ports/dependency-check';
import { DynamoDbVenueStore } from '../../lib/adapters/broker/dynamodb-venue-store';
import { PaperBroker } from '../../lib/adapters/broker/paper-broker';
import { OffsetClock } from '../../lib/adapters/clock/offset-clock';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbAccountRepository } from '../../lib/adapters/dynamodb/dynamodb-account-repository';
import { DynamoDbOrderRepository } from '../../lib/adapters/dynamodb/dynamodb-order-repository';
import { DynamoDbTableCheck } from '../../lib/adapters/dynamodb/dynamodb-table-check';
import { ALL_TABLES, TABLES, tableNameFromEnv } from '../../lib/adapters/dynamodb/table-specs';
import { SimulatedInstruments } from '../../lib/adapters/market-data/simulated-instruments';
import { SimulatedMarketData } from '../../lib/adapters/market-data/simulated-market-data';
import { SfnWorkflows } from '../../lib/adapters/sfn/sfn-workflows';
import { QUEUES } from '../../lib/adapters/sqs/queue-specs';
import { SqsExecutionReportSink } from '../../lib/adapters/sqs/sqs-execution-report-sink';
import { toCents } from '../../lib/core/money';
import { WORKFLOWS } from '../../lib/workflows/workflow-specs';
import { readSettings, type Settings } from './settings';

/**
 * The composition root of the Lambda functions: adapters built from the environment, each
 * only when first used (a function touches only what it needs, and needs only the variables
 * of what it touches). Rebuilt when the environment changes (a test process that starts a
 * second local host gets fresh clients pointed at the new endpoints).
 */
export class Dependencies {
  readonly settings: Settings;
  readonly clock: OffsetClock;
  readonly marketData: SimulatedMarketData;
  readonly instruments = new SimulatedInstruments();
  private readonly memo = new Map<string, unknown>();

  constructor(private readonly env: NodeJS.ProcessEnv) {
    this.settings = readSettings(env);
    this.clock = new OffsetClock(this.settings.clockOffsetMs);
    this.marketData = new SimulatedMarketData(this.clock, this.settings.marketSeed);
  }

  get startingCashCents(): number {
    return toCents(this.settings.startingCash);
  }

  get documents(): DynamoDBDocumentClient {
    return this.once('documents', () => createDocumentClient());
  }

  get accounts(): DynamoDbAccountRepository {
    return this.once(
      'accounts',
      () => new DynamoDbAccountRepository(this.documents, tableNameFromEnv(TABLES.accounts, this.env)),
    );
  }

  get orders(): DynamoDbOrderRepository {
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

  get broker(): PaperBroker {
    return this.once('broker', () => {
      const queueUrl = this.required(QUEUES.executionReports.envVar);
      return new PaperBroker(
        new DynamoDbVenueStore(this.documents, tableNameFromEnv(TABLES.venue, this.env)),
        this.marketData,
        this.instruments,
        this.clock,
        new SqsExecutionReportSink(new SQSClient({ useQueueUrlAsEndpoint: false }), queueUrl),
        {
          book: { sharesPerLevel: this.settings.paper.sharesPerLevel, levels: 100 },
          commission: this.settings.commission,
          latencyMs: this.settings.paper.latencyMs,
          rejectRate: this.settings.paper.rejectRate,
        },
      );
    });
  }

  get workflows(): SfnWorkflows {
    return this.once(
      'workflows',
      () =>
        new SfnWorkflows(new SFNClient({}), {
          twap: this.required(WORKFLOWS.twap.envVar),
          iceberg: this.required(WORKFLOWS.iceberg.envVar),
        }),
    );
  }

  /** What the order use cases need. */
  get orderDependencies(): OrderDependencies {
    return this.once('order-deps', () => ({
      accounts: this.accounts,
      orders: this.orders,
      broker: this.broker,
      workflows: this.workflows,
      instruments: this.instruments,
      marketData: this.marketData,
      clock: this.clock,
      startingCashCents: this.startingCashCents,
      settings: {
        ...DEFAULT_ORDER_SETTINGS,
        routing: this.settings.routing,
        defaultMaxSlippageBps: this.settings.maxSlippageBps,
        maxOrderQuantity: this.settings.maxOrderQuantity,
        maxOrderNotional: this.settings.maxOrderNotional,
        priceCollarFraction: this.settings.priceCollarFraction,
        commission: this.settings.commission,
      },
    }));
  }

  private once<T>(key: string, build: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, build());
    return this.memo.get(key) as T;
  }

  private required(name: string): string {
    const value = this.env[name];
    if (!value) throw new Error(`${name} is not set: the host must provide it`);
    return value;
  }
}

let cached: { fingerprint: string; deps: Dependencies } | undefined;

export function dependencies(env: NodeJS.ProcessEnv = process.env): Dependencies {
  const fingerprint = Object.entries(env)
    .filter(
      ([name]) => name.startsWith('STRATUS_') || name.startsWith('AWS_ENDPOINT_URL') || name === 'AWS_REGION',
    )
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('|');
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, deps: new Dependencies(env) };
  return cached.deps;
}
