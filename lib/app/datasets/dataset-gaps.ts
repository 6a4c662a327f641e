import { parseBarsCsv } from '../../core/backtest';
import { type DatasetManifest, missingSessions } from '../../core/datasets/dataset';
import { newYorkDate } from '../../core/market/nyse-calendar';
import type { DatasetStore } from '../ports/dataset-store';
import { concatenate } from './load-dataset';

/** How many gaps a manifest lists by date (the count is always whole). */
const LISTED = 5;

/** The manifest with each symbol's missing sessions (from its first day to `to`) counted. */
export async function withGaps(store: DatasetStore, manifest: DatasetManifest): Promise<DatasetManifest> {
  const symbols = { ...manifest.symbols };
  for (const [symbol, data] of Object.entries(symbols)) {
    if (data.parts === 0) continue;
    const parts = await store.readParts(manifest.name, symbol, data.parts);
    const series = concatenate(
      symbol,
      parts.map((csv) => parseBarsCsv(csv, symbol)),
    );
    // From the symbol's first bar: before it the symbol may not have traded at all.
    const first = newYorkDate(new Date(series.time[0]!));
    const missing = missingSessions(series.time, first > manifest.from ? first : manifest.from, manifest.to);
    symbols[symbol] = { ...data, gaps: { count: missing.length, first: missing.slice(0, LISTED) } };
  }
  return { ...manifest, symbols };
}
