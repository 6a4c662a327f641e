import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../lib/core/random';
import { checkBooks } from './books-check';
import { machineLine, quantile } from './machine';
import { startServe } from './serve-process';

/**
 * `npm run stress`: the long reliability runs, bounded in time, loopback only.
 * 1. Load: several clients at once — traders sending orders, a reader, a canceller firing five
 *    concurrent cancels at each resting order, three concurrent TWAPs on the one account — then
 *    the books are checked (ledger = cash, cost basis balances, nothing reserved, no order both
 *    filled and cancelled, no client id twice, parents = their children).
 * 2. Faults: the server is SIGKILLed mid-flow, restarted on the same data, three times; every
 *    order it acknowledged must be there exactly once, and the books must still balance.
 */
const OPENING_CASH = 10_000_000;
const LOAD_SECONDS = Number(process.env.STRESS_SECONDS ?? 15);
const SYMBOLS = ['AAPL', 'MSFT', 'SPY', 'NVDA', 'AMZN'];
const JSON_HEADERS = { 'content-type': 'application/json' };

interface Sample {
  kind: string;
  ms: number;
  status: number;
}

async function request(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : JSON_HEADERS,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
  } catch {
    return { status: 0, body: null, ms: performance.now() - started };
  }
}

async function liftBenchLimits(url: string): Promise<void> {
  // Many small orders on purpose: lift the duplicate guard and the rate limit; every other check runs.
  const response = await request(`${url}/api/risk/limits`, 'PUT', {
    account: { duplicate_window_seconds: 0, max_orders_per_window: 1_000, order_window_seconds: 1 },
  });
  if (response.status !== 200) throw new Error(`setting limits failed: ${response.status}`);
}

export async function stressLoad() {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratus-stress-'));
  const server = await startServe(
    ['--data-dir', dataDir, '--log-level', 'ERROR', '--test-controls', '--step-wait-ms', '0'],
    {
      STRATUS_STARTING_CASH: String(OPENING_CASH),
    },
  );
  const samples: Sample[] = [];
  const record = (kind: string, result: { status: number; ms: number }) =>
    samples.push({ kind, ms: result.ms, status: result.status });
  try {
    await liftBenchLimits(server.url);
    const random = mulberry32(20261122);
    const deadline = performance.now() + LOAD_SECONDS * 1000;
    let n = 0;
    const trader = async (id: number) => {
      while (performance.now() < deadline) {
        const symbol = SYMBOLS[Math.floor(random() * SYMBOLS.length)]!;
        const result = await request(`${server.url}/api/orders`, 'POST', {
          symbol,
          side: 'buy',
          quantity: 1 + Math.floor(random() * 5),
          execution: 'immediate',
          client_order_id: `stress-t${id}-${n++}`,
        });
        record('order', result);
      }
    };
    const reader = async () => {
      const paths = ['/api/portfolio', '/api/orders?limit=50', '/api/risk', '/api/orders/metrics'];
      for (let i = 0; performance.now() < deadline; i++)
        record('read', await request(`${server.url}${paths[i % paths.length]}`, 'GET'));
    };
    const canceller = async () => {
      while (performance.now() < deadline) {
        const resting = await request(`${server.url}/api/orders`, 'POST', {
          symbol: 'MSFT',
          side: 'buy',
          quantity: 2,
          order_type: 'limit',
          price: 100,
          time_in_force: 'gtc',
          execution: 'immediate',
          client_order_id: `stress-c-${n++}`,
        });
        record('order', resting);
        const id = (resting.body as { id?: string } | null)?.id;
        if (!id) continue;
        const cancels = await Promise.all(
          Array.from({ length: 5 }, () => request(`${server.url}/api/orders/${id}`, 'DELETE')),
        );
        for (const cancel of cancels) record('cancel', cancel);
      }
    };
    const twaps = Array.from({ length: 3 }, (_, i) =>
      request(`${server.url}/api/orders`, 'POST', {
        symbol: SYMBOLS[i]!,
        side: 'buy',
        quantity: 300,
        execution: 'twap',
        twap: { duration_seconds: 10, slices: 10 },
        client_order_id: `stress-twap-${i}`,
      }).then((result) => record('twap', result)),
    );
    await Promise.all([trader(1), trader(2), trader(3), reader(), canceller(), ...twaps]);
    const settled = await request(`${server.url}/local/settle`, 'POST');
    if (settled.status !== 200) throw new Error(`settle failed: ${settled.status}`);
    const books = await checkBooks(server.url, OPENING_CASH);
    return { samples, books, seconds: LOAD_SECONDS };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function stressFaults(rounds = 3) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratus-faults-'));
  const args = ['--data-dir', dataDir, '--log-level', 'ERROR', '--test-controls', '--step-wait-ms', '0'];
  const env = { STRATUS_STARTING_CASH: String(OPENING_CASH) };
  const acknowledged = new Set<string>();
  const recoveries: number[] = [];
  let sent = 0;
  const random = mulberry32(7);
  try {
    let server = await startServe(args, env);
    await liftBenchLimits(server.url);
    for (let round = 0; round < rounds; round++) {
      // Orders in flight from three clients; the kill lands at a pseudo-random moment among them.
      let stop = false;
      const client = async (id: number) => {
        for (let i = 0; !stop; i++) {
          const clientOrderId = `fault-r${round}-c${id}-${i}`;
          sent++;
          const result = await request(`${server.url}/api/orders`, 'POST', {
            symbol: SYMBOLS[(id + i) % SYMBOLS.length]!,
            side: 'buy',
            quantity: 1,
            execution: i % 7 === 0 ? 'twap' : 'immediate',
            ...(i % 7 === 0 ? { twap: { duration_seconds: 2, slices: 2 }, quantity: 4 } : {}),
            client_order_id: clientOrderId,
          });
          if (result.status === 201 || result.status === 200) acknowledged.add(clientOrderId);
          if (result.status === 0) return; // the server is gone
        }
      };
      const clients = [client(1), client(2), client(3)];
      await new Promise((resolve) => setTimeout(resolve, 500 + random() * 1500));
      await server.kill();
      stop = true;
      await Promise.all(clients);
      const restartedAt = performance.now();
      server = await startServe(args, env);
      recoveries.push(performance.now() - restartedAt);
      await request(`${server.url}/local/settle`, 'POST');
    }
    // A last reconciliation pass after the last restart, then the books.
    await request(`${server.url}/local/run/reconcileOrders`, 'POST');
    await request(`${server.url}/local/settle`, 'POST');
    const books = await checkBooks(server.url, OPENING_CASH);
    const listed = new Set<string>();
    for (let cursor: string | null = null, page = 0; page < 1000; page++) {
      const body: { orders: { client_order_id: string }[]; next_cursor: string | null } = (
        await request(
          `${server.url}/api/orders?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          'GET',
        )
      ).body as never;
      for (const order of body.orders) listed.add(order.client_order_id);
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    const lost = [...acknowledged].filter((id) => !listed.has(id));
    // Every order here was marketable: one still working after the restarts and the reconciliation
    // would be a fill the platform never received.
    if (books.working > 0)
      books.problems.push(`${books.working} orders still working (${books.workingSummary})`);
    await server.stop();
    return { rounds, sent, acknowledged: acknowledged.size, lost, books, recoveries };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function line(kind: string, samples: Sample[], seconds: number): string {
  const mine = samples.filter((sample) => sample.kind === kind);
  const ms = mine.map((sample) => sample.ms);
  const errors = mine.filter((sample) => sample.status === 0 || sample.status >= 500).length;
  const refused = mine.filter((sample) => sample.status >= 400 && sample.status < 500).length;
  return `  ${kind.padEnd(7)} ${String(mine.length).padStart(6)}  ${(mine.length / seconds).toFixed(1).padStart(7)}/s  p50 ${quantile(ms, 0.5).toFixed(1).padStart(7)} ms  p99 ${quantile(ms, 0.99).toFixed(1).padStart(8)} ms  4xx ${String(refused).padStart(4)}  errors ${errors}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Stratus stress — ${machineLine()}`);
  const load = await stressLoad();
  console.log(
    `\nLoad: ${load.seconds} s, 3 traders + a reader + a canceller (5 concurrent cancels per order) + 3 TWAPs, one account`,
  );
  console.log('  kind    requests  throughput   latency                         refused / errors');
  for (const kind of ['order', 'read', 'cancel', 'twap']) console.log(line(kind, load.samples, load.seconds));
  console.log(
    `  books: ${load.books.orders} orders (${load.books.slices} TWAP slices), ${load.books.ledgerEntries} ledger entries — ${load.books.problems.length ? `PROBLEMS: ${load.books.problems.join('; ')}` : 'reconcile exactly'}`,
  );
  const faults = await stressFaults();
  console.log(`\nFaults: ${faults.rounds} SIGKILLs mid-flow, restarted on the same data each time`);
  console.log(
    `  orders sent ${faults.sent}, acknowledged ${faults.acknowledged}, lost after restart ${faults.lost.length}`,
  );
  console.log(
    `  restart to ready: ${faults.recoveries.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
  );
  console.log(
    `  books: ${faults.books.orders} orders (${faults.books.slices} TWAP slices) — ${faults.books.problems.length ? `PROBLEMS: ${faults.books.problems.join('; ')}` : 'reconcile exactly'}`,
  );
  if (load.books.problems.length || faults.books.problems.length || faults.lost.length) process.exitCode = 1;
}
