import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlpacaBarPages } from '../../../lib/adapters/alpaca/alpaca-bar-pages';
import { AlpacaUnavailableError } from '../../../lib/adapters/alpaca/alpaca-rest';
import { FileDatasetStore } from '../../../lib/adapters/datasets/file-dataset-store';
import { fetchDataset } from '../../../lib/app/datasets/fetch-dataset';
import { loadDataset } from '../../../lib/app/datasets/load-dataset';
import { type FakeAlpaca, startFakeAlpaca } from '../../support/fake-alpaca';

const clock = { now: () => new Date('2026-12-07T15:00:00Z') };

describe('fetchDataset from Alpaca (the fake, on loopback)', () => {
  let fake: FakeAlpaca;
  let pages: AlpacaBarPages;
  let folder: string;
  beforeAll(async () => {
    const started = await startFakeAlpaca(clock);
    fake = started.fake;
    pages = new AlpacaBarPages(started.rest);
    folder = mkdtempSync(join(tmpdir(), 'stratus-datasets-'));
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('follows every page through 429s, stamps daily bars at the close and notes the sessions missing', async () => {
    const store = new FileDatasetStore(folder);
    fake.barsPageSize = 100;
    fake.missingDays = new Set(['2025-03-12']);
    fake.rateLimitNext = 2;
    const before = fake.count('GET /v2/stocks/bars');
    const manifest = await fetchDataset(
      { store, pages, clock },
      { name: 'daily', symbols: ['SPY', 'AAPL'], from: '2025-01-02', to: '2025-12-31', timeframe: '1Day' },
    );
    fake.missingDays = new Set();
    // 249 sessions in 2025 less the gap; 100 a page: 3 pages a symbol, plus the two 429s retried.
    expect(fake.count('GET /v2/stocks/bars') - before).toBe(8);
    expect(manifest).toMatchObject({
      status: 'complete',
      source: 'alpaca',
      adjustment: 'all',
      timeframe: '1Day',
    });
    expect(manifest.symbols.SPY).toMatchObject({
      bars: 249,
      parts: 3,
      gaps: { count: 1, first: ['2025-03-12'] },
    });
    const { series } = await loadDataset(store, 'daily', ['SPY']);
    expect(series[0]!.length).toBe(249);
    // The first bar is 2025-01-02's, at its 16:00 New York close.
    expect(new Date(series[0]!.time[0]!).toISOString()).toBe('2025-01-02T21:00:00.000Z');
  });

  it('asks for bars adjusted for splits and dividends: a split leaves no jump in the series', async () => {
    const store = new FileDatasetStore(folder);
    fake.splits.set('AAPL', { date: '2025-06-09', ratio: 4 });
    const manifest = await fetchDataset(
      { store, pages, clock },
      { name: 'split', symbols: ['AAPL'], from: '2025-05-01', to: '2025-07-31', timeframe: '1Day' },
    );
    const raw = await fetchDataset(
      { store, pages, clock },
      {
        name: 'split-raw',
        symbols: ['AAPL'],
        from: '2025-05-01',
        to: '2025-07-31',
        timeframe: '1Day',
        adjustment: 'raw',
      },
    );
    fake.splits.clear();
    expect(manifest.adjustment).toBe('all');
    expect(raw.adjustment).toBe('raw');
    const largestMove = async (name: string) => {
      const close = (await loadDataset(store, name)).series[0]!.close;
      let largest = 0;
      for (let i = 1; i < close.length; i++)
        largest = Math.max(largest, Math.abs(close[i]! / close[i - 1]! - 1));
      return largest;
    };
    expect(await largestMove('split')).toBeLessThan(0.05);
    expect(await largestMove('split-raw')).toBeGreaterThan(0.7); // 4-for-1: the price falls 75 %
  });

  it('resumes a download that stopped after the last bar stored: the same bars, none asked twice', async () => {
    const request = {
      name: 'minutes',
      symbols: ['MSFT'],
      from: '2025-11-03',
      to: '2025-11-07',
      timeframe: '1Min' as const,
    };
    fake.barsPageSize = 500; // 5 sessions × 390 minutes: 4 pages
    const whole = await fetchDataset(
      { store: new FileDatasetStore(join(folder, 'whole')), pages, clock },
      request,
    );

    const store = new FileDatasetStore(join(folder, 'resumed'));
    fake.failBarsRequest = 3; // the third page's request fails: the download stops there
    await expect(fetchDataset({ store, pages, clock }, request)).rejects.toBeInstanceOf(
      AlpacaUnavailableError,
    );
    const stopped = await store.manifest('minutes');
    expect(stopped).toMatchObject({ status: 'partial', symbols: { MSFT: { bars: 1000, parts: 2 } } });

    const before = fake.count('GET /v2/stocks/bars');
    const resumed = await fetchDataset({ store, pages, clock }, request);
    expect(fake.count('GET /v2/stocks/bars') - before).toBe(2); // the 950 bars left: two pages
    expect(resumed.symbols.MSFT).toMatchObject({ bars: 1950, parts: 4, gaps: { count: 0 } });
    const [a, b] = await Promise.all([
      loadDataset(new FileDatasetStore(join(folder, 'whole')), 'minutes'),
      loadDataset(store, 'minutes'),
    ]);
    expect(Array.from(b.series[0]!.time)).toEqual(Array.from(a.series[0]!.time));
    expect(Array.from(b.series[0]!.close)).toEqual(Array.from(a.series[0]!.close));
    expect(whole.symbols.MSFT!.bars).toBe(1950);
  });

  it('refuses to mix other bars into an existing dataset, and names bad names', async () => {
    const store = new FileDatasetStore(folder);
    await expect(
      fetchDataset(
        { store, pages, clock },
        { name: 'daily', symbols: ['SPY'], from: '2024-01-02', to: '2024-12-31', timeframe: '1Day' },
      ),
    ).rejects.toMatchObject({ code: 'DATASET_EXISTS' });
    await expect(
      fetchDataset(
        { store, pages, clock },
        { name: '../escape', symbols: ['SPY'], from: '2024-01-02', to: '2024-12-31', timeframe: '1Day' },
      ),
    ).rejects.toMatchObject({ code: 'DATASET_NAME_INVALID' });
  });
});
