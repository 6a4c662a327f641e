import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileDatasetStore } from '../../../lib/adapters/datasets/file-dataset-store';
import { importDataset } from '../../../lib/app/datasets/import-dataset';
import { loadDataset } from '../../../lib/app/datasets/load-dataset';

const clock = { now: () => new Date('2026-12-07T15:00:00Z') };
const folder = mkdtempSync(join(tmpdir(), 'stratus-import-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const YAHOO = `Date,Open,High,Low,Close,Adj Close,Volume
2025-06-02,100.00,102.00,99.00,101.00,50.50,1000
2025-06-03,101.00,103.00,100.00,102.00,51.00,1200
2025-06-04,102.00,104.00,101.00,103.00,51.50,900
`;

describe('importDataset', () => {
  it('reads a Yahoo-style daily file: prices scaled by the adjusted close, stamped at each close', async () => {
    const store = new FileDatasetStore(folder);
    const { manifest, rejected } = await importDataset(
      { store, clock },
      { name: 'yahoo', symbol: 'SPY', text: YAHOO },
    );
    expect(rejected).toEqual([]);
    expect(manifest).toMatchObject({
      source: 'csv',
      adjustment: 'all',
      timeframe: '1Day',
      from: '2025-06-02',
      to: '2025-06-04',
      symbols: { SPY: { bars: 3, gaps: { count: 0 } } },
    });
    const spy = (await loadDataset(store, 'yahoo')).series[0]!;
    expect(Array.from(spy.close)).toEqual([50.5, 51, 51.5]);
    expect(spy.open[0]).toBeCloseTo(50, 10);
    expect(new Date(spy.time[0]!).toISOString()).toBe('2025-06-02T20:00:00.000Z'); // 16:00 EDT
  });

  it('reads a generic file through a column map, naive times in New York', async () => {
    const text = `Timestamp;o;h;l;c;Shares
2025-06-02 09:31:00;10;11;9;10.5;300
2025-06-02 09:32:00;10.5;11;10;10.75;200
`;
    const { manifest } = await importDataset(
      { store: new FileDatasetStore(folder), clock },
      {
        name: 'generic',
        symbol: 'ABC',
        text,
        options: { layout: 'generic', columns: { time: 'Timestamp', volume: 'Shares' } },
      },
    );
    expect(manifest).toMatchObject({ timeframe: '1Min', adjustment: 'raw', symbols: { ABC: { bars: 2 } } });
    const abc = (await loadDataset(new FileDatasetStore(folder), 'generic')).series[0]!;
    expect(new Date(abc.time[0]!).toISOString()).toBe('2025-06-02T13:31:00.000Z');
    expect(Array.from(abc.volume)).toEqual([300, 200]);
  });

  it('refuses a file with bad rows, naming each by line, and stores nothing', async () => {
    const store = new FileDatasetStore(folder);
    const text = `Date,Open,High,Low,Close,Volume
2025-06-02,100,102,99,101,1000
2025-06-03,101,null,100,102,1200
2025-06-07,102,104,101,103,900
2025-06-05,102,101,101,103,900
2025-06-04,102,104,101,103,900
`;
    const refusal = importDataset({ store, clock }, { name: 'bad', symbol: 'SPY', text });
    await expect(refusal).rejects.toMatchObject({
      code: 'DATASET_ROWS_INVALID',
      details: [
        { field: 'file:3', problem: 'high "null" is not a number ≥ 0' },
        { field: 'file:4', problem: '2025-06-07 is not a trading day' },
        { field: 'file:5', problem: 'high 101 and low 101 do not enclose open 102 and close 103' },
      ],
    });
    expect(await store.manifest('bad')).toBeNull();
    // Kept on request: the good rows stored, the bad reported.
    const kept = await importDataset(
      { store, clock },
      { name: 'bad', symbol: 'SPY', text, keepGoodRows: true },
    );
    expect(kept.rejected.map((row) => row.line)).toEqual([3, 4, 5]);
    expect(kept.manifest.symbols.SPY).toMatchObject({ bars: 2, gaps: { count: 1, first: ['2025-06-03'] } });
  });

  it('names the column a file lacks', async () => {
    await expect(
      importDataset(
        { store: new FileDatasetStore(folder), clock },
        { name: 'x', symbol: 'SPY', text: 'when,price\n1,2\n' },
      ),
    ).rejects.toMatchObject({
      details: [{ field: 'file:1', problem: expect.stringContaining('no time column') }],
    });
  });
});
