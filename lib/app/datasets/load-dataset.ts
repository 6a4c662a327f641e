import { type BarSeries, parseBarsCsv } from '../../core/backtest';
import { checkDatasetName, type DatasetManifest } from '../../core/datasets/dataset';
import { DomainError, NotFoundError } from '../../core/errors';
import type { DatasetStore } from '../ports/dataset-store';

/** A dataset's bars, symbol by symbol (all of them, or those named), each part read in order. */
export async function loadDataset(
  store: DatasetStore,
  name: string,
  symbols?: readonly string[],
): Promise<{ manifest: DatasetManifest; series: BarSeries[] }> {
  checkDatasetName(name, 'data.dataset');
  const manifest = await store.manifest(name);
  if (!manifest) throw new NotFoundError(`dataset ${name}`);
  const wanted = symbols ?? Object.keys(manifest.symbols);
  const missing = wanted.filter((symbol) => !manifest.symbols[symbol]?.bars);
  if (missing.length > 0) {
    throw new DomainError(
      'NO_HISTORY',
      `Dataset ${name} has no bars of ${missing.join(', ')}`,
      'unprocessable',
      [{ field: 'data.symbols', in: 'body', problem: `${missing.join(', ')} not in dataset ${name}` }],
    );
  }
  const series = await Promise.all(
    wanted.map(async (symbol) => {
      const parts = await store.readParts(name, symbol, manifest.symbols[symbol]!.parts);
      return concatenate(
        symbol,
        parts.map((csv) => parseBarsCsv(csv, symbol)),
      );
    }),
  );
  return { manifest, series };
}

/** One series of the parts, in order (each part's bars are after the previous part's). */
export function concatenate(symbol: string, parts: readonly BarSeries[]): BarSeries {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const columns = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
  const out = Object.fromEntries(columns.map((column) => [column, new Float64Array(length)])) as Record<
    (typeof columns)[number],
    Float64Array
  >;
  let at = 0;
  for (const part of parts) {
    for (const column of columns) out[column].set(part[column], at);
    at += part.length;
  }
  return { symbol, length, ...out };
}
