import { formatBarsCsv } from '../../core/backtest';
import { checkDatasetName, type DatasetManifest } from '../../core/datasets/dataset';
import { type ImportOptions, importBarsCsv } from '../../core/datasets/csv-import';
import { DomainError } from '../../core/errors';
import { newYorkDate } from '../../core/market/nyse-calendar';
import type { Clock } from '../ports/clock';
import type { DatasetStore } from '../ports/dataset-store';
import { withGaps } from './dataset-gaps';

/** How many bad rows an error lists (the count is always whole). */
const LISTED = 20;

/**
 * Imports a CSV file of one symbol into a dataset (a new one, or a symbol added to one of the
 * same timeframe). A file with bad rows is refused, every bad row named by line — unless
 * `keepGoodRows`, when the good rows are kept and the bad ones reported.
 */
export async function importDataset(
  deps: { store: DatasetStore; clock: Clock },
  request: { name: string; symbol: string; text: string; options?: ImportOptions; keepGoodRows?: boolean },
): Promise<{ manifest: DatasetManifest; rejected: { line: number; problem: string }[] }> {
  checkDatasetName(request.name);
  const imported = importBarsCsv(request.text, request.symbol, request.options);
  const { series, rejected } = imported;
  if ((rejected.length > 0 && !request.keepGoodRows) || series.length === 0) {
    throw new DomainError(
      'DATASET_ROWS_INVALID',
      series.length === 0 && rejected.length === 0
        ? 'The file has no rows'
        : `${rejected.length} bad row${rejected.length === 1 ? '' : 's'}: ${rejected
            .slice(0, 3)
            .map((row) => `line ${row.line}: ${row.problem}`)
            .join('; ')}`,
      'invalid',
      rejected
        .slice(0, LISTED)
        .map((row) => ({ field: `file:${row.line}`, in: 'body' as const, problem: row.problem })),
    );
  }
  const now = deps.clock.now().toISOString();
  const existing = await deps.store.manifest(request.name);
  if (existing && (existing.timeframe !== imported.timeframe || existing.symbols[request.symbol])) {
    throw new DomainError(
      'DATASET_EXISTS',
      `Dataset ${request.name} already has ${existing.symbols[request.symbol] ? request.symbol : `${existing.timeframe} bars`}; choose another name`,
      'conflict',
      [{ field: 'name', in: 'body', problem: 'names a dataset that cannot take this file' }],
    );
  }
  await deps.store.putPart(request.name, request.symbol, 1, formatBarsCsv(series));
  const first = series.time[0]!;
  const last = series.time[series.length - 1]!;
  const from = newYorkDate(new Date(first));
  const to = newYorkDate(new Date(last));
  const manifest = await withGaps(deps.store, {
    name: request.name,
    timeframe: imported.timeframe,
    adjustment: imported.adjusted ? 'all' : (existing?.adjustment ?? 'raw'),
    source: 'csv',
    from: existing && existing.from < from ? existing.from : from,
    to: existing && existing.to > to ? existing.to : to,
    status: 'complete',
    symbols: {
      ...(existing?.symbols ?? {}),
      [request.symbol]: { bars: series.length, parts: 1, firstTime: first, lastTime: last },
    },
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
  await deps.store.putManifest(manifest);
  return { manifest, rejected };
}
