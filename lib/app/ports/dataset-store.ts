import type { DatasetManifest } from '../../core/datasets/dataset';

/**
 * Where datasets are kept: a manifest per dataset and each symbol's bars as numbered CSV parts
 * (the canonical `datetime,open,high,low,close,volume`). Files under `.stratus/datasets`
 * locally, objects in S3 in AWS — the same layout, so a dataset copied between them works.
 */
export interface DatasetStore {
  list(): Promise<DatasetManifest[]>;
  manifest(name: string): Promise<DatasetManifest | null>;
  /** Written after the parts it counts: a manifest never names a part that is not there. */
  putManifest(manifest: DatasetManifest): Promise<void>;
  putPart(name: string, symbol: string, part: number, csv: string): Promise<void>;
  /** Parts 1…`parts` of a symbol, in order. */
  readParts(name: string, symbol: string, parts: number): Promise<string[]>;
}

/** The key of a dataset's object: `<name>/manifest.json` or `<name>/<SYMBOL>/part-00001.csv`. */
export function datasetKey(name: string, symbol?: string, part?: number): string {
  return symbol === undefined
    ? `${name}/manifest.json`
    : `${name}/${symbol}/part-${String(part).padStart(5, '0')}.csv`;
}
