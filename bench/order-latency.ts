import { quantile } from './machine';
import { startServe } from './serve-process';

const RATE_PER_SECOND = 100;
const SECONDS = 10;
const WARMUP = 50;

export interface LatencyFigures {
  rate: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  achievedRate: number;
}

/**
 * `POST /api/orders` latency on loopback at a steady, open-loop rate: requests leave on a
 * fixed schedule whether or not earlier ones have answered (so a slow server cannot slow the
 * load down and hide its own latency). Small immediate market orders, each with its own
 * client order id, against a local host in its own process with state in memory.
 */
export async function benchOrderLatency(): Promise<LatencyFigures> {
  const server = await startServe(['--in-memory', '--log-level', 'ERROR'], {
    STRATUS_STARTING_CASH: '100000000',
  });
  try {
    const send = async (i: number) => {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol: 'AAPL', side: 'buy', quantity: 1, client_order_id: `bench-${i}` }),
      });
      await response.arrayBuffer();
      return { ms: performance.now() - started, ok: response.status === 201 };
    };
    for (let i = 0; i < WARMUP; i++) await send(-1 - i);
    const total = RATE_PER_SECOND * SECONDS;
    const interval = 1000 / RATE_PER_SECOND;
    const start = performance.now();
    const inflight: Promise<{ ms: number; ok: boolean }>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inflight.push(send(i).catch(() => ({ ms: Number.NaN, ok: false })));
    }
    const results = await Promise.all(inflight);
    const elapsed = (performance.now() - start) / 1000;
    const latencies = results.filter((result) => result.ok).map((result) => result.ms);
    return {
      rate: RATE_PER_SECOND,
      requests: total,
      errors: results.filter((result) => !result.ok).length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: Math.max(...latencies),
      achievedRate: total / elapsed,
    };
  } finally {
    await server.stop();
  }
}

export function printOrderLatency(figures: LatencyFigures): void {
  console.log(
    `\nPOST /api/orders on loopback: ${figures.requests} requests at ${figures.rate}/s (open loop), local host in its own process`,
  );
  console.log(
    `  p50 ${figures.p50.toFixed(1)} ms   p99 ${figures.p99.toFixed(1)} ms   max ${figures.max.toFixed(1)} ms   errors ${figures.errors}   achieved ${figures.achievedRate.toFixed(1)}/s   target p99 ≤ 25 ms, 0 errors: ${figures.p99 <= 25 && figures.errors === 0 ? 'met' : 'MISSED'}`,
  );
}
