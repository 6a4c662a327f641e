/**
 * An object that stands for `build()`'s and builds it on its first use. A function's dependency
 * bag names everything its use cases may touch, but a function builds — and needs the
 * variables and grants of — only what it actually uses: the risk monitor reads accounts through
 * the order dependencies without ever sending an order or starting a workflow.
 */
export function lazily<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = () => (built ??= build());
  return new Proxy({} as T, {
    get(_placeholder, property) {
      const value = Reflect.get(target(), property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target()) : value;
    },
    has: (_placeholder, property) => Reflect.has(target(), property),
  });
}
