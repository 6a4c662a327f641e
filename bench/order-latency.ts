import { LoopbackClient } from './loopback-client';
import { quantile } from './machine';
import { startServe } from './serve-process';

/** The target rate last: the figures show where latency holds, and whether the target does. */
export const RATES_PER_SECOND = [25, 50, 100];
const SECONDS = 10;
const WARMUP_SECONDS = 3;

export interface LatencyFigures {
  rate: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  achievedRate: number;
  /** The unmeasured warm-up's p99: what the first seconds of load after a start see. */
  warmupP99: number;
  /**
   * CPU the server process spent per measured request, all threads (the API, the stores' worker
   * threads, V8's helpers) and whatever the requests set off (fills, reports): far steadier from
   * run to run than a tail latency, so the figure to compare changes by. Null off Linux.
   */
  cpuMsPerRequest: number | null;
}

/**
 * `POST /api/orders` latency on loopback at a steady, open-loop rate: requests leave on a
 * fixed schedule whether or not earlier ones have answered (so a slow server cannot slow the
 * load down and hide its own latency). Small immediate market orders, each with its own
 * client order id, against a local host in its own process with state in memory.
 */
export async function benchOrderLatency(rate: number): Promise<LatencyFigures> {
  const server = await startServe(['--in-memory', '--log-level', 'ERROR'], {
    STRATUS_STARTING_CASH: '100000000',
  });
  const client = new LoopbackClient(server.url);
  try {
    const send = async (i: number) => {
      const started = performance.now();
      const status = await client.send('POST', '/api/orders', {
        symbol: 'AAPL',
        side: 'buy',
        quantity: 1,
        client_order_id: `bench-${i}`,
      });
      return { ms: performance.now() - started, ok: status === 201 };
    };
    // The bench sends the same small order over and over on purpose: lift the duplicate guard
    // and the order-rate limit (their defaults would refuse most of it); every other check runs.
    const limits = await client.send('PUT', '/api/risk/limits', {
      account: { duplicate_window_seconds: 0, max_orders_per_window: 1_000, order_window_seconds: 1 },
    });
    if (limits !== 200) throw new Error(`setting the bench limits failed: ${limits}`);
    // Warm up at the measured rate: the first second of load compiles the paths only concurrency
    // takes (grouped account writes, batches of reports) and reads 2–4× slower; steady-state
    // latency is measured after it, and the warm-up's own p99 is reported beside it.
    const warmup = await openLoop(rate, rate * WARMUP_SECONDS, (i) => send(-1 - i));
    const cpuBefore = server.cpuSeconds();
    const { results, sendingSeconds } = await openLoop(rate, rate * SECONDS, send);
    const cpuAfter = server.cpuSeconds();
    const total = results.length;
    const latencies = results.filter((result) => result.ok).map((result) => result.ms);
    return {
      rate,
      requests: total,
      errors: results.filter((result) => !result.ok).length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: Math.max(...latencies),
      achievedRate: total / sendingSeconds,
      warmupP99: quantile(
        warmup.results.filter((result) => result.ok).map((result) => result.ms),
        0.99,
      ),
      cpuMsPerRequest:
        cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / total,
    };
  } finally {
    client.close();
    await server.stop();
  }
}

/** Sends `count` requests on a fixed schedule, `rate` a second, whether or not earlier ones have answered. */
async function openLoop<T>(
  rate: number,
  count: number,
  send: (i: number) => Promise<T>,
): Promise<{ results: (T | { ms: number; ok: false })[]; sendingSeconds: number }> {
  const interval = 1000 / rate;
  const start = performance.now();
  const inflight: Promise<T | { ms: number; ok: false }>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inflight.push(send(i).catch(() => ({ ms: Number.NaN, ok: false as const })));
  }
  const sendingSeconds = (performance.now() - start) / 1000;
  return { results: await Promise.all(inflight), sendingSeconds };
}

export function printOrderLatency(all: readonly LatencyFigures[]): void {
  console.log(
    `\nPOST /api/orders on loopback, open loop: ${WARMUP_SECONDS} s of warm-up then ${SECONDS} s measured per rate, a fresh local host in its own process each`,
  );
  console.log(
    '  rate     p50        p99        max        errors   warm-up p99   server CPU/request   target (p99 ≤ 25 ms, 0 errors)',
  );
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
  for (const figures of all) {
    const met = figures.p99 <= 25 && figures.errors === 0 ? 'met' : 'MISSED';
    console.log(
      `  ${`${figures.rate}/s`.padEnd(7)}  ${ms(figures.p50)}  ${ms(figures.p99)}  ${ms(figures.max)}  ${String(figures.errors).padStart(6)}   ${ms(figures.warmupP99).padStart(11)}   ${(figures.cpuMsPerRequest === null ? 'n/a' : ms(figures.cpuMsPerRequest)).padStart(18)}   ${met}`,
    );
  }
}
