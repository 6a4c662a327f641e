import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionName } from '../../functions/catalog';

type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;

const PROJECT_ROOT = resolve(new URL('../..', import.meta.url).pathname);
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Calls a Lambda function's real handler in-process, the way the Lambda runtime would:
 * the entry file from the function catalog, its exported `handler`, and a Context.
 */
export class FunctionInvoker {
  private readonly loaded = new Map<FunctionName, Promise<AnyHandler>>();

  async invoke(name: FunctionName, event: unknown): Promise<unknown> {
    const handler = await this.load(name);
    return handler(event, lambdaContext(name));
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

  private load(name: FunctionName): Promise<AnyHandler> {
    let handler = this.loaded.get(name);
    if (!handler) {
      const entry = pathToFileURL(resolve(PROJECT_ROOT, FUNCTIONS[name].entry)).href;
      handler = import(entry).then((module: { handler?: AnyHandler }) => {
        if (typeof module.handler !== 'function')
          throw new Error(`${FUNCTIONS[name].entry} exports no handler`);
        return module.handler;
      });
      this.loaded.set(name, handler);
    }
    return handler;
  }
}

function lambdaContext(name: FunctionName): Context {
  const started = Date.now();
  const functionName = `stratus-${name}`;
  const spec = FUNCTIONS[name] as { timeoutSeconds?: number; memoryMb?: number };
  const timeoutMs = spec.timeoutSeconds ? spec.timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS;
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
