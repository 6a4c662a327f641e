import './polyfills';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StateMachine } from 'aws-local-stepfunctions';
import { allStates } from '../workflows/asl-states';
import { readBody } from './read-body';
import { AccessDenied, accessKeyOf, type Authorize } from './local-iam';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

/** Step Functions' quotas that shape designs: a Standard execution's history, and any state's data. */
const MAX_HISTORY_EVENTS = 25_000;
const MAX_PAYLOAD_BYTES = 256 * 1024;

/** A state machine the local endpoint runs: its ASL and a local function for each Task state. */
export interface LocalWorkflow {
  name: string;
  /** Standard executions keep a history, limited to MAX_HISTORY_EVENTS; Express ones do not. */
  type: 'STANDARD' | 'EXPRESS';
  definition: Record<string, unknown>;
  /** Task state name → what runs in place of the Lambda the deployed Task invokes. */
  taskHandlers: Record<string, (input: unknown) => Promise<unknown>>;
}

type Status = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: Status;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  abort: () => void;
  settled: Promise<void>;
  /** History events so far (Standard executions). */
  historyEvents?: number;
}

export interface LocalStepFunctions {
  endpoint: string;
  arnOf(workflowName: string): string;
  /** Resolves when the execution has ended, whatever its outcome (for tests and shutdown). */
  settled(executionArn: string): Promise<void>;
  /** Resolves when every execution started so far has ended. */
  settledAll(): Promise<void>;
  /** How many executions are running now. */
  running(): number;
  stop(): Promise<void>;
}

/**
 * A Step Functions endpoint on loopback speaking the service's JSON protocol
 * (StartExecution, DescribeExecution, StopExecution, ListExecutions), so application code
 * uses the ordinary SFNClient through AWS_ENDPOINT_URL_SFN. Executions run the deployed ASL
 * in aws-local-stepfunctions. They live in memory: a restart ends them, so workflows must
 * keep their progress in DynamoDB and be resumable (each slice is idempotent by client id).
 */
export async function startLocalStepFunctions(options: {
  workflows: readonly LocalWorkflow[];
  /** Replace every Wait state's duration (milliseconds); tests pass 0. */
  waitOverrideMs?: number;
  /** Checks each call against the caller's grants; none: every caller may do everything. */
  authorize?: Authorize;
}): Promise<LocalStepFunctions> {
  const machines = new Map(
    options.workflows.map((workflow) => [
      stateMachineArn(workflow.name),
      {
        workflow,
        machine: new StateMachine(workflow.definition as never, { validationOptions: { checkArn: false } }),
        waits: waitStateNames(workflow.definition),
      },
    ]),
  );
  const executions = new Map<string, Execution>();

  const actions: Record<string, (request: Record<string, unknown>) => unknown> = {
    StartExecution(request) {
      const machineArn = String(request.stateMachineArn ?? '');
      const entry = machines.get(machineArn);
      if (!entry)
        throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${machineArn}'`);
      const name = typeof request.name === 'string' ? request.name : randomUUID();
      const input = typeof request.input === 'string' ? request.input : '{}';
      const executionArn = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${entry.workflow.name}:${name}`;
      const existing = executions.get(executionArn);
      if (existing) {
        // Standard workflows: the same name and input is an idempotent replay; anything else a conflict.
        if (existing.input === input) return { executionArn, startDate: existing.startDate };
        throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }
      let parsedInput: unknown;
      try {
        parsedInput = JSON.parse(input);
      } catch {
        throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
      }
      if (Buffer.byteLength(input) > MAX_PAYLOAD_BYTES)
        throw new ServiceError(
          'InvalidExecutionInput',
          `The execution input exceeds ${MAX_PAYLOAD_BYTES} bytes`,
        );
      const startDate = Date.now() / 1000;
      // A state's data over the quota fails the execution outright: no Retry or Catch sees it.
      let failOutright: (error: Error) => void = () => undefined;
      const run = entry.machine.run(parsedInput as never, {
        overrides: {
          taskResourceLocalHandlers: withPayloadLimits(entry.workflow.taskHandlers, (error) =>
            failOutright(error),
          ) as never,
          ...(options.waitOverrideMs === undefined
            ? {}
            : {
                waitTimeOverrides: Object.fromEntries(
                  entry.waits.map((state) => [state, options.waitOverrideMs!]),
                ),
              }),
        },
        noThrowOnAbort: true,
        context: {
          Execution: {
            Id: executionArn,
            Name: name,
            Input: parsedInput as never,
            StartTime: new Date().toISOString(),
          },
        },
      });
      const execution: Execution = {
        executionArn,
        stateMachineArn: machineArn,
        name,
        input,
        status: 'RUNNING',
        startDate,
        abort: run.abort,
        settled: Promise.resolve(),
      };
      execution.settled = run.result.then(
        (output: unknown) => {
          if (execution.status !== 'RUNNING') return;
          execution.status = 'SUCCEEDED';
          execution.output = JSON.stringify(output ?? null);
          execution.stopDate = Date.now() / 1000;
        },
        (error: unknown) => {
          if (execution.status !== 'RUNNING') return;
          execution.status = 'FAILED';
          execution.error = errorName(error);
          execution.cause = error instanceof Error ? error.message : String(error);
          execution.stopDate = Date.now() / 1000;
        },
      );
      failOutright = (error) => endFailed(execution, error.name, error.message);
      executions.set(executionArn, execution);
      if (entry.workflow.type === 'STANDARD') void enforceHistoryLimit(run.eventLogs, execution);
      return { executionArn, startDate };
    },
    DescribeExecution(request) {
      const execution = find(request.executionArn);
      const { abort: _abort, settled: _settled, historyEvents: _events, ...description } = execution;
      return description;
    },
    StopExecution(request) {
      const execution = find(request.executionArn);
      if (execution.status === 'RUNNING') {
        execution.status = 'ABORTED';
        execution.stopDate = Date.now() / 1000;
        if (typeof request.error === 'string') execution.error = request.error;
        if (typeof request.cause === 'string') execution.cause = request.cause;
        execution.abort();
      }
      return { stopDate: execution.stopDate };
    },
    ListExecutions(request) {
      const filter = request.statusFilter;
      return {
        executions: [...executions.values()]
          .filter((execution) => execution.stateMachineArn === request.stateMachineArn)
          .filter((execution) => !filter || execution.status === filter)
          .map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) => ({
            executionArn,
            stateMachineArn,
            name,
            status,
            startDate,
            stopDate,
          })),
      };
    },
  };

  function find(arn: unknown): Execution {
    const execution = executions.get(String(arn ?? ''));
    if (!execution)
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return execution;
  }

  const server = createServer((request, response) => {
    void answer(request, response, actions, options.authorize);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    arnOf: stateMachineArn,
    settled: async (arn) => {
      await executions.get(arn)?.settled;
    },
    settledAll: async () => {
      await Promise.all([...executions.values()].map((execution) => execution.settled));
    },
    running: () => [...executions.values()].filter((execution) => execution.status === 'RUNNING').length,
    async stop() {
      for (const execution of executions.values()) {
        if (execution.status === 'RUNNING') {
          actions.StopExecution?.({ executionArn: execution.executionArn, cause: 'local host stopped' });
        }
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  actions: Record<string, (request: Record<string, unknown>) => unknown>,
  authorize: Authorize | undefined,
): Promise<void> {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(body));
  };
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    const action = actions[target.replace(/^AWSStepFunctions\./, '')];
    if (!action) throw new ServiceError('UnknownOperationException', `Unsupported operation ${target}`);
    const body = (await readBody(request, 1024 * 1024)).toString('utf8');
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const operation = target.replace(/^AWSStepFunctions\./, '');
    authorize?.(accessKeyOf(request.headers.authorization), `states:${operation}`, [
      String(input.executionArn ?? input.stateMachineArn ?? '*'),
    ]);
    send(200, action(input));
  } catch (error) {
    if (error instanceof ServiceError) send(400, { __type: error.type, message: error.message });
    else if (error instanceof AccessDenied) send(400, { __type: error.code, message: error.message });
    else send(500, { __type: 'InternalFailure', message: 'local Step Functions endpoint failed' });
  }
}

/**
 * Counts an execution's history as Step Functions writes it (a Lambda Task state: entered,
 * scheduled, started, succeeded, exited; a retry: scheduled, started, failed again; any other
 * state: entered, exited) and fails it, as AWS does, when it would pass MAX_HISTORY_EVENTS —
 * a loop that polls every few seconds runs out of history in hours, here as there.
 */
async function enforceHistoryLimit(
  events: AsyncIterable<{ type: string; state?: { type?: string } }>,
  execution: Execution,
): Promise<void> {
  let count = 0;
  for await (const event of events) {
    count +=
      event.type === 'StateEntered' && event.state?.type === 'Task'
        ? 4
        : event.type === 'StateRetried'
          ? 3
          : 1;
    execution.historyEvents = count;
    if (count > MAX_HISTORY_EVENTS && execution.status === 'RUNNING') {
      endFailed(
        execution,
        'States.Runtime',
        `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`,
      );
      return;
    }
  }
}

/** Ends a running execution as failed, whatever its states would have done (errors no Catch sees). */
function endFailed(execution: Execution, error: string, cause: string): void {
  if (execution.status !== 'RUNNING') return;
  execution.status = 'FAILED';
  execution.error = error;
  execution.cause = cause;
  execution.stopDate = Date.now() / 1000;
  execution.abort();
}

/**
 * Task input and output are state data: over MAX_PAYLOAD_BYTES the execution fails with
 * States.DataLimitExceeded, which — as in AWS — no Retry or Catch (not even States.ALL) handles.
 */
function withPayloadLimits(
  handlers: LocalWorkflow['taskHandlers'],
  failOutright: (error: Error) => void,
): LocalWorkflow['taskHandlers'] {
  const checked = (what: string, value: unknown) => {
    const size = Buffer.byteLength(JSON.stringify(value ?? null));
    if (size > MAX_PAYLOAD_BYTES) {
      const error = new Error(
        `The state's ${what} (${size} bytes) exceeds the maximum of ${MAX_PAYLOAD_BYTES} bytes`,
      );
      error.name = 'States.DataLimitExceeded';
      failOutright(error);
      throw error;
    }
    return value;
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([state, handler]) => [
      state,
      async (input: unknown) => checked('output', await handler(checked('input', input))),
    ]),
  );
}

function stateMachineArn(name: string): string {
  return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
}

/** Every Wait state, including those nested in Map and Parallel states. */
function waitStateNames(definition: Record<string, unknown>): string[] {
  return allStates(definition)
    .filter(([, state]) => state.Type === 'Wait')
    .map(([name]) => name);
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const candidate = (error as { getCause?: () => unknown; name?: string }).name;
    if (candidate) return candidate;
  }
  return 'States.TaskFailed';
}
