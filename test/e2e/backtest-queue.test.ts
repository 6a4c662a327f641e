import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { localClientConfig } from '../../lib/local/local-client-config';
import type { LocalHost } from '../../lib/local/local-host';
import { WORKFLOWS } from '../../lib/workflows/workflow-specs';
import { call, sendJson, startTestHost } from '../support/local-host';

interface Backtest {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  started_at: string | null;
  finished_at: string | null;
  error: { code: string; message: string } | null;
  runs: unknown[];
}

/**
 * Backtests never run on the request path: the API answers 202 at once, the runner computes on a
 * worker thread, one backtest at a time on the local host, and everything else keeps answering
 * while it does.
 */
describe('queued backtests on the local host (real HTTP, fauxqs, a worker thread)', () => {
  let host: LocalHost;
  const submit = async (body: unknown) => {
    const response = await sendJson(host, 'POST', '/api/strategies/backtest', body);
    expect(response.status, response.text).toBe(202);
    return response.body as Backtest;
  };
  const read = async (id: string) =>
    (await call(`${host.url}/api/strategies/backtest/${id}`)).body as Backtest;

  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000, cycleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('answers health, quotes and an order while a long sweep computes, and the sweep completes after', async () => {
    // 200 combinations over 100,000 minute bars: seconds of compute on this machine.
    const sweep = await submit({
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=100000,interval=1,seed=5' },
      sweep: {
        fast_period: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        slow_period: [20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58],
      },
    });
    // Each read is a request the host answers: it sees the sweep go from queued to running.
    let seen = await read(sweep.id);
    for (let reads = 0; seen.status === 'queued' && reads < 10_000; reads++) seen = await read(sweep.id);
    expect(seen.status).toBe('running');

    const health = await call(`${host.url}/api/health`);
    const quotes = await call(`${host.url}/api/market/quotes?symbols=AAPL`);
    const order = await sendJson(host, 'POST', '/api/orders', { symbol: 'AAPL', side: 'buy', quantity: 1 });
    expect([health.status, quotes.status, order.status]).toEqual([200, 200, 201]);
    // Had the compute held the event loop, none of these would have been answered before it ended.
    expect((await read(sweep.id)).status).toBe('running');

    await host.settle();
    const done = await read(sweep.id);
    expect(done).toMatchObject({ status: 'completed', error: null });
    expect(done).toMatchObject({ run_count: 200, progress: { done: 200, total: 200 } });
    expect(done.runs).toHaveLength(100); // the first page
  });

  it('fans a sweep of more than 500 combinations out on the sweep state machine (its Distributed Map in the emulator), every run ranked', async () => {
    const sweep = await submit({
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=300,seed=8' },
      sweep: { fast_period: { from: 2, to: 31 }, slow_period: { from: 40, to: 59 } },
      rank_by: 'total_return',
    });
    await host.settle();
    const done = (await call(`${host.url}/api/strategies/backtest/${sweep.id}?limit=1000`))
      .body as unknown as {
      status: string;
      runs: { number: number; performance: { total_return: number; deflated_sharpe: number | null } }[];
    };
    expect(done).toMatchObject({ status: 'completed', run_count: 600, progress: { done: 600, total: 600 } });
    expect(new Set(done.runs.map((run) => run.number)).size).toBe(600);
    const returns = done.runs.map((run) => run.performance.total_return);
    expect(returns).toEqual([...returns].sort((a, b) => b - a));
    expect(done.runs.some((run) => run.performance.deflated_sharpe !== null)).toBe(true);
    // The same machine the stack deploys ran it: an execution named after the backtest.
    const sfn = new SFNClient(localClientConfig(host.endpoints.stepFunctions));
    try {
      const execution = await sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${host.operatorEnvironment()[WORKFLOWS.sweep.envVar]!.replace(':stateMachine:', ':execution:')}:${sweep.id}`,
        }),
      );
      expect(execution.status).toBe('SUCCEEDED');
    } finally {
      sfn.destroy();
    }
  });

  it('runs backtests one at a time', async () => {
    const ids: string[] = [];
    for (const seed of [1, 2, 3])
      ids.push(
        (
          await submit({
            type: 'ma_crossover',
            data: { synthetic: `gbm:bars=20000,interval=1,seed=${seed}` },
          })
        ).id,
      );
    await host.settle();
    const runs = (await Promise.all(ids.map(read))).sort(
      (a, b) => Date.parse(a.started_at!) - Date.parse(b.started_at!),
    );
    expect(runs.map((run) => run.status)).toEqual(['completed', 'completed', 'completed']);
    for (let index = 1; index < runs.length; index++)
      expect(Date.parse(runs[index]!.started_at!)).toBeGreaterThanOrEqual(
        Date.parse(runs[index - 1]!.finished_at!),
      );
  });

  it('ends a backtest it cannot run as failed, with the reason', async () => {
    const missing = await submit({ type: 'ma_crossover', data: { symbols: ['ZZZZ'], sessions: 100 } });
    await host.settle();
    expect(await read(missing.id)).toMatchObject({
      status: 'failed',
      error: { code: 'NO_HISTORY', message: expect.stringContaining('ZZZZ') },
      runs: [],
    });
  });
});
