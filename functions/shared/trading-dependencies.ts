import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkClientSettings, withoutSdkLogging } from '../../lib/adapters/sdk-client';
import { createSqsChannel } from '../../lib/adapters/sqs/sqs-channel';
import type { OrderDependencies } from '../../lib/app/orders/order-dependencies';
import type { RiskDependencies } from '../../lib/app/risk/emergency-stop';
import { DynamoDbVenueStore } from '../../lib/adapters/broker/dynamodb-venue-store';
import { PaperBroker } from '../../lib/adapters/broker/paper-broker';
import { SimulatedOptionChains } from '../../lib/adapters/market-data/simulated-option-chains';
import { AlpacaBroker } from '../../lib/adapters/alpaca/alpaca-broker';
import { AlpacaTradeUpdates } from '../../lib/adapters/alpaca/alpaca-trade-updates';
import type { Broker } from '../../lib/app/ports/broker';
import { TABLES, tableNameFromEnv } from '../../lib/adapters/dynamodb/table-specs';
import { SfnWorkflows } from '../../lib/adapters/sfn/sfn-workflows';
import { QUEUES } from '../../lib/adapters/sqs/queue-specs';
import { SqsExecutionReportSink } from '../../lib/adapters/sqs/sqs-execution-report-sink';
import { WORKFLOWS } from '../../lib/workflows/workflow-specs';
import type { AlertPublisher } from '../../lib/app/ports/risk-alerts';
import { LogAlertPublisher } from '../../lib/adapters/sns/sns-alert-publisher';
import { logger } from '../../lib/api/observability';
import { ALERT_TOPIC_ENV } from '../../lib/platform/function-access';
import { paperBook } from '../../lib/platform/settings';
import { dependencies } from './dependencies';
import { lazily } from './lazily';
import type { EngineDependencies } from '../../lib/app/engine/engine-dependencies';
import { DynamoDbEngineStore } from '../../lib/adapters/dynamodb/dynamodb-engine-store';

/**
 * The trading half of the composition root: the broker (the paper venue, its queue) and the
 * workflows. Only functions that send orders import it, so the others' bundles carry neither
 * the SQS nor the Step Functions client (module init is most of a cold start).
 */
export function paperBroker(): PaperBroker {
  const base = dependencies();
  return base.once('broker', () => {
    const { settings } = base;
    return new PaperBroker(
      venueStore(),
      base.simulatedMarket,
      base.instruments,
      base.clock,
      reportSink(),
      {
        book: paperBook(settings),
        ...(settings.paper.impact ? { impact: settings.paper.impact } : {}),
        commission: settings.commission,
        options: settings.options,
        latencyMs: settings.paper.latencyMs,
        rejectRate: settings.paper.rejectRate,
      },
      new SimulatedOptionChains(base.simulatedMarket, base.clock),
    );
  });
}

function venueStore(): DynamoDbVenueStore {
  const base = dependencies();
  return base.once(
    'venue-store',
    () => new DynamoDbVenueStore(base.documents, tableNameFromEnv(TABLES.venue, base.env)),
  );
}

function reportSink(): SqsExecutionReportSink {
  const base = dependencies();
  return base.once(
    'report-sink',
    () =>
      new SqsExecutionReportSink(createSqsChannel(base.env), base.required(QUEUES.executionReports.envVar)),
  );
}

/**
 * Alpaca behind the Broker port, its trade-update poller and the calendar it answers for. Orders
 * are journalled in the venue table (the paper venue's), so reports and reconciliation are the same.
 */
export function alpaca(): { broker: AlpacaBroker; updates: AlpacaTradeUpdates; accountId: string } {
  const base = dependencies();
  return base.once('alpaca', () => {
    const settings = base.settings.broker;
    if (settings.kind !== 'alpaca') throw new Error('Alpaca is not the configured broker (STRATUS_BROKER)');
    return {
      broker: new AlpacaBroker(base.alpacaRest, venueStore(), reportSink(), base.clock),
      updates: new AlpacaTradeUpdates(
        base.alpacaRest,
        venueStore(),
        reportSink(),
        base.clock,
        settings.accountId,
      ),
      accountId: settings.accountId,
    };
  });
}

/** The configured broker: the paper venue (default) or Alpaca (STRATUS_BROKER=alpaca-paper|alpaca-live). */
export function broker(): Broker {
  return dependencies().settings.broker.kind === 'alpaca' ? alpaca().broker : paperBroker();
}

/** Everything the order use cases need. */
export function orderDependencies(): OrderDependencies {
  const base = dependencies();
  // Every store but the accounts (which every caller touches, and whose identity keys its
  // group commit) is built on first use: a function has the variables and grants of only the
  // tables, queue and state machines it touches (the risk monitor never sends an order).
  return base.once('order-dependencies', () => ({
    accounts: base.accounts,
    orders: lazily(() => base.orders),
    broker: lazily(broker),
    workflows: lazily(
      () =>
        new SfnWorkflows(withoutSdkLogging(new SFNClient(sdkClientSettings('SFN', base.env))), {
          twap: base.required(WORKFLOWS.twap.envVar),
          iceberg: base.required(WORKFLOWS.iceberg.envVar),
        }),
    ),
    tradingStates: lazily(() => base.tradingStates),
    riskLimits: lazily(() => base.riskLimits),
    riskModel: base.riskModel,
    audit: lazily(() => base.audit),
    alerts: lazily(() => base.alerts),
    alertPublisher: alertPublisher(),
    notificationSettings: lazily(() => base.notificationSettings),
    equitySnapshots: lazily(() => base.equitySnapshots),
    instruments: base.instruments,
    marketData: base.marketData,
    optionChains: base.optionChains,
    clock: base.clock,
    startingCashCents: base.startingCashCents,
    settings: base.orderSettings,
  }));
}

function engineStore(): DynamoDbEngineStore {
  const base = dependencies();
  return base.once(
    'engine-store',
    () => new DynamoDbEngineStore(base.documents, tableNameFromEnv(TABLES.engine, base.env)),
  );
}

/** The engine: the order path plus its store, the configurations and market history. */
export function engineDependencies(): EngineDependencies {
  const base = dependencies();
  return base.once('engine-dependencies', () => ({
    ...orderDependencies(),
    engine: engineStore(),
    strategies: base.strategies,
    bars: base.marketData,
    history: base.marketData,
    chains: base.optionChains,
    warmupBars: base.settings.warmupBars,
  }));
}

/** The order dependencies plus the audit log: what the kill switch needs. */
export function riskDependencies(): RiskDependencies {
  const base = dependencies();
  return base.once('risk-dependencies', () => ({
    ...orderDependencies(),
    // The stop pauses the engine's sessions where the host has the engine table.
    ...(base.env[TABLES.engine.envVar] ? { engine: engineStore() } : {}),
  }));
}

/**
 * Alerts go to the SNS topic (STRATUS_ALERT_TOPIC_ARN, given to the functions that may publish:
 * in AWS the stack's topic, locally the host's stand-in); a host without one (tests of a use
 * case) writes them to the log at their level. The SNS client is loaded on the first publication.
 */
export function alertPublisher(): AlertPublisher {
  const base = dependencies();
  return base.once('alert-publisher', (): AlertPublisher => {
    const topicArn = base.env[ALERT_TOPIC_ENV];
    if (!topicArn)
      return new LogAlertPublisher((message, alert) =>
        alert.level === 'critical'
          ? logger.error(message, { alert })
          : alert.level === 'warning'
            ? logger.warn(message, { alert })
            : logger.info(message, { alert }),
      );
    return {
      async publish(alert) {
        const [{ SNSClient }, { SnsAlertPublisher }] = await Promise.all([
          import('@aws-sdk/client-sns'),
          import('../../lib/adapters/sns/sns-alert-publisher'),
        ]);
        await new SnsAlertPublisher(
          withoutSdkLogging(new SNSClient(sdkClientSettings('SNS', base.env))),
          topicArn,
        ).publish(alert);
      },
    };
  });
}
