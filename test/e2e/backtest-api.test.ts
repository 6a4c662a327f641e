import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, startTestHost } from '../support/local-host';

interface BacktestBody {
  id: string;
  status: string;
  runs: {
    parameters: Record<string, number>;
    bars: number;
    final_equity: number;
    performance: { sharpe: number | null };
    trades: unknown[];
  }[];
}

describe('backtests through the API on the local host (real HTTP)', () => {
  let host: LocalHost;
  const post = (body: unknown) =>
    call(`${host.url}/api/strategies/backtest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('runs over the market history, stores the result and returns it by id', async () => {
    const created = await post({
      type: 'ma_crossover',
      parameters: { fast_period: 10, slow_period: 30 },
      data: { symbols: ['AAPL'], sessions: 300 },
    });
    expect(created.status).toBe(201);
    const body = created.body as BacktestBody;
    expect(body).toMatchObject({ status: 'completed', runs: [{ bars: 300 }] });
    expect(body.runs[0]!.trades.length).toBeGreaterThan(0);
    // Tickers stay tickers in the snake_case JSON.
    expect(Object.keys((body.runs[0] as unknown as { by_symbol: object }).by_symbol)).toEqual(['AAPL']);
    const stored = await call(`${host.url}/api/strategies/backtest/${body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(body);
    expect((await call(`${host.url}/api/strategies/backtest/bt-000000000000`)).status).toBe(404);
  });

  it('sweeps a parameter grid and ranks the runs by the metric asked', async () => {
    const created = await post({
      type: 'ma_crossover',
      parameters: { slow_period: 40 },
      data: { synthetic: 'gbm:bars=1000,seed=9,vol=0.3' },
      sweep: { fast_period: [5, 10, 20], average: ['sma', 'ema'] },
      rank_by: 'sharpe',
    });
    expect(created.status).toBe(201);
    const { runs } = created.body as BacktestBody;
    expect(runs).toHaveLength(6);
    const sharpes = runs.map((run) => run.performance.sharpe ?? Number.NEGATIVE_INFINITY);
    expect([...sharpes].sort((a, b) => b - a)).toEqual(sharpes);
  });

  it('names the parameter a sweep would break, and runs nothing', async () => {
    const bad = await post({
      type: 'ma_crossover',
      parameters: { slow_period: 10 },
      data: { synthetic: 'gbm' },
      sweep: { fast_period: [5, 20] },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).details?.[0]).toMatchObject({ field: 'parameters.slow_period' });
    expect(
      (await post({ type: 'ma_crossover', data: { symbols: ['AAPL'] }, commission: 'free' })).status,
    ).toBe(400);
  });
});
