import type { Clock } from '../ports/clock';
import type { DependencyCheck } from '../ports/dependency-check';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  checkedAt: Date;
  checks: { name: string; status: 'ok' | 'failing'; latencyMs: number }[];
}

/**
 * Probes every dependency concurrently. A failing probe degrades the report; the
 * underlying error is passed to `onFailure` (for the log) and never to the caller.
 */
export async function checkHealth(
  checks: readonly DependencyCheck[],
  context: { version: string; clock: Clock; onFailure?: (name: string, error: unknown) => void },
): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (dependency) => {
      const started = performance.now();
      try {
        await dependency.check();
        return { name: dependency.name, status: 'ok' as const, latencyMs: elapsed(started) };
      } catch (error) {
        context.onFailure?.(dependency.name, error);
        return { name: dependency.name, status: 'failing' as const, latencyMs: elapsed(started) };
      }
    }),
  );
  return {
    status: results.every((result) => result.status === 'ok') ? 'ok' : 'degraded',
    version: context.version,
    checkedAt: context.clock.now(),
    checks: results,
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
