import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { join, resolve } from 'node:path';
import { ALL_TABLES, TABLES } from '../adapters/dynamodb/table-specs';
import { createDocumentClient } from '../adapters/dynamodb/document-client';
import { backfillAccountDirectory } from '../adapters/dynamodb/dynamodb-account-repository';
import { ALL_QUEUES, QUEUES, type QueueSpec } from '../adapters/sqs/queue-specs';
import {
  FUNCTIONS,
  type FunctionName,
  type FunctionSpec,
  invokedAsynchronously,
} from '../platform/function-catalog';
import { ALL_WORKFLOWS, taskStates } from '../workflows/workflow-specs';
import { projectRoot } from '../platform/project-root';
import { serveEndpointInProcess } from '../adapters/sdk-client';
import { startEmbeddedDynamoDb } from './embedded-dynamodb';
import { startEmbeddedSqs } from './embedded-sqs';
import { type ContainerReuse, FunctionInvoker } from './function-invoker';
import { type AccessResource, resourceEnvironmentOf } from '../platform/function-access';
import { SETTING_VARIABLES } from '../platform/settings';
import { dynamoDbAccess, guardedAnswers, localTableArn, sqsAccess } from './guarded-answers';
import { ADMIN_ACCESS_KEY, functionAccessKey, LOCAL_ACCOUNT, LOCAL_REGION, LocalIam } from './local-iam';
import { type PublishedMessage, startLocalSns } from './local-sns';
import {
  type ChannelLevel,
  channelTakes,
  DEFAULT_EMAIL_LEVEL,
  DEFAULT_WEBHOOK_LEVEL,
  isChannelLevel,
} from '../platform/alert-channels';
import { type LocalSecretsManager, startLocalSecretsManager } from './local-secrets-manager';
import { startLocalApiGateway } from './local-api-gateway';
import { isLoopback, LocalAuth, parseLocalTokens } from './local-auth';
import { LocalAlarms } from './local-alarms';
import { LocalScheduler } from './local-scheduler';
import { sqsInProcessChannel } from '../adapters/sqs/sqs-channel';
import { LocalQueueConsumer } from './local-queue-consumer';
import { type LocalWorkflow, startLocalStepFunctions } from './local-step-functions';
import { sessionClockOffsetMs } from './session-clock';
import { buildWebAssets, type WebAsset } from '../platform/web-assets';

const PROJECT_ROOT = projectRoot(import.meta.url);

/** How long the report consumer gathers reports after a partial batch (LocalQueueConsumer). */
const REPORT_BATCHING_WINDOW_MS = 20;

export interface LocalHostOptions {
  host?: string;
  port?: number;
  /** Where state persists between runs (DynamoDB data); ignored with `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
  /** Bearer token every non-public route requires; mandatory when binding beyond loopback. */
  apiToken?: string;
  /** Tokens with roles and accounts (`<token>:<role>[:<account>]`, comma-separated; default STRATUS_API_TOKENS). */
  apiTokens?: string;
  /** The account the local trader owns. */
  accountId?: string;
  /** Dollars a new paper account opens with. */
  startingCash?: number;
  /** Replace every Step Functions Wait with this many milliseconds (tests use 0). */
  waitOverrideMs?: number;
  /**
   * With `waitOverrideMs`, a step that says how long to wait before the next (`wait_seconds`,
   * the iceberg's looks) moves the platform clock on by that much instead: a simulated session
   * in seconds of real time (tests).
   */
  clockFollowsWaits?: boolean;
  /** `session` (default) runs the market clock inside a trading session at any hour; `real` uses the real time. */
  marketClock?: 'session' | 'real';
  /** Start the platform clock at this instant instead (it runs on from there; tests move it with setClock). */
  clockStart?: Date;
  /**
   * Serve test controls on loopback: `POST /local/clock {"at": ISO}` sets the platform clock,
   * `POST /local/run/{function}` runs a scheduled function now, `POST /local/settle` waits until
   * no workflow runs and the report queue is empty. For tests that drive a host in
   * another process; never on a shared address.
   */
  testControls?: boolean;
  /**
   * `warm` (default): one container per function for the host's life; `cold`: a new one for
   * every invocation, which catches code that relies on a container's memory.
   */
  containers?: ContainerReuse;
  /** How often scheduled functions run locally (EventBridge runs them every minute in AWS). */
  scheduleIntervalMs?: number;
  /** How often the engine's cycle runs (default 15 s, as in AWS). */
  cycleIntervalMs?: number;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  onError?: (error: unknown) => void;
  /**
   * A webhook (Slack-compatible) the alert topic's messages are delivered to, as a subscription
   * would in AWS (default STRATUS_ALERT_WEBHOOK_URL). It carries its secret: never logged.
   */
  alertWebhookUrl?: string;
  /**
   * The lowest alert level each channel takes (default: email critical, webhook info); in AWS
   * the subscriptions' filter policies (`-c alertEmailLevel`, `-c alertWebhookLevel`).
   */
  alertEmailLevel?: ChannelLevel;
  alertWebhookLevel?: ChannelLevel;
}

export interface LocalHost {
  url: string;
  version: string;
  open: boolean;
  dataDir: string | null;
  endpoints: { dynamodb: string; sqs: string; stepFunctions: string };
  /** The local IAM: every function's policy, as CDK writes it into the function's role. */
  iam: LocalIam;
  /** What functions published to the alert topic (the local SNS). */
  alerts: readonly PublishedMessage[];
  /** The environment a function's container gets (exactly its Lambda's, with this host's names). */
  environmentOf(name: FunctionName): NodeJS.ProcessEnv;
  /** An operator's environment (administrator credentials, every table and queue named): for tests and tools. */
  operatorEnvironment(): NodeJS.ProcessEnv;
  queueUrls: ReadonlyMap<QueueSpec, string>;
  /** Milliseconds the platform clock runs ahead of the system clock (the session clock). */
  readonly clockOffsetMs: number;
  /**
   * Moves the platform clock to `at`; from there it runs on in real time, or with `stopped` it
   * stands at `at` until the next call (a test stepping the market bar by bar). Every function
   * sees it on its next call.
   */
  setClock(at: Date, options?: { stopped?: boolean }): void;
  invoker: FunctionInvoker;
  scheduler: LocalScheduler;
  /** The local evaluation of the CloudWatch risk alarms. */
  alarms: LocalAlarms;
  /** Runs a scheduled function now, exactly as its timer does (tests use it to step time deterministically); its result. */
  runScheduled(name: FunctionName): Promise<unknown>;
  /** Resolves when no workflow is running and the execution-report queue is empty (for tests). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs Stratus on one machine: embedded DynamoDB (dynalite, on disk), SQS (fauxqs), Step
 * Functions (aws-local-stepfunctions) and EventBridge-like timers, with the API on a local
 * HTTP server calling the very Lambda handlers AWS runs. The handlers find everything through
 * the SDK's standard endpoint variables, set here, so no application code knows where it runs.
 */
export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  const host = options.host ?? '127.0.0.1';
  const tokensGiven = Boolean(
    options.apiToken ?? process.env.STRATUS_API_TOKEN ?? options.apiTokens ?? process.env.STRATUS_API_TOKENS,
  );
  if (!isLoopback(host) && !tokensGiven) {
    throw new Error(
      `Refusing to listen on ${host} without authentication: set STRATUS_API_TOKEN (or bind to 127.0.0.1).`,
    );
  }
  // The handlers find their stores through process-wide SDK variables, so a process holds one host.
  if (running)
    throw new Error('A local host is already running in this process; stop it before starting another.');
  running = true;
  try {
    return await start(options);
  } catch (error) {
    running = false;
    throw error;
  }
}

let running = false;

// The UI is built once per process, on the first page request.
let webAssets: Map<string, WebAsset> | undefined;
function builtWebAssets(): Map<string, WebAsset> {
  if (!webAssets) {
    webAssets = buildWebAssets();
    // Same origin, no hosted login: the UI asks for STRATUS_API_TOKEN when the API wants one.
    webAssets.set('/config.json', {
      body: Buffer.from(JSON.stringify({ apiUrl: '', cognito: null })),
      contentType: 'application/json; charset=utf-8',
    });
  }
  return webAssets;
}

async function start(options: LocalHostOptions): Promise<LocalHost> {
  const host = options.host ?? '127.0.0.1';
  const apiToken = options.apiToken ?? process.env.STRATUS_API_TOKEN;
  const accountId = options.accountId ?? process.env.STRATUS_ACCOUNT_ID ?? 'paper';
  const roleTokens = parseLocalTokens(options.apiTokens ?? process.env.STRATUS_API_TOKENS, accountId);
  // Real money is never behind an open API, even on loopback.
  if (process.env.STRATUS_BROKER === 'alpaca-live' && !apiToken && roleTokens.length === 0)
    throw new Error(
      'STRATUS_BROKER=alpaca-live requires STRATUS_API_TOKEN: a live account is never served without authentication',
    );
  const onError = options.onError ?? ((error: unknown) => console.error('[stratus]', error));
  // The alert topic's subscriptions here, each behind its level filter as in AWS: the log (what
  // the email subscription would be sent) and, with a webhook, the function that delivers to it.
  const webhookUrl = options.alertWebhookUrl ?? process.env.STRATUS_ALERT_WEBHOOK_URL;
  const emailLevel =
    options.alertEmailLevel ?? alertLevelSetting('STRATUS_ALERT_EMAIL_LEVEL', DEFAULT_EMAIL_LEVEL);
  const webhookLevel =
    options.alertWebhookLevel ?? alertLevelSetting('STRATUS_ALERT_WEBHOOK_LEVEL', DEFAULT_WEBHOOK_LEVEL);
  // The topic's webhook subscription: set once the functions can be invoked.
  let deliverToWebhook: (message: PublishedMessage) => void = () => undefined;
  const onAlertPublished = (message: PublishedMessage) => {
    const level = message.attributes.level;
    if (channelTakes(emailLevel, level))
      console.error(
        JSON.stringify({
          level: level === 'critical' ? 'ERROR' : 'WARN',
          message: `alert email (what the email subscription is sent): ${message.subject ?? ''}`,
          alert: message.message,
        }),
      );
    if (channelTakes(webhookLevel, level)) deliverToWebhook(message);
  };
  const dataDir = options.inMemory ? null : resolve(options.dataDir ?? join(PROJECT_ROOT, '.stratus'));
  const version = (
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;

  // The pinned SDK runs fine on Node 20; its notice about future releases is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const tables = ALL_TABLES.map((spec) => ({ spec, physicalName: `stratus-${spec.name}` }));
  const started: { stop(): Promise<void> }[] = [];
  // The policies need the queues' ARNs, known once SQS has started; nothing calls before that.
  let iam: LocalIam | undefined;
  const currentIam = () => {
    if (!iam) throw new Error('the local IAM is not ready');
    return iam;
  };
  const authorize = (key: string, action: string, resources: readonly string[]) =>
    currentIam().authorize(key, action, resources);
  try {
    const dynamodb = await startEmbeddedDynamoDb({
      ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
      tables,
      guard: (answer) => guardedAnswers(answer, authorize, dynamoDbAccess),
    });
    started.push(dynamodb);
    const sqs = await startEmbeddedSqs(ALL_QUEUES, (answer, queueArnOfUrl) =>
      guardedAnswers(answer, authorize, sqsAccess(queueArnOfUrl)),
    );
    started.push(sqs);
    const sns = startLocalSns({
      topicName: 'stratus-alerts',
      authorize,
      deliver: (message) => onAlertPublished(message),
    });
    // Alpaca's keys, when given, go into the local Secrets Manager: functions get the secret's ARN
    // and the grant to read it, exactly as in the stack — never the keys themselves.
    const secrets = startLocalSecretsManager({ authorize });
    const brokerSecretArn = alpacaSecret(secrets);
    // The webhook's URL is its credential: kept as a secret only the delivering function may read.
    const webhookSecretArn = webhookUrl
      ? secrets.put('stratus/alert-webhook', JSON.stringify({ url: webhookUrl }))
      : undefined;
    // The functions reach these in process (dynalite in this thread, fauxqs on its worker), not over loopback.
    for (const { endpoint, transport } of [dynamodb, sqs, sns, secrets]) {
      const unregister = serveEndpointInProcess(endpoint, transport);
      started.push({ stop: async () => unregister() });
    }
    let clockOffsetMs = options.clockStart
      ? options.clockStart.getTime() - Date.now()
      : options.marketClock === 'real'
        ? 0
        : sessionClockOffsetMs(new Date(), dataDir ? join(dataDir, 'market-clock.json') : null);
    let clockStoppedAt: number | undefined;
    // Where `stratus data` keeps datasets; a throwaway folder for an in-memory host.
    const datasetsFolder = dataDir
      ? join(dataDir, 'datasets')
      : mkdtempSync(join(tmpdir(), 'stratus-datasets-'));
    if (!dataDir)
      started.push({ stop: async () => rmSync(datasetsFolder, { recursive: true, force: true }) });
    // Where the report archiver keeps reports (the reports bucket in AWS).
    const reportsFolder = dataDir
      ? join(dataDir, 'reports')
      : mkdtempSync(join(tmpdir(), 'stratus-reports-'));
    if (!dataDir) started.push({ stop: async () => rmSync(reportsFolder, { recursive: true, force: true }) });
    const physicalTable = new Map(tables.map(({ spec, physicalName }) => [spec.name, physicalName]));
    let stepFunctionsArnOf: (name: string) => string = () => {
      throw new Error('the local Step Functions endpoint is not ready');
    };
    const locate = (resource: AccessResource): string => {
      switch (resource.kind) {
        case 'table':
          return physicalTable.get(resource.table)!;
        case 'table-indexes':
          return `${localTableArn(physicalTable.get(resource.table)!)}/index/*`;
        case 'queue':
          return sqs.queueUrls.get(QUEUES[resource.queue])!;
        case 'state-machine':
          return stepFunctionsArnOf(resource.workflow);
        case 'executions':
          return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${resource.workflow}:*`;
        case 'alert-topic':
          return sns.topicArn;
        case 'broker-secret':
          if (!brokerSecretArn) throw new Error('no broker secret: the broker is the paper venue');
          return brokerSecretArn;
        case 'webhook-secret':
          if (!webhookSecretArn) throw new Error('no alert webhook is configured');
          return webhookSecretArn;
        case 'datasets':
          return pathToFileURL(datasetsFolder).href;
        case 'dataset-objects':
          return `${pathToFileURL(datasetsFolder).href}/*`;
        case 'reports':
          return pathToFileURL(reportsFolder).href;
        case 'report-objects':
          return `${pathToFileURL(reportsFolder).href}/*`;
      }
    };
    const arnOf = (resource: AccessResource): string => {
      if (resource.kind === 'table') return localTableArn(locate(resource));
      if (resource.kind === 'queue') return sqs.queueArns.get(QUEUES[resource.queue])!;
      return locate(resource);
    };
    const environmentOf = (name: FunctionName): NodeJS.ProcessEnv => ({
      // What the Lambda runtime sets: region, and the function role's credentials (which name it).
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: functionAccessKey(name),
      AWS_SECRET_ACCESS_KEY: 'local',
      // Where this host serves each service (in AWS the SDK's defaults).
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_SFN: stepFunctionsEndpoint,
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      // What CDK gives every function (lib/cloud/constructs/stratus-function.ts).
      STRATUS_VERSION: version,
      POWERTOOLS_SERVICE_NAME: 'stratus',
      // The trader's settings for this host, then where its resources are — nothing else.
      ...localSettings(options),
      ...(brokerSecretArn ? { STRATUS_ALPACA_SECRET_ARN: brokerSecretArn } : {}),
      STRATUS_CLOCK_OFFSET_MS: String(clockOffsetMs),
      ...(clockStoppedAt === undefined ? {} : { STRATUS_CLOCK_STOPPED_AT: String(clockStoppedAt) }),
      ...resourceEnvironmentOf(name, locate, { webhookSecret: webhookSecretArn !== undefined }),
    });
    const invoker = new FunctionInvoker(environmentOf, options.containers ?? 'warm');
    /** Workflow steps running now, stopped executions' included (see settle). */
    const tasksInFlight = new Set<Promise<void>>();
    /** Work that goes on beside a request (a step, an asynchronous invocation): settle() waits for it. */
    const track = (work: Promise<unknown>) => {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      tasksInFlight.add(settled);
      void settled.then(() => tasksInFlight.delete(settled));
    };
    const stepFunctions = await startLocalStepFunctions({
      workflows: ALL_WORKFLOWS.map((spec): LocalWorkflow =>
        localWorkflow(
          spec.name,
          spec.type,
          spec.definition,
          spec.tasks,
          invoker,
          (seconds) => {
            if (options.clockFollowsWaits) setClock(new Date(Date.now() + clockOffsetMs + seconds * 1000));
          },
          // A stopped execution settles at once, but the step it was running goes on, as a
          // Lambda invocation does: settling waits for it too.
          track,
        ),
      ),
      ...(options.waitOverrideMs === undefined ? {} : { waitOverrideMs: options.waitOverrideMs }),
      authorize,
    });
    started.push(stepFunctions);
    const stepFunctionsEndpoint = stepFunctions.endpoint;
    stepFunctionsArnOf = (name) => stepFunctions.arnOf(name);
    iam = new LocalIam(arnOf, {
      brokerSecret: brokerSecretArn !== undefined,
      webhookSecret: webhookSecretArn !== undefined,
    });

    // Module-level singletons of every function (Powertools' logger, metrics, tracer) read these.
    Object.assign(process.env, {
      POWERTOOLS_SERVICE_NAME: 'stratus',
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });

    // Lambda's event source mapping polls with the consumer's role: here, its access key. One
    // batch at a time per queue (Lambda may run up to the mapping's maxConcurrency at once).
    const consumers = (Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]).flatMap(
      ([name, spec]) => {
        if (!spec.consumes) return [];
        const queue = QUEUES[spec.consumes.queue];
        const consumer = new LocalQueueConsumer(
          sqsInProcessChannel(sqs.transport.exchange, functionAccessKey(name)),
          sqs.queueUrls.get(queue)!,
          sqs.queueArns.get(queue)!,
          (event) => invoker.invoke(name, event),
          onError,
          queue === QUEUES.executionReports ? REPORT_BATCHING_WINDOW_MS : 0,
          spec.consumes.batchSize,
        );
        consumer.start();
        started.push(consumer);
        return [{ queue, consumer }];
      },
    );
    const reports = consumers.find(({ queue }) => queue === QUEUES.executionReports)!.consumer;
    const scheduler = new LocalScheduler((job, error) =>
      onError(new Error(`scheduled job ${job} failed`, { cause: error })),
    );
    started.push(scheduler);
    const alarms = new LocalAlarms(async (event, spec) => {
      if (!spec.haltsTrading) return; // in AWS these only notify (SNS); nobody subscribes locally
      await Promise.all(
        (Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][])
          .filter(([, target]) => target.haltsOnAlarm)
          .map(([target]) => invoker.invoke(target, event)),
      );
    });
    // An asynchronous invocation that failed goes to its on-failure destination, sent with the
    // function's own credentials as Lambda does: the guarded queue refuses it without the grant.
    const recordFailure = async (name: FunctionName, event: unknown, error: unknown) => {
      const record = {
        requestContext: {
          functionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:stratus-${name}`,
          condition: 'RetriesExhausted',
          approximateInvokeCount: 1,
        },
        requestPayload: event,
        responsePayload: {
          errorType: (error as Error)?.name ?? 'Error',
          errorMessage: String((error as Error)?.message ?? error),
        },
      };
      await sqsInProcessChannel(sqs.transport.exchange, functionAccessKey(name)).call('SendMessageBatch', {
        QueueUrl: sqs.queueUrls.get(QUEUES.failedInvocations)!,
        Entries: [{ Id: '0', MessageBody: JSON.stringify(record).slice(0, 250_000) }],
      });
    };
    // SNS invokes the topic's subscribed function asynchronously with each message, as in AWS;
    // an invocation that fails (after its own retries) goes to the failed-invocations queue.
    if (webhookSecretArn) {
      deliverToWebhook = (message) => {
        const event = snsEventOf(message);
        track(
          invoker
            .invoke('alertDelivery', event)
            .catch((error: unknown) => recordFailure('alertDelivery', event, error).catch(onError)),
        );
      };
    }
    // What EventBridge does for a scheduled function, and CloudWatch for the metrics it returns:
    // a run that fails publishes nothing, which the alarms read as missing data (fail closed).
    const runScheduled = async (name: FunctionName) => {
      const event = { source: 'stratus.local-scheduler', 'detail-type': 'Scheduled Event', detail: {} };
      const publishes = (FUNCTIONS[name] as FunctionSpec).publishesRiskMetrics;
      let result: unknown;
      try {
        result = await invoker.invoke(name, event);
      } catch (error) {
        if (publishes) await alarms.evaluate(null);
        if (invokedAsynchronously(FUNCTIONS[name])) await recordFailure(name, event, error).catch(onError);
        throw error;
      }
      if (publishes) await alarms.evaluate((result as { metrics?: Record<string, number> }).metrics ?? null);
      return result;
    };
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      const intervalMs =
        spec.cycleSeconds !== undefined
          ? (options.cycleIntervalMs ?? spec.cycleSeconds * 1000)
          : spec.scheduleSeconds !== undefined || spec.dailyAt !== undefined
            ? (options.scheduleIntervalMs ?? (spec.localScheduleSeconds ?? 2) * 1000)
            : undefined;
      // A once-a-day job asks at start too, on the host's own schedule (a host started after the
      // pre-market time has the day's report at once); tests that set the interval keep theirs.
      if (intervalMs !== undefined)
        scheduler.every(
          name,
          intervalMs,
          async () => {
            await runScheduled(name);
          },
          spec.dailyAt !== undefined && options.scheduleIntervalMs === undefined,
        );
    }
    // Workflows send reports and reports can end workflows: wait until both are quiet together.
    const settle = async () => {
      for (let round = 0; round < 100; round++) {
        await stepFunctions.settledAll();
        await Promise.all(tasksInFlight);
        for (const { consumer } of consumers) await consumer.settled();
        if (stepFunctions.running() === 0 && tasksInFlight.size === 0) return;
      }
      throw new Error('the local host did not settle');
    };
    // Functions read the offset from the environment; their clock moves with it (nothing is rebuilt).
    const setClock = (at: Date, clock: { stopped?: boolean } = {}) => {
      clockOffsetMs = at.getTime() - Date.now();
      clockStoppedAt = clock.stopped ? at.getTime() : undefined;
      invoker.setVariable('STRATUS_CLOCK_OFFSET_MS', String(clockOffsetMs));
      invoker.setVariable('STRATUS_CLOCK_STOPPED_AT', clockStoppedAt?.toString());
    };
    // An operator's environment: administrator credentials, every table, queue and machine named.
    const operatorEnvironment = (): NodeJS.ProcessEnv => ({
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: ADMIN_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      ...Object.fromEntries(tables.map(({ spec, physicalName }) => [spec.envVar, physicalName])),
      ...Object.fromEntries([...sqs.queueUrls].map(([spec, url]) => [spec.envVar, url])),
      ...Object.fromEntries(ALL_WORKFLOWS.map((spec) => [spec.envVar, stepFunctions.arnOf(spec.name)])),
    });
    if (options.testControls && !isLoopback(host))
      throw new Error('test controls are for loopback hosts only');
    // A start on kept data is a restart after whatever ended the last run: before taking requests,
    // ask the venue for the reports of every open order (a crash loses the in-memory queue, and
    // with it fills) and end the orders it interrupted. Idempotent; quick on an empty store.
    if (dataDir) {
      // Accounts kept from before the account directory are listed in it first, so every
      // platform job (the risk monitor above all) sees them.
      const operator = operatorEnvironment();
      await backfillAccountDirectory(createDocumentClient(operator), operator[TABLES.accounts.envVar]!);
      await invoker.invoke('reconcileOrders', { startup: true });
      // The reports it asked for are applied before the first request; the TWAP and iceberg
      // workflows it resumed go on working in the background (as they would have), rather than
      // keeping the port closed until they finish — up to their whole duration.
      await reports.settled();
    }
    const auth = new LocalAuth(apiToken, accountId, roleTokens);
    const api = await startLocalApiGateway({
      host,
      port: options.port ?? 5000,
      auth,
      invoke: (fn, event) => invoker.invoke(fn, event),
      webAssets: builtWebAssets,
      onError,
      ...(options.testControls ? { controls: testControls(setClock, runScheduled, () => settle()) } : {}),
    });
    // Load every function now, in the background: the first request or scheduled run of each
    // would otherwise pay for it (FunctionInvoker.preloadAll).
    void invoker.preloadAll().catch(onError);

    return {
      url: api.url,
      version,
      open: auth.open,
      dataDir,
      endpoints: { dynamodb: dynamodb.endpoint, sqs: sqs.endpoint, stepFunctions: stepFunctions.endpoint },
      iam,
      alerts: sns.published,
      environmentOf,
      operatorEnvironment,
      queueUrls: sqs.queueUrls,
      get clockOffsetMs() {
        return clockOffsetMs;
      },
      setClock,
      invoker,
      scheduler,
      alarms,
      runScheduled,
      settle,
      // Outside in: stop taking requests, let running work finish, then close the stores.
      async stop() {
        await api.stop();
        await scheduler.stop();
        await stepFunctions.stop();
        for (const { consumer } of consumers) await consumer.stop();
        await sqs.stop();
        await dynamodb.stop();
        running = false;
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * The Alpaca keys of this process's environment (STRATUS_ALPACA_KEY_ID / _SECRET_KEY), kept in
 * the local Secrets Manager as the stack's secret holds them; its ARN, or none for the paper venue.
 */
/** The event SNS invokes a subscribed Lambda function with, for one message of the topic. */
/** A channel's level from the environment, refused at start when it names no level. */
function alertLevelSetting(name: string, fallback: ChannelLevel): ChannelLevel {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!isChannelLevel(value)) throw new Error(`${name} must be info, warning or critical (got ${value})`);
  return value;
}

function snsEventOf(message: PublishedMessage) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${message.topicArn}:local-webhook`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: message.topicArn,
          Subject: message.subject ?? null,
          Message: message.message,
          Timestamp: new Date().toISOString(),
        },
      },
    ],
  };
}

function alpacaSecret(secrets: LocalSecretsManager): string | undefined {
  const keyId = process.env.STRATUS_ALPACA_KEY_ID;
  const secretKey = process.env.STRATUS_ALPACA_SECRET_KEY;
  if (!process.env.STRATUS_BROKER?.startsWith('alpaca') || !keyId || !secretKey) return undefined;
  return secrets.put('stratus/alpaca', JSON.stringify({ key_id: keyId, secret_key: secretKey }));
}

/**
 * The trader's settings for this host, as CDK would put them in every function's environment:
 * the platform's setting variables present in this process's environment (STRATUS_COMMISSION,
 * STRATUS_BROKER…), and the host's options over them.
 */
function localSettings(options: LocalHostOptions): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const name of SETTING_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) settings[name] = value;
  }
  if (options.startingCash !== undefined) settings.STRATUS_STARTING_CASH = String(options.startingCash);
  if (options.accountId !== undefined && settings.STRATUS_BROKER?.startsWith('alpaca'))
    settings.STRATUS_ACCOUNT_ID = options.accountId;
  return settings;
}

/** A state machine for the local endpoint: the deployed ASL, its Task states sent to the same functions. */
function localWorkflow(
  name: string,
  type: LocalWorkflow['type'],
  definition: Record<string, unknown>,
  tasks: Readonly<Record<string, FunctionName>>,
  invoker: FunctionInvoker,
  onStepWait: (seconds: number) => void,
  track: (task: Promise<unknown>) => void,
): LocalWorkflow {
  const substituted = JSON.parse(
    JSON.stringify(definition).replace(/\$\{(\w+)\}/g, (_match, placeholder: string) => {
      const fn = tasks[placeholder];
      if (!fn) throw new Error(`workflow ${name} has no function for \${${placeholder}}`);
      return `arn:aws:lambda:us-east-1:000000000000:function:stratus-${fn}`;
    }),
  ) as Record<string, unknown>;
  const taskHandlers = Object.fromEntries(
    taskStates(definition).map(({ state, placeholder }) => [
      state,
      async (input: unknown) => {
        const invocation = invoker.invoke(tasks[placeholder]!, input);
        track(invocation);
        const result = await invocation;
        const wait = (result as { wait_seconds?: unknown } | null)?.wait_seconds;
        if (typeof wait === 'number' && wait > 0) onStepWait(wait);
        return result;
      },
    ]),
  );
  return { name, type, definition: substituted, taskHandlers };
}

/** The /local/ routes of a host started with `testControls`. */
function testControls(
  setClock: (at: Date) => void,
  runScheduled: (name: FunctionName) => Promise<unknown>,
  settle: () => Promise<void>,
): (method: string, path: string, body: Buffer) => Promise<APIGatewayProxyStructuredResultV2> {
  const json = (statusCode: number, body: unknown) => ({
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return async (method, path, body) => {
    if (method !== 'POST') return json(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST only' } });
    if (path === '/local/settle') {
      await settle();
      return json(200, { settled: true });
    }
    if (path === '/local/clock') {
      const at = new Date(String((JSON.parse(body.toString('utf8') || '{}') as { at?: unknown }).at));
      if (Number.isNaN(at.getTime()))
        return json(400, { error: { code: 'INVALID_TIME', message: 'at must be an ISO time' } });
      setClock(at);
      return json(200, { at: at.toISOString() });
    }
    const name = /^\/local\/run\/(\w+)$/.exec(path)?.[1];
    const spec = name ? (FUNCTIONS as Record<string, FunctionSpec>)[name] : undefined;
    if (!name || !spec || (spec.scheduleSeconds ?? spec.cycleSeconds ?? spec.dailyAt) === undefined) {
      return json(404, { error: { code: 'NOT_FOUND', message: `no scheduled function at ${path}` } });
    }
    return json(200, { result: await runScheduled(name as FunctionName) });
  };
}
