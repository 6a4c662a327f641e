import { DateTime } from 'luxon';
import { formatBarsCsv } from '../../core/backtest';
import { seriesFromBars } from '../../core/backtest/bar-series';
import {
  checkDatasetName,
  type DatasetManifest,
  type SymbolData,
  type Timeframe,
} from '../../core/datasets/dataset';
import { DomainError } from '../../core/errors';
import { NEW_YORK } from '../../core/market/nyse-calendar';
import type { Clock } from '../ports/clock';
import type { DatasetStore } from '../ports/dataset-store';
import type { HistoricalBarPages } from '../ports/historical-bar-pages';
import { withGaps } from './dataset-gaps';

export interface FetchRequest {
  name: string;
  symbols: string[];
  /** New York dates, inclusive. */
  from: string;
  to: string;
  timeframe: Timeframe;
  adjustment?: 'all' | 'split' | 'raw';
}

/**
 * Downloads bars into a named dataset, page by page: each page is written as a part and the
 * manifest moved past it before the next is asked for, so a download that stops (a network
 * error, Ctrl-C, a Lambda's timeout) resumes with the same command after the last bar stored —
 * never twice, never a hole. Rate limits are the REST client's (the shared token bucket, backoff
 * on 429). A finished dataset notes the sessions it has no bar for.
 */
export async function fetchDataset(
  deps: { store: DatasetStore; pages: HistoricalBarPages; clock: Clock },
  request: FetchRequest,
  onPage: (symbol: string, bars: number) => void = () => undefined,
): Promise<DatasetManifest> {
  checkDatasetName(request.name);
  const adjustment = request.adjustment ?? 'all';
  let manifest =
    (await deps.store.manifest(request.name)) ??
    newManifest(request, adjustment, deps.pages.source, deps.clock);
  checkSameSpec(manifest, request, adjustment);
  const end = DateTime.fromISO(request.to, { zone: NEW_YORK }).plus({ days: 1 }).toJSDate();
  for (const symbol of request.symbols) {
    let data: SymbolData = manifest.symbols[symbol] ?? { bars: 0, parts: 0, firstTime: null, lastTime: null };
    const start =
      data.lastTime === null ? new Date(`${request.from}T00:00:00-05:00`) : new Date(data.lastTime);
    let token: string | undefined;
    do {
      const page = await deps.pages.page({
        symbol,
        timeframe: request.timeframe,
        start,
        end,
        adjustment,
        ...(token ? { pageToken: token } : {}),
      });
      const fresh = page.bars.filter((bar) => data.lastTime === null || bar.time > data.lastTime);
      if (fresh.length > 0) {
        await deps.store.putPart(
          request.name,
          symbol,
          data.parts + 1,
          formatBarsCsv(seriesFromBars(symbol, fresh)),
        );
        data = {
          bars: data.bars + fresh.length,
          parts: data.parts + 1,
          firstTime: data.firstTime ?? fresh[0]!.time,
          lastTime: fresh[fresh.length - 1]!.time,
        };
        manifest = {
          ...manifest,
          symbols: { ...manifest.symbols, [symbol]: data },
          updatedAt: deps.clock.now().toISOString(),
        };
        await deps.store.putManifest(manifest);
        onPage(symbol, fresh.length);
      }
      token = page.next ?? undefined;
    } while (token);
    manifest = { ...manifest, symbols: { ...manifest.symbols, [symbol]: data } };
  }
  manifest = await withGaps(deps.store, {
    ...manifest,
    status: 'complete',
    updatedAt: deps.clock.now().toISOString(),
  });
  await deps.store.putManifest(manifest);
  return manifest;
}

function newManifest(
  request: FetchRequest,
  adjustment: DatasetManifest['adjustment'],
  source: DatasetManifest['source'],
  clock: Clock,
): DatasetManifest {
  const now = clock.now().toISOString();
  return {
    name: request.name,
    timeframe: request.timeframe,
    adjustment,
    source,
    from: request.from,
    to: request.to,
    status: 'partial',
    symbols: {},
    createdAt: now,
    updatedAt: now,
  };
}

/** A dataset is one download: the same name for different bars would mix them. */
function checkSameSpec(manifest: DatasetManifest, request: FetchRequest, adjustment: string): void {
  const differs = (['timeframe', 'from', 'to'] as const).find((key) => manifest[key] !== request[key]);
  if (differs || manifest.adjustment !== adjustment || manifest.source !== 'alpaca') {
    throw new DomainError(
      'DATASET_EXISTS',
      `Dataset ${manifest.name} already holds other bars (${manifest.source}, ${manifest.timeframe}, ${manifest.from} to ${manifest.to}, adjustment ${manifest.adjustment}); choose another name`,
      'conflict',
      [{ field: 'name', in: 'body', problem: 'names a dataset with other bars' }],
    );
  }
}
