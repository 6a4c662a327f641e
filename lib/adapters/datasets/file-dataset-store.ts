import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DatasetStore, datasetKey } from '../../app/ports/dataset-store';
import type { DatasetManifest } from '../../core/datasets/dataset';

/** Datasets as files under a folder (the local host's `.stratus/datasets`). */
export class FileDatasetStore implements DatasetStore {
  constructor(private readonly folder: string) {}

  async list(): Promise<DatasetManifest[]> {
    let names: string[];
    try {
      names = (await readdir(this.folder, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const manifests = await Promise.all(names.map((name) => this.manifest(name)));
    return manifests.filter((manifest): manifest is DatasetManifest => manifest !== null);
  }

  async manifest(name: string): Promise<DatasetManifest | null> {
    try {
      return JSON.parse(await readFile(join(this.folder, datasetKey(name)), 'utf8')) as DatasetManifest;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  putManifest(manifest: DatasetManifest): Promise<void> {
    return this.write(datasetKey(manifest.name), JSON.stringify(manifest, null, 2));
  }

  putPart(name: string, symbol: string, part: number, csv: string): Promise<void> {
    return this.write(datasetKey(name, symbol, part), csv);
  }

  readParts(name: string, symbol: string, parts: number): Promise<string[]> {
    return Promise.all(
      Array.from({ length: parts }, (_, i) =>
        readFile(join(this.folder, datasetKey(name, symbol, i + 1)), 'utf8'),
      ),
    );
  }

  /** Written beside and renamed in: a reader (or a stop half-way) never sees half a file. */
  private async write(key: string, text: string): Promise<void> {
    const path = join(this.folder, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.${process.pid}.tmp`, text);
    await rename(`${path}.${process.pid}.tmp`, path);
  }
}
