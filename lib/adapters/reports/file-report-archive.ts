import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ArchivedReport, ReportArchive } from '../../app/ports/report-archive';

/** Reports as files under a folder (the local host's `.stratus/reports`), keys as paths. */
export class FileReportArchive implements ReportArchive {
  constructor(private readonly folder: string) {}

  /** Written beside and renamed in: a reader never sees half a report. */
  async put(key: string, body: string | Uint8Array): Promise<void> {
    const file = join(this.folder, key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.partial`, body);
    await rename(`${file}.partial`, file);
  }

  async has(key: string): Promise<boolean> {
    return stat(join(this.folder, key)).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(join(this.folder, key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<ArchivedReport[]> {
    let names: string[];
    try {
      names = await readdir(join(this.folder, prefix), { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const reports = await Promise.all(
      names
        .filter((name) => !name.endsWith('.partial'))
        .map(async (name) => {
          const file = join(this.folder, prefix, name);
          const info = await stat(file);
          return info.isFile()
            ? { key: relative(this.folder, file), bytes: info.size, storedAt: info.mtime.toISOString() }
            : null;
        }),
    );
    return reports
      .filter((report): report is ArchivedReport => report !== null)
      .sort((a, b) => b.key.localeCompare(a.key));
  }
}
