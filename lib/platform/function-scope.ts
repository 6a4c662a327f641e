import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One function's container on a host that runs several functions in one process (the local
 * host): its name, its own environment (exactly the variables its Lambda would have) and the
 * objects built for it — repositories, clients, caches — which no other function sees. In
 * Lambda there is no scope: the process is the container and `process.env` its environment.
 */
export interface FunctionScope {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  /** What the composition root built for this container (functions/shared/dependencies.ts). */
  built?: unknown;
}

const scopes = new AsyncLocalStorage<FunctionScope>();

/** Runs `work` (an invocation, and everything it leads to) inside `scope`. */
export function runInFunctionScope<T>(scope: FunctionScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The container of the invocation this code runs for, if the host gave it one. */
export function currentFunctionScope(): FunctionScope | undefined {
  return scopes.getStore();
}
