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
    performance: { sharpe: number | null; deflated_sharpe: number | null };
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

  /** Submits, expects 202 with a Location, waits for the runner, and reads the backtest back. */
  const submitted = async (body: unknown, page = '') => {
    const accepted = await post(body);
    expect(accepted.status, accepted.text).toBe(202);
    const location = accepted.headers.get('location');
    expect(location).toBe(`/api/strategies/backtest/${(accepted.body as BacktestBody).id}`);
    expect(accepted.body).toMatchObject({ status: 'queued', runs: [] });
    await host.settle();
    const read = await call(`${host.url}${location}${page}`);
    expect(read.status).toBe(200);
    return read;
  };

  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('runs over the market history, stores the result and returns it by id', async () => {
    const created = await submitted({
      type: 'ma_crossover',
      parameters: { fast_period: 10, slow_period: 30 },
      data: { symbols: ['AAPL'], sessions: 300 },
    });
    const body = created.body as BacktestBody;
    expect(body).toMatchObject({ status: 'completed', runs: [{ bars: 300 }] });
    // The run records what it ran with, defaults included (not the empty sweep combination).
    expect(body.runs[0]!.parameters).toEqual({ fast_period: 10, slow_period: 30, average: 'sma' });
    expect(body.runs[0]!.trades.length).toBeGreaterThan(0);
    // Tickers stay tickers in the snake_case JSON.
    expect(Object.keys((body.runs[0] as unknown as { by_symbol: object }).by_symbol)).toEqual(['AAPL']);
    const stored = await call(`${host.url}/api/strategies/backtest/${body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(body);
    expect((await call(`${host.url}/api/strategies/backtest/bt-000000000000`)).status).toBe(404);
  });

  it('sweeps a parameter grid and ranks the runs by the metric asked', async () => {
    const created = await submitted({
      type: 'ma_crossover',
      parameters: { slow_period: 40 },
      data: { synthetic: 'gbm:bars=1000,seed=9,vol=0.3' },
      sweep: { fast_period: [5, 10, 20], average: ['sma', 'ema'] },
      rank_by: 'sharpe',
    });
    const { runs } = created.body as BacktestBody;
    expect(runs).toHaveLength(6);
    expect(
      runs
        .map((run) => `${run.parameters.fast_period}/${run.parameters.slow_period}/${run.parameters.average}`)
        .sort(),
    ).toEqual(['10/40/ema', '10/40/sma', '20/40/ema', '20/40/sma', '5/40/ema', '5/40/sma']);
    const sharpes = runs.map((run) => run.performance.sharpe ?? Number.NEGATIVE_INFINITY);
    expect([...sharpes].sort((a, b) => b - a)).toEqual(sharpes);
    // Each run's deflated Sharpe against the six trials: a probability, highest for the best Sharpe.
    const deflated = runs.map((run) => run.performance.deflated_sharpe);
    for (const value of deflated) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(Math.max(...(deflated as number[]))).toBe(deflated[0]);
  });

  it('stores a 200-combination sweep over 2,520 daily bars and reads it back: every run ranked, any run in full', async () => {
    const created = await submitted(
      {
        type: 'ma_crossover',
        parameters: {},
        data: { synthetic: 'gbm:bars=2520,seed=4,vol=0.25' },
        sweep: { fast_period: { from: 3, to: 12 }, slow_period: { from: 20, to: 58, step: 2 } },
        rank_by: 'sharpe',
      },
      '?limit=1000',
    );
    const body = created.body as BacktestBody & { runs: { equity?: unknown[] }[] };
    expect(body.runs).toHaveLength(200);
    expect(body).toMatchObject({ run_count: 200, progress: { done: 200, total: 200 } });
    // Pages of the same ranking.
    const second = await call(`${host.url}/api/strategies/backtest/${body.id}?offset=100&limit=50`);
    expect((second.body as BacktestBody).runs.map((run) => run.parameters)).toEqual(
      body.runs.slice(100, 150).map((run) => run.parameters),
    );
    // Every run, read back in full: together many times an item's 400 KB, stored run by run.
    const full: Awaited<ReturnType<typeof call>>[] = [];
    for (let start = 1; start <= 200; start += 20)
      full.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, offset) =>
            call(`${host.url}/api/strategies/backtest/${body.id}/runs/${start + offset}`),
          ),
        )),
      );
    expect(full.reduce((sum, run) => sum + run.text.length, 0)).toBeGreaterThan(4 * 400 * 1024);
    const stored = await call(`${host.url}/api/strategies/backtest/${body.id}?limit=1000`);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(body);
    const runs = (stored.body as BacktestBody).runs;
    expect(runs[0]!.trades.length).toBeGreaterThan(0);
    expect(runs[1]).not.toHaveProperty('trades');
    for (const rank of [1, 2, 200]) {
      expect(full[rank - 1]!.status).toBe(200);
      const run = full[rank - 1]!.body as {
        parameters: unknown;
        bars: number;
        trades: unknown[];
        equity: unknown[];
      };
      expect(run).toMatchObject({ parameters: runs[rank - 1]!.parameters, bars: 2520 });
      expect(run.equity.length).toBeGreaterThan(100);
    }
    const sharpes = runs.map((run) => run.performance.sharpe ?? Number.NEGATIVE_INFINITY);
    expect([...sharpes].sort((a, b) => b - a)).toEqual(sharpes);
    expect((await call(`${host.url}/api/strategies/backtest/${body.id}/runs/201`)).status).toBe(404);
    expect((await call(`${host.url}/api/strategies/backtest/${body.id}/runs/0`)).status).toBe(400);
  });

  it('sizes by a fixed quantity or a sizing model, the same models as the CLI', async () => {
    const fixed = await submitted({
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=1500,seed=5,vol=0.3' },
      quantity: 50,
    });
    const trades = (fixed.body as { runs: { trades: { quantity: number }[] }[] }).runs[0]!.trades;
    expect(trades.length).toBeGreaterThan(0);
    expect(new Set(trades.map((trade) => trade.quantity))).toEqual(new Set([50]));
    const modelled = await submitted({
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=1500,seed=5,vol=0.3' },
      sizing: 'fixed_fractional:risk=0.01,stop=0.05',
    });
    expect(modelled.body).toMatchObject({
      status: 'completed',
      request: { sizing: { kind: 'fixed_fractional' } },
    });
  });

  it.each([
    [{ quantity: 50, fraction: 0.5 }, 'VALIDATION_FAILED', /one of fraction, quantity and sizing/],
    [{ sizing: 'martingale:2' }, 'SIZING_INVALID', /must be fixed, equity_fraction/],
  ])('refuses sizing %j with 400 naming sizing, and queues nothing', async (sizing, code, problem) => {
    const refused = await post({ type: 'ma_crossover', data: { synthetic: 'gbm:bars=500' }, ...sizing });
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({
      code,
      details: [{ field: 'sizing', problem: expect.stringMatching(problem) }],
    });
  });

  it('refuses synthetic data over the bar limit before generating any of it', async () => {
    // 3 M minute bars: 30 years of trading, over the 2 M-bar limit.
    const refused = await post({ type: 'ma_crossover', data: { synthetic: 'gbm:bars=3000000,interval=1' } });
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({
      code: 'BACKTEST_TOO_LARGE',
      details: [{ field: 'data.synthetic' }],
    });
    // The field names the spec itself: refused from the spec, before a bar is generated (the
    // count of generated bars was checked after generating them, 30 s and 4.7 GB later).
  });

  it('refuses a synthetic path longer than any market’s history (its prices would leave a double’s range)', async () => {
    const refused = await post({
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=2000000,interval=1440' },
    });
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({
      code: 'SYNTHETIC_INVALID',
      message: expect.stringMatching(/7,937 years/),
    });
  });

  it('cancels a queued backtest, and refuses to cancel one that has ended', async () => {
    const accepted = await post({ type: 'ma_crossover', data: { synthetic: 'gbm:bars=500,seed=2' } });
    const id = (accepted.body as BacktestBody).id;
    const canceled = await call(`${host.url}/api/strategies/backtest/${id}/cancel`, { method: 'POST' });
    // The runner may have taken it already: canceled either way, never run to the end.
    expect(canceled.status, canceled.text).toBe(200);
    expect(canceled.body).toMatchObject({ id, status: 'canceled' });
    await host.settle();
    expect((await call(`${host.url}/api/strategies/backtest/${id}`)).body).toMatchObject({
      status: 'canceled',
    });
    const again = await call(`${host.url}/api/strategies/backtest/${id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'BACKTEST_ENDED' });
    const none = await call(`${host.url}/api/strategies/backtest/bt-000000000000/cancel`, { method: 'POST' });
    expect(none.status).toBe(404);
  });

  it('runs a random search: the number of draws asked, every one from the sweep', async () => {
    const created = await submitted({
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=600,seed=9' },
      sweep: { fast_period: { from: 2, to: 15 }, slow_period: { from: 20, to: 60, step: 5 } },
      search: { method: 'random', samples: 12, seed: 3 },
    });
    const runs = (created.body as BacktestBody).runs as unknown as { parameters: Record<string, number> }[];
    expect(runs).toHaveLength(12);
    expect(new Set(runs.map((run) => JSON.stringify(run.parameters))).size).toBe(12);
    for (const { parameters } of runs) {
      expect(parameters.fast_period).toBeGreaterThanOrEqual(2);
      expect(parameters.slow_period! % 5).toBe(0);
    }
    const searchless = await post({
      type: 'ma_crossover',
      data: { synthetic: 'gbm' },
      search: { method: 'grid' },
    });
    expect(searchless.status).toBe(400);
    expect(errorOf(searchless).details?.[0]).toMatchObject({ field: 'search' });
  });

  it('walks a sweep forward: each window’s choice and scores, the stitched out-of-sample equity', async () => {
    const created = await submitted({
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=1500,seed=12,vol=0.3' },
      sweep: { fast_period: [5, 10, 20], slow_period: [40, 80] },
      walk_forward: { in_sample: 500, out_of_sample: 250, mode: 'anchored' },
    });
    const body = created.body as {
      status: string;
      runs: unknown[];
      walk_forward: {
        mode: string;
        metric: string;
        windows: {
          in_sample: { bars: number };
          out_of_sample: { from: string; bars: number };
          parameters: Record<string, number>;
        }[];
        equity: [string, number][];
        out_of_sample_return: number;
      };
    };
    expect(body.status).toBe('completed');
    expect(body.runs).toEqual([]);
    const report = body.walk_forward;
    expect(report).toMatchObject({
      mode: 'anchored',
      metric: 'sharpe',
      in_sample_bars: 500,
      out_of_sample_bars: 250,
    });
    // 1,500 bars: 500 in sample, then four windows of 250 out of sample, the in-sample window growing.
    expect(report.windows.map((w) => [w.in_sample.bars, w.out_of_sample.bars])).toEqual([
      [500, 250],
      [750, 250],
      [1000, 250],
      [1250, 250],
    ]);
    for (const window of report.windows) expect([5, 10, 20]).toContain(window.parameters.fast_period);
    // The stitched equity starts at the first out-of-sample bar and ends at the reported return.
    expect(report.equity[0]![0] >= report.windows[0]!.out_of_sample.from).toBe(true);
    expect(report.equity.at(-1)![1] / 100_000 - 1).toBeCloseTo(report.out_of_sample_return, 4);
    const noSweep = await post({
      type: 'ma_crossover',
      data: { synthetic: 'gbm' },
      walk_forward: { in_sample: 100, out_of_sample: 50 },
    });
    expect(noSweep.status).toBe(400);
    expect(errorOf(noSweep).details?.[0]).toMatchObject({ field: 'walk_forward' });
  });

  it('compares a configuration’s versions side by side on the same data: one run per version, its own parameters', async () => {
    const send = (method: string, path: string, body: unknown) =>
      call(`${host.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await send('POST', '/api/strategies/create', {
      type: 'ma_crossover',
      name: 'Versions',
      symbols: ['AAPL'],
      parameters: { fast_period: 10, slow_period: 30 },
    });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { id: string }).id;
    const changed = await send('PUT', `/api/strategies/${id}`, {
      parameters: { fast_period: 20, slow_period: 60 },
      note: 'slower',
    });
    expect(changed.status, changed.text).toBe(200);
    const compared = await submitted({
      type: 'ma_crossover',
      data: { symbols: ['AAPL'], sessions: 300 },
      versions_of: { config_id: id },
    });
    const runs = (compared.body as { runs: (BacktestBody['runs'][number] & { version: number })[] }).runs;
    expect(runs.map((run) => [run.version, run.parameters.fast_period]).sort()).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(runs[0]!.final_equity).not.toBe(runs[1]!.final_equity);
    // A version it does not have, and a type that is not the configuration's: 400s naming the field.
    const missing = await post({
      type: 'ma_crossover',
      data: { symbols: ['AAPL'] },
      versions_of: { config_id: id, versions: [3] },
    });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).details?.[0]?.field).toBe('versions_of.versions');
    const wrongType = await post({
      type: 'rsi_mean_reversion',
      data: { symbols: ['AAPL'] },
      versions_of: { config_id: id },
    });
    expect(errorOf(wrongType).details?.[0]?.field).toBe('type');
  });

  it('names the parameter a sweep would break, and runs nothing', async () => {
    const bad = await post({
      type: 'ma_crossover',
      parameters: { slow_period: 10 },
      data: { synthetic: 'gbm' },
      sweep: { fast_period: [15, 20] },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).details?.[0]).toMatchObject({ field: 'parameters.slow_period' });
    expect(
      (await post({ type: 'ma_crossover', data: { symbols: ['AAPL'] }, commission: 'free' })).status,
    ).toBe(400);
  });
});
