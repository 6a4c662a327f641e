import { SIMULATED_UNIVERSE } from '../lib/adapters/market-data/simulated-universe';
import { startLocalHost } from '../lib/local/local-host';
import { quantile } from './machine';

const STRATEGIES = 10;
const SYMBOLS = 50;
const CYCLES = 120;
const WARMUP_CYCLES = 5;
const NEVER_MS = 2_147_483_647;
/** 2026-11-18 10:00 New York (a full session), then 15 s per cycle: half an hour of trading. */
const START = Date.parse('2026-11-18T15:00:00Z');

export interface CycleFigures {
  cycles: number;
  orders: number;
  /** Orders sent by the busiest cycle (minute bars close once a minute: every fourth cycle sees new signals). */
  busiestCycleOrders: number;
  errors: number;
  /** The cycle as the engine measures it (market data, strategies, orders, the session write). */
  engine: { p50: number; p99: number; max: number };
  /** Cycles that sent no order: market data, 500 strategy–symbol evaluations, the session write. */
  quiet: { p50: number; p99: number; max: number; cycles: number };
  /** The whole invocation of the cycle function (lease, reconciliation, the cycle, its record). */
  invocation: { p50: number; p99: number; max: number };
}

/**
 * The engine's cycle with 10 strategies (crossovers, RSI and Bollinger, different parameters)
 * over the same 50 symbols each (500 strategy-symbol pairs, 390 minute bars of warm-up), on the
 * local host in this process: real dynalite, the paper venue, TWAP workflows. The clock moves
 * 15 s per cycle; between cycles the host settles (in real time the next cycle is 15 s away).
 */
export async function benchEngineCycle(): Promise<CycleFigures> {
  // Engine orders are sent immediate here. A TWAP's slices run after the cycle in production
  // (their own executions, minutes apart); with the zero waits a bench needs they would run inside
  // the measured window instead, on the same two cores.
  process.env.STRATUS_ROUTING = 'notional';
  process.env.STRATUS_ROUTE_IMMEDIATE_BELOW = '1000000000';
  const host = await startLocalHost({
    port: 0,
    inMemory: true,
    logLevel: 'ERROR',
    onError: () => undefined,
    waitOverrideMs: 0,
    scheduleIntervalMs: NEVER_MS,
    cycleIntervalMs: NEVER_MS,
    clockStart: new Date(START - 60_000),
    startingCash: 10_000_000,
  });
  try {
    const send = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${host.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    // Many small orders from many strategies: lift the duplicate and rate guards the bench would trip,
    // and the losing-streak breaker (minute-bar crossovers lose often; a paused strategy sends nothing).
    await send('PUT', '/api/risk/limits', {
      account: {
        duplicate_window_seconds: 0,
        max_orders_per_window: 1_000,
        order_window_seconds: 1,
        max_consecutive_losses: 100,
        daily_loss_limit: 1_000_000,
      },
    });
    const symbols = SIMULATED_UNIVERSE.slice(0, SYMBOLS).map((instrument) => instrument.symbol);
    if (symbols.length < SYMBOLS)
      throw new Error(`the simulated universe has only ${symbols.length} symbols`);
    const kinds = [
      { type: 'ma_crossover', parameters: (n: number) => ({ fast_period: 3 + n, slow_period: 15 + 3 * n }) },
      {
        type: 'rsi_mean_reversion',
        parameters: (n: number) => ({ period: 5 + n, oversold: 35, exit_level: 55 }),
      },
      { type: 'bollinger_breakout', parameters: (n: number) => ({ period: 15 + 2 * n }) },
    ];
    const configs: string[] = [];
    for (let n = 0; n < STRATEGIES; n++) {
      const kind = kinds[n % kinds.length]!;
      const created = await send('POST', '/api/strategies/create', {
        type: kind.type,
        name: `bench ${n}`,
        parameters: kind.parameters(Math.floor(n / kinds.length)),
        symbols,
      });
      configs.push(created.id as string);
    }
    await send('POST', '/api/strategies/start-execution', {
      strategies: configs.map((id) => ({ config_id: id, allocation: 0.002 })),
    });
    const engine: number[] = [];
    const quiet: number[] = [];
    const invocation: number[] = [];
    let orders = 0;
    let busiest = 0;
    let errors = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      host.setClock(new Date(START + cycle * 15_000));
      const started = performance.now();
      const result = (await host.runScheduled('engineCycle')) as {
        ran: boolean;
        sessions: { durationMs: number; orders: number; errors: number }[];
      };
      const elapsed = performance.now() - started;
      if (!result.ran || result.sessions.length !== 1) throw new Error(`cycle ${cycle} did not run`);
      await host.settle();
      if (cycle < WARMUP_CYCLES) continue;
      const session = result.sessions[0]!;
      engine.push(session.durationMs);
      if (session.orders === 0) quiet.push(session.durationMs);
      invocation.push(elapsed);
      orders += session.orders;
      busiest = Math.max(busiest, session.orders);
      errors += session.errors;
    }
    const figures = (values: number[]) => ({
      p50: quantile(values, 0.5),
      p99: quantile(values, 0.99),
      max: Math.max(...values),
    });
    return {
      cycles: engine.length,
      orders,
      busiestCycleOrders: busiest,
      quiet: { ...figures(quiet), cycles: quiet.length },
      errors,
      engine: figures(engine),
      invocation: figures(invocation),
    };
  } finally {
    await host.stop();
  }
}

export function printEngineCycle(figures: CycleFigures): void {
  console.log(
    `\nEngine cycle: ${STRATEGIES} strategies × ${SYMBOLS} symbols, ${figures.cycles} cycles (after ${WARMUP_CYCLES} warm-up), ${figures.orders} orders sent (at most ${figures.busiestCycleOrders} in one cycle), ${figures.errors} cycle errors`,
  );
  const line = (name: string, f: CycleFigures['engine']) =>
    `  ${name.padEnd(28)} p50 ${f.p50.toFixed(1).padStart(7)} ms   p99 ${f.p99.toFixed(1).padStart(7)} ms   max ${f.max.toFixed(1).padStart(7)} ms`;
  console.log(
    `${line('cycle (engine-measured)', figures.engine)}   target p99 ≤ 1000 ms: ${figures.engine.p99 <= 1000 ? 'met' : 'MISSED'}`,
  );
  console.log(line(`cycles without orders (${figures.quiet.cycles})`, figures.quiet));
  console.log(line('cycle function invocation', figures.invocation));
}
