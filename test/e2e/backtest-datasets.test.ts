import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileDatasetStore } from '../../lib/adapters/datasets/file-dataset-store';
import { importDataset } from '../../lib/app/datasets/import-dataset';
import { generateBars } from '../../lib/core/backtest';
import { formatBarsCsv } from '../../lib/core/backtest/csv';
import type { LocalHost } from '../../lib/local/local-host';
import { call, sendJson, startTestHost } from '../support/local-host';

/** Backtests over a dataset through the API: the functions that read datasets find them where the host keeps them. */
describe('backtests on a dataset (local host, real HTTP)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratus-host-data-'));
  let host: LocalHost;
  beforeAll(async () => {
    // A dataset kept by `stratus data import`: 600 daily bars of a synthetic path.
    const series = generateBars({
      symbol: 'SYN',
      bars: 600,
      start: Date.parse('2022-01-03T21:00:00Z'),
      intervalMinutes: 1_440,
      initialPrice: 100,
      drift: 0.05,
      volatility: 0.25,
      seed: 4,
      model: 'gbm',
    });
    const csv = formatBarsCsv(series).replace(/T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '');
    await importDataset(
      { store: new FileDatasetStore(join(dataDir, 'datasets')), clock: { now: () => new Date() } },
      { name: 'syn-daily', symbol: 'SYN', text: csv },
    );
    host = await startTestHost({
      inMemory: false,
      dataDir,
      scheduleIntervalMs: 3_600_000,
      cycleIntervalMs: 3_600_000,
    });
  });
  afterAll(async () => {
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the dataset, sweeps it and cites it on the result', async () => {
    const list = await call(`${host.url}/api/datasets`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      datasets: [{ name: 'syn-daily', timeframe: '1Day', source: 'csv', symbols: { SYN: { bars: 600 } } }],
    });
    const accepted = await sendJson(host, 'POST', '/api/strategies/backtest', {
      type: 'ma_crossover',
      data: { dataset: 'syn-daily' },
      sweep: { fast_period: [5, 10], slow_period: [30, 50] },
    });
    expect(accepted.status, accepted.text).toBe(202);
    const id = (accepted.body as { id: string }).id;
    await host.settle();
    const done = (await call(`${host.url}/api/strategies/backtest/${id}`)).body as {
      status: string;
      dataset: unknown;
      runs: { bars: number }[];
    };
    expect(done.status).toBe('completed');
    expect(done.dataset).toMatchObject({
      name: 'syn-daily',
      source: 'csv',
      timeframe: '1Day',
      symbols: ['SYN'],
    });
    expect(done.runs).toHaveLength(4);
    expect(done.runs[0]!.bars).toBe(600);
  });

  it('names a dataset that does not exist, or a symbol it lacks, and queues nothing', async () => {
    const missing = await sendJson(host, 'POST', '/api/strategies/backtest', {
      type: 'ma_crossover',
      data: { dataset: 'nope' },
    });
    expect(missing.status).toBe(422);
    expect((missing.body as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe(
      'data.dataset',
    );
    const symbol = await sendJson(host, 'POST', '/api/strategies/backtest', {
      type: 'ma_crossover',
      data: { dataset: 'syn-daily', symbols: ['AAPL'] },
    });
    expect(symbol.status).toBe(422);
    expect((symbol.body as { error: { code: string } }).error.code).toBe('NO_HISTORY');
  });
});
