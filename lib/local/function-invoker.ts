import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionName } from '../platform/function-catalog';
import { projectRoot, runningFromSources } from '../platform/project-root';
import { type FunctionScope, runInFunctionScope } from '../platform/function-scope';

export type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;

const PROJECT_ROOT = projectRoot(import.meta.url);
/** Lambda's default timeout, for a function whose catalog entry names none. */
const DEFAULT_TIMEOUT_SECONDS = 10;
/** The largest response a synchronous Lambda invocation may return. */
const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/**
 * How long a function's objects live: `warm` — one container per function for the host's life,
 * as a busy Lambda keeps its containers; `cold` — a new container for every invocation, which
 * catches code that relies on a container's memory (a cache that must have been filled, a
 * write some earlier call was supposed to have made).
 */
export type ContainerReuse = 'warm' | 'cold';

/**
 * Calls a Lambda function's real handler in-process, the way the Lambda runtime would: the entry
 * file from the function catalog, its exported `handler`, a Context — inside the function's own
 * container (lib/platform/function-scope.ts): its environment, exactly what its Lambda gets,
 * and the objects built for it, which no other function shares. Lambda's limits hold: the
 * function's timeout, and 6 MB for what it returns.
 */
export class FunctionInvoker {
  private readonly loaded = new Map<FunctionName, Promise<AnyHandler>>();
  private readonly containers = new Map<FunctionName, FunctionScope>();
  /** Per function with a local concurrency: the invocations running and those waiting their turn. */
  private readonly turns = new Map<FunctionName, { running: number; waiting: (() => void)[] }>();

  constructor(
    private readonly environmentOf: (name: FunctionName) => NodeJS.ProcessEnv = () => ({}),
    private readonly reuse: ContainerReuse = 'warm',
    /** Where a function's handler comes from: its catalog entry file (tests may stand in others). */
    private readonly importHandler: (name: FunctionName) => Promise<AnyHandler> = importFromCatalog,
  ) {}

  async invoke(name: FunctionName, event: unknown): Promise<unknown> {
    const limit = (FUNCTIONS[name] as { localConcurrency?: number }).localConcurrency;
    if (limit === undefined) return this.run(name, event);
    const turn = this.turns.get(name) ?? this.turns.set(name, { running: 0, waiting: [] }).get(name)!;
    if (turn.running >= limit) await new Promise<void>((resolve) => turn.waiting.push(resolve));
    turn.running++;
    try {
      return await this.run(name, event);
    } finally {
      turn.running--;
      turn.waiting.shift()?.();
    }
  }

  private async run(name: FunctionName, event: unknown): Promise<unknown> {
    const handler = await this.load(name);
    const scope = this.container(name);
    const context = lambdaContext(name);
    const timeoutSeconds =
      (FUNCTIONS[name] as { timeoutSeconds?: number }).timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`)),
        timeoutSeconds * 1000,
      );
    });
    try {
      const result = await Promise.race([runInFunctionScope(scope, () => handler(event, context)), timedOut]);
      const size = result === undefined ? 0 : Buffer.byteLength(JSON.stringify(result));
      if (size > MAX_RESPONSE_BYTES)
        throw new Error(
          `${name}: Response payload size (${size} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
        );
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sets a variable in every function's environment, running containers included (the host's session clock). */
  setVariable(key: string, value: string | undefined): void {
    for (const scope of this.containers.values()) {
      if (value === undefined) delete scope.env[key];
      else scope.env[key] = value;
    }
  }

  /**
   * Loads every function's handler, one after the other, so that no request or scheduled run
   * pays for loading (and, under tsx, compiling) its function's modules: a first run of the risk
   * monitor five seconds into a session held the event loop for ~45 ms (docs/benchmarks.md,
   * session 8). A function that fails to load fails here as it would on its first call.
   */
  async preloadAll(): Promise<void> {
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) await this.load(name);
  }

  /** Whether `name`'s handler has been asked for (and so its modules load or have loaded). */
  isLoaded(name: FunctionName): boolean {
    return this.loaded.has(name);
  }

  private container(name: FunctionName): FunctionScope {
    if (this.reuse === 'cold') return { name, env: this.environmentOf(name) };
    let scope = this.containers.get(name);
    if (!scope) {
      scope = { name, env: this.environmentOf(name) };
      this.containers.set(name, scope);
    }
    return scope;
  }

  private load(name: FunctionName): Promise<AnyHandler> {
    let handler = this.loaded.get(name);
    if (!handler) {
      handler = this.importHandler(name);
      this.loaded.set(name, handler);
    }
    return handler;
  }
}

async function importFromCatalog(name: FunctionName): Promise<AnyHandler> {
  // From the sources, the entry file itself; from the CLI's build, its build beside the CLI's.
  const entry = runningFromSources(import.meta.url)
    ? resolve(PROJECT_ROOT, FUNCTIONS[name].entry)
    : resolve(
        PROJECT_ROOT,
        process.env.STRATUS_CLI_BUILD ?? 'dist/cli',
        FUNCTIONS[name].entry.replace(/\.ts$/, '.mjs'),
      );
  const module = (await import(pathToFileURL(entry).href)) as {
    handler?: AnyHandler;
  };
  if (typeof module.handler !== 'function') throw new Error(`${FUNCTIONS[name].entry} exports no handler`);
  return module.handler;
}

function lambdaContext(name: FunctionName): Context {
  const started = Date.now();
  const functionName = `stratus-${name}`;
  const spec = FUNCTIONS[name] as { timeoutSeconds?: number; memoryMb?: number };
  const timeoutMs = (spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(spec.memoryMb ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
