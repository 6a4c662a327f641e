import { join } from 'node:path';
import type { DatasetStore } from '../lib/app/ports/dataset-store';
import type { DatasetManifest } from '../lib/core/datasets/dataset';

/**
 * The dataset `--data` names under `<data dir>/datasets`, and which of its symbols to run: the
 * `--symbol` given, or its only one. Null when no dataset has that name (`--data` may name a file).
 */
export async function datasetOption(
  dataDir: string,
  name: string,
  symbol: string | undefined,
  usage: (message: string) => Error,
): Promise<{ store: DatasetStore; manifest: DatasetManifest; symbol: string } | null> {
  const [{ FileDatasetStore }, { isDatasetName }] = await Promise.all([
    import('../lib/adapters/datasets/file-dataset-store'),
    import('../lib/core/datasets/dataset'),
  ]);
  if (!isDatasetName(name)) return null;
  const store = new FileDatasetStore(join(dataDir, 'datasets'));
  const manifest = await store.manifest(name);
  if (!manifest) return null;
  const symbols = Object.keys(manifest.symbols);
  const chosen = symbol ?? (symbols.length === 1 ? symbols[0] : undefined);
  if (!chosen || !manifest.symbols[chosen])
    throw usage(`--data ${name} holds ${symbols.join(', ')}: name one with --symbol`);
  return { store, manifest, symbol: chosen };
}
