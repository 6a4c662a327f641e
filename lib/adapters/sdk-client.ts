/**
 * Drops the AWS SDK's logger middleware from a client. With no logger configured it still
 * builds a redacted copy of every request and response (walking the operation's schema) and
 * hands it to a logger that discards it — a measurable share of each call's CPU on the order
 * path (docs/benchmarks.md). Stratus logs what it needs itself; no SDK client here is given a
 * logger, so nothing that was logged is lost.
 */
export function withoutSdkLogging<T extends { middlewareStack: { remove(name: string): boolean } }>(
  client: T,
): T {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
