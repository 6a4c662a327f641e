import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbTradingStateRepository } from '../../lib/adapters/dynamodb/dynamodb-trading-state-repository';
import { TABLES, tableNameFromEnv } from '../../lib/adapters/dynamodb/table-specs';
import { QUEUES } from '../../lib/adapters/sqs/queue-specs';
import { createSqsChannel } from '../../lib/adapters/sqs/sqs-channel';
import { functionAccessKey } from '../../lib/local/local-iam';
import type { LocalHost } from '../../lib/local/local-host';
import { WORKFLOWS } from '../../lib/workflows/workflow-specs';
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { RECONCILE_AFTER_MS } from '../../lib/app/orders/reconcile-orders';
import { localClientConfig } from '../../lib/local/local-client-config';
import { call, startTestHost } from '../support/local-host';

/**
 * The deploy-breakers the strict local host exposes: each function with only its own
 * environment, objects and grants, as in AWS. Every test here failed on the shared-everything
 * host's code once that host was made strict.
 */
const post = (host: LocalHost, path: string, body?: unknown) =>
  call(`${host.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('the strict local host: functions that send, watch and reconcile orders', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ startingCash: 1_000_000, waitOverrideMs: 0, scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('works a TWAP order to the end through the workflow function, releasing its reservation', async () => {
    const placed = await post(host, '/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 60,
      execution: 'twap',
    });
    expect(placed.status).toBe(201);
    const order = placed.body as { id: string; execution: string };
    expect(order.execution).toBe('twap');
    await host.settle();
    const done = (await call(`${host.url}/api/orders/${order.id}`)).body as {
      status: string;
      filled_quantity: number;
    };
    expect(done).toMatchObject({ status: 'filled', filled_quantity: 60 });
    const portfolio = (await call(`${host.url}/api/portfolio`)).body as {
      cash: number;
      buying_power: number;
    };
    expect(portfolio.buying_power).toBe(portfolio.cash); // nothing left reserved
  });

  it('runs the risk monitor (its metrics published), the reconciler, the venue matcher and the pre-market job', async () => {
    const monitor = (await host.runScheduled('riskMonitor')) as {
      metrics: Record<string, number>;
      accounts: number;
    };
    expect(monitor.accounts).toBe(1);
    expect(monitor.metrics).toHaveProperty('DailyLossLimitUtilization');
    expect(await host.runScheduled('reconcileOrders')).toMatchObject({ asked: expect.any(Number) });
    expect(await host.runScheduled('venueMatcher')).toMatchObject({ touched: expect.any(Number) });
    expect(await host.runScheduled('preMarket')).toMatchObject({ ran: expect.any(Boolean) });
  });

  it('lets the reconciler cancel a parent whose run died uncaught, its resting clip at the venue included', async () => {
    const quotes = (await call(`${host.url}/api/market/quotes?symbols=KO`)).body as {
      quotes: { bid: number }[];
    };
    const placed = await post(host, '/api/orders', {
      symbol: 'KO',
      side: 'buy',
      quantity: 100,
      order_type: 'limit',
      price: Math.round(quotes.quotes[0]!.bid * 80) / 100,
      execution: 'iceberg',
      iceberg: { display_quantity: 10 },
    });
    expect(placed.status).toBe(201);
    const id = (placed.body as { id: string }).id;
    // Its execution ends as if its history had filled up: no Catch, no wind-down.
    const sfn = new SFNClient(localClientConfig(host.endpoints.stepFunctions));
    try {
      const machine = host.operatorEnvironment()[WORKFLOWS.iceberg.envVar]!;
      await sfn.send(
        new StopExecutionCommand({
          executionArn: `${machine.replace(':stateMachine:', ':execution:')}:${id}`,
        }),
      );
    } finally {
      sfn.destroy();
    }
    host.setClock(new Date(Date.now() + host.clockOffsetMs + RECONCILE_AFTER_MS + 1_000));
    await host.runScheduled('reconcileOrders');
    await host.settle();
    const order = (await call(`${host.url}/api/orders/${id}`)).body as {
      status: string;
      children: { status: string }[];
    };
    expect(order.status).toBe('canceled');
    expect(order.children.every((child) => child.status === 'canceled')).toBe(true);
  });

  it('lets the reconciler resume TWAP and iceberg runs (StartExecution), as a restart on kept data needs', () => {
    const key = functionAccessKey('reconcileOrders');
    for (const workflow of [WORKFLOWS.twap, WORKFLOWS.iceberg]) {
      const arn = host.environmentOf('reconcileOrders')[workflow.envVar];
      expect(arn).toBeDefined();
      expect(() => host.iam.authorize(key, 'states:StartExecution', [arn!])).not.toThrow();
    }
  });

  it('answers GET /api/health 200: the system function describes every table it checks', async () => {
    const health = await call(`${host.url}/api/health`);
    expect(health.status).toBe(200);
    const checks = (health.body as { checks: { name: string; status: string }[] }).checks;
    expect(checks).toHaveLength(Object.keys(TABLES).length);
    expect(checks.every((check) => check.status === 'ok')).toBe(true);
  });
});

describe('the strict local host: a fresh container for every invocation', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ containers: 'cold', waitOverrideMs: 0, scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('serves reads of accounts from functions that may only read them (no write hides in a read)', async () => {
    expect((await post(host, '/api/orders', { symbol: 'MSFT', side: 'buy', quantity: 2 })).status).toBe(201);
    await host.settle();
    const created = await post(host, '/api/strategies/create', { template_id: 'fast-ema-tech', name: 'EMA' });
    expect(created.status).toBe(201);
    // The strategies function reads the account (the configuration's live performance): read-only access.
    const config = await call(`${host.url}/api/strategies/${(created.body as { id: string }).id}`);
    expect(config.status).toBe(200);
    // A fresh container sees the last write's ledger entries in the account's outbox.
    const ledger = await call(`${host.url}/api/portfolio/ledger`);
    expect(ledger.status).toBe(200);
    expect((ledger.body as { entries: unknown[] }).entries.length).toBeGreaterThanOrEqual(2);
    expect(await host.runScheduled('reconcileOrders')).toMatchObject({ asked: 0 });
  });
});

describe('the strict local host: a risk monitor that fails halts trading', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ waitOverrideMs: 0, scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('reads three failed runs as a silent monitor: every account halted, the failures queued, the alert published', async () => {
    expect((await call(`${host.url}/api/portfolio`)).status).toBe(200); // opens the paper account
    await host.runScheduled('riskMonitor');
    // An account item the monitor cannot read makes every run fail, as a broken deploy would.
    const operator = host.operatorEnvironment();
    const documents = createDocumentClient(operator);
    await documents.send(
      new PutCommand({
        TableName: tableNameFromEnv(TABLES.accounts, operator),
        Item: { pk: 'ACCOUNT#paper', sk: 'STATE', accountId: 'paper', version: 99, document: '{not json' },
      }),
    );
    for (let run = 0; run < 3; run++) await expect(host.runScheduled('riskMonitor')).rejects.toThrow();
    expect(host.alarms.state('RiskMonitorSilent')).toBe('ALARM');
    await host.settle();

    const states = new DynamoDbTradingStateRepository(
      documents,
      tableNameFromEnv(TABLES.risk, operator),
      () => new Date(),
    );
    expect((await states.get('paper')).state).toBe('HALTED');
    expect(host.alerts.some((alert) => alert.subject?.includes('EMERGENCY_STOP'))).toBe(true);
    const failures = await createSqsChannel(operator).call('ReceiveMessage', {
      QueueUrl: operator[QUEUES.failedInvocations.envVar]!,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
    });
    const records = (failures.Messages ?? []).map(
      (message) => JSON.parse(message.Body!) as { requestContext: { functionArn: string } },
    );
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(
      records.every((record) => record.requestContext.functionArn.endsWith(':stratus-riskMonitor')),
    ).toBe(true);
  });
});
