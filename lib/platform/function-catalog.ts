import type { TableName } from '../adapters/dynamodb/table-specs';
import type { QueueName } from '../adapters/sqs/queue-specs';

/** `describe`: the table's status only (health), no item; `read`: items; `readwrite`: items, written. */
export type TableAccess = 'describe' | 'read' | 'readwrite';

/** A Lambda function: its entry file and the least access it needs. */
export interface FunctionSpec {
  readonly entry: string;
  readonly description: string;
  readonly tables: Partial<Record<TableName, TableAccess>>;
  /** The queues it sends to. */
  readonly sendsTo?: readonly QueueName[];
  /**
   * The queue that invokes it (an SQS event source): `batchSize` messages an invocation, and at
   * most `maxConcurrency` invocations at once (Lambda's floor is 2; the local host runs one).
   */
  readonly consumes?: {
    readonly queue: QueueName;
    readonly batchSize: number;
    readonly maxConcurrency?: number;
  };
  /** Starts and stops TWAP/iceberg executions. */
  readonly managesWorkflows?: boolean;
  /**
   * Subscribed to the alert topic (SNS invokes it asynchronously with each message): delivers
   * alerts to the trader's webhook, whose URL is a secret it alone may read.
   */
  readonly subscribesToAlerts?: boolean;
  /** Reads the datasets (bars kept by `stratus data`: S3 in AWS, files locally). */
  readonly readsDatasets?: boolean;
  /** Keeps reports in the report archive (S3 in AWS, files locally): lists, reads and writes its objects. */
  readonly writesReports?: boolean;
  /** Lists and reads the report archive (the API's list and downloads), without writing. */
  readonly readsReports?: boolean;
  /** Fans large sweeps out on the sweep state machine (starts and stops its executions). */
  readonly startsSweeps?: boolean;
  /** How often the local host runs it (default 2 s, so the paper venue feels live); AWS uses scheduleSeconds. */
  readonly localScheduleSeconds?: number;
  /** Returns the risk metrics each run (published as EMF; the alarms of lib/app/risk/risk-alarms.ts watch them). */
  readonly publishesRiskMetrics?: boolean;
  /** Invoked by the CloudWatch alarms that halt trading. */
  readonly haltsOnAlarm?: boolean;
  /** Publishes the alerts it raises to the alert topic (the trader's channels subscribe to it). */
  readonly publishesAlerts?: boolean;
  /** The engine's cycle: every this many seconds during the session (EventBridge + an Express state machine in AWS). */
  readonly cycleSeconds?: number;
  /**
   * Does its work once a day from this New York time on weekdays: EventBridge Scheduler asks
   * every 5 minutes from then until 15:55 (the function does the work on the first ask and
   * answers "already ran" after), so a host that was down or deployed late catches up.
   */
  readonly dailyAt?: string;
  /** The last New York time of the day it is asked at (default 15:55, the session's last ask). */
  readonly dailyUntil?: string;
  /** Runs on a schedule (EventBridge in AWS, a timer locally), every this many seconds. */
  readonly scheduleSeconds?: number;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  /**
   * The local host runs at most this many invocations at once, the rest waiting their turn before
   * their timeout starts: one process has the cores that each Lambda invocation has to itself, and
   * an invocation that uses every core is not helped by a second beside it.
   */
  readonly localConcurrency?: number;
  /** Invoked by Cognito (a user-pool trigger) rather than by a route, a queue or a schedule. */
  readonly cognitoTrigger?: 'postAuthentication';
}

/**
 * What a function that sends or stops orders touches: the money (accounts), the orders, the
 * paper venue, the risk state (limits, alerts, trading state) and the audit log of its decisions.
 */
const TRADING_TABLES = {
  accounts: 'readwrite',
  orders: 'readwrite',
  venue: 'readwrite',
  risk: 'readwrite',
  audit: 'readwrite',
} as const;

/**
 * Every Lambda function of Stratus. CDK deploys one function per entry with exactly these
 * grants; the local host loads the same entry files; the bench bundles and times them.
 */
export const FUNCTIONS = {
  system: {
    entry: 'functions/http/system.ts',
    description: 'Health (dependency checks, market clock), the OpenAPI document, unknown routes',
    // Health describes every table (its status), and reads no item of any.
    tables: {
      accounts: 'describe',
      orders: 'describe',
      venue: 'describe',
      risk: 'describe',
      audit: 'describe',
      strategies: 'describe',
      backtests: 'describe',
      engine: 'describe',
    },
  },
  portfolio: {
    entry: 'functions/http/portfolio.ts',
    description: 'Cash, buying power, equity, positions, the cash ledger and live performance',
    // orders: the reports' execution quality.
    tables: { accounts: 'readwrite', risk: 'read', orders: 'read' },
    readsReports: true,
  },
  orders: {
    entry: 'functions/http/orders.ts',
    description:
      'Place, list, inspect and cancel orders (through the pre-trade risk engine); execution metrics',
    tables: TRADING_TABLES,
    sendsTo: ['executionReports'],
    managesWorkflows: true,
    publishesAlerts: true,
  },
  risk: {
    entry: 'functions/http/risk.ts',
    description:
      'The risk picture, limits and alerts; the emergency stop (kill switch) with its audited reset',
    // Reads the configurations a per-strategy limit names (an override for none is refused).
    tables: { ...TRADING_TABLES, engine: 'readwrite', strategies: 'read' },
    sendsTo: ['executionReports'],
    managesWorkflows: true,
    // A manual emergency stop raises a critical alert: it goes to the alert topic as an alarm's does.
    publishesAlerts: true,
  },
  strategies: {
    entry: 'functions/http/strategies.ts',
    description: 'Strategy types, versioned configurations, templates and signals',
    tables: { strategies: 'readwrite', accounts: 'read', audit: 'readwrite' },
  },
  backtests: {
    entry: 'functions/http/backtests.ts',
    description:
      'Accepts backtests and parameter sweeps (checked, stored, queued for the runner) and reads them back',
    // strategies: a configuration's versions, to compare them.
    tables: { backtests: 'readwrite', strategies: 'read' },
    sendsTo: ['backtestJobs'],
    readsDatasets: true,
    timeoutSeconds: 29,
  },
  backtestRunner: {
    entry: 'functions/queue/backtest-runner.ts',
    description:
      'Runs queued backtests one at a time per invocation (the compute on a worker thread) and stores their results',
    tables: { backtests: 'readwrite' },
    consumes: { queue: 'backtestJobs', batchSize: 1, maxConcurrency: 2 },
    startsSweeps: true,
    readsDatasets: true,
    memoryMb: 3008,
    timeoutSeconds: 900,
  },
  sweepWorker: {
    entry: 'functions/workflows/sweep-worker.ts',
    description:
      'The steps of a large sweep fanned out on a Distributed Map: runs a chunk of combinations on every core and stores each run; ranks them all at the end',
    tables: { backtests: 'readwrite' },
    readsDatasets: true,
    memoryMb: 3008,
    timeoutSeconds: 900,
    localConcurrency: 1,
  },
  alertDelivery: {
    entry: 'functions/notify/alert-delivery.ts',
    description:
      "Delivers the alert topic's messages to the trader's webhook (Slack-compatible JSON): the channel's level filter and rate limit with digests, retries; records each delivery",
    tables: { risk: 'readwrite' },
    subscribesToAlerts: true,
    // Each minute: the digest of a storm whose window has closed goes out though no alert follows.
    scheduleSeconds: 60,
    localScheduleSeconds: 10,
    timeoutSeconds: 60,
  },
  executionReports: {
    entry: 'functions/queue/execution-reports.ts',
    description: 'Applies fills and order outcomes from the venues, exactly once, in order per account',
    // risk: the alerts it raises (an order that filled large).
    tables: { accounts: 'readwrite', orders: 'readwrite', risk: 'readwrite' },
    consumes: { queue: 'executionReports', batchSize: 10 },
    timeoutSeconds: 30,
    publishesAlerts: true,
  },
  workParentOrder: {
    entry: 'functions/workflows/work-parent-order.ts',
    description:
      'The steps of the TWAP and iceberg state machines (each slice re-checked by the risk engine)',
    tables: TRADING_TABLES,
    sendsTo: ['executionReports'],
    timeoutSeconds: 30,
    publishesAlerts: true,
  },
  venueMatcher: {
    entry: 'functions/scheduled/venue-matcher.ts',
    description:
      "The venue's upkeep: paper matches resting orders and expires day orders; Alpaca's order updates are polled into the report queue (and its calendar cross-checked)",
    tables: { venue: 'readwrite', risk: 'readwrite', accounts: 'read' },
    publishesAlerts: true,
    sendsTo: ['executionReports'],
    scheduleSeconds: 60,
    timeoutSeconds: 55,
  },
  reconcileOrders: {
    entry: 'functions/scheduled/reconcile-orders.ts',
    description:
      'Reconciles open orders with the broker: re-sends the reports of orders open for over 30 s; at a start on kept data, ends the orders a crash interrupted and resumes their TWAP/iceberg runs',
    // venue: cancelling a parent whose run died cancels its working slices at the paper venue.
    tables: { accounts: 'readwrite', orders: 'readwrite', venue: 'readwrite', risk: 'read' },
    sendsTo: ['executionReports'],
    managesWorkflows: true,
    scheduleSeconds: 60,
    timeoutSeconds: 55,
  },
  riskMonitor: {
    entry: 'functions/scheduled/risk-monitor.ts',
    description:
      'Measures every account (daily P&L, VaR, concentration, streaks), raises limit alerts, trips the losing-streak breaker, publishes the metrics the alarms watch',
    tables: { accounts: 'readwrite', risk: 'readwrite', audit: 'readwrite' },
    scheduleSeconds: 60,
    localScheduleSeconds: 5,
    timeoutSeconds: 55,
    publishesRiskMetrics: true,
    publishesAlerts: true,
  },
  optionExpiry: {
    entry: 'functions/scheduled/option-expiry.ts',
    description:
      "Settles expired options after each expiration's close: worthless, or exercised and assigned at the underlying's close, with ledger entries that explain each",
    tables: { accounts: 'readwrite' },
    scheduleSeconds: 300,
    localScheduleSeconds: 60,
    timeoutSeconds: 120,
  },
  riskAlarm: {
    entry: 'functions/alarms/risk-alarm.ts',
    description:
      'The kill switch pulled by a CloudWatch alarm: halts the breaching accounts, cancels their orders',
    tables: { ...TRADING_TABLES, engine: 'readwrite' },
    sendsTo: ['executionReports'],
    managesWorkflows: true,
    haltsOnAlarm: true,
    publishesAlerts: true,
    timeoutSeconds: 60,
  },
  engine: {
    entry: 'functions/http/engine.ts',
    description:
      'Trading sessions (start, stop, pause, resume, status), the day plan, market conditions, closing a position by hand',
    tables: { ...TRADING_TABLES, engine: 'readwrite', strategies: 'readwrite' },
    sendsTo: ['executionReports'],
    managesWorkflows: true,
    publishesAlerts: true,
  },
  engineCycle: {
    entry: 'functions/cycle/engine-cycle.ts',
    description:
      'One cycle of the strategy engine under a lease: market data once, every active strategy, signals to orders through risk, exits',
    // Reads the configurations it runs (strategies), never changes them.
    tables: { ...TRADING_TABLES, engine: 'readwrite', strategies: 'read' },
    sendsTo: ['executionReports'],
    managesWorkflows: true,
    // AWS: an EventBridge schedule each minute of the session window starts an Express state
    // machine that runs it at +0, +15, +30 and +45 s (lib/workflows/engine-cycle.asl.ts).
    cycleSeconds: 15,
    timeoutSeconds: 14,
    publishesAlerts: true,
  },
  preMarket: {
    entry: 'functions/scheduled/pre-market.ts',
    description:
      "Before the open on trading days: assesses the watchlist, stores the market-conditions report, applies the day's plans",
    tables: { ...TRADING_TABLES, engine: 'readwrite', strategies: 'readwrite' },
    // AWS: EventBridge Scheduler asks every 5 minutes from 09:00 New York on weekdays; locally a
    // timer asks at start and every minute. It runs once per trading day from the pre-market time.
    dailyAt: '09:00',
    localScheduleSeconds: 60,
    timeoutSeconds: 60,
    publishesAlerts: true,
  },
  reportArchiver: {
    entry: 'functions/scheduled/report-archiver.ts',
    description:
      "After the close: each account's daily report (and monthly, on a month's last session) kept as HTML and PDF in the reports bucket; the daily summary to the trader's channels",
    tables: { accounts: 'read', risk: 'readwrite', orders: 'read' },
    writesReports: true,
    publishesAlerts: true,
    dailyAt: '16:15',
    dailyUntil: '23:55',
    // Locally it looks once a minute (and at start): a closed session's reports are due at once.
    localScheduleSeconds: 60,
    memoryMb: 2048,
    timeoutSeconds: 300,
  },

  postAuthentication: {
    entry: 'functions/auth/post-authentication.ts',
    description: 'Cognito post-authentication trigger: appends every sign-in to the audit log',
    tables: { audit: 'readwrite' },
    cognitoTrigger: 'postAuthentication',
    timeoutSeconds: 5,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

/**
 * Invoked asynchronously (EventBridge schedules, CloudWatch alarm actions): a failure after
 * Lambda's retries goes to the failed-invocations queue (the on-failure destination).
 */
export function invokedAsynchronously(spec: FunctionSpec): boolean {
  return (
    spec.scheduleSeconds !== undefined ||
    spec.dailyAt !== undefined ||
    spec.haltsOnAlarm === true ||
    spec.subscribesToAlerts === true
  );
}
