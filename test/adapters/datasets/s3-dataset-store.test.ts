import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@aws-sdk/client-s3';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileDatasetStore } from '../../../lib/adapters/datasets/file-dataset-store';
import { S3DatasetStore } from '../../../lib/adapters/datasets/s3-dataset-store';
import type { DatasetStore } from '../../../lib/app/ports/dataset-store';
import type { DatasetManifest } from '../../../lib/core/datasets/dataset';

const MANIFEST: DatasetManifest = {
  name: 'spy-daily',
  timeframe: '1Day',
  adjustment: 'all',
  source: 'alpaca',
  from: '2025-01-02',
  to: '2025-01-03',
  status: 'complete',
  symbols: { SPY: { bars: 2, parts: 2, firstTime: 1, lastTime: 2 } },
  createdAt: '2026-12-07T15:00:00.000Z',
  updatedAt: '2026-12-07T15:00:00.000Z',
};

function contract(name: string, make: () => DatasetStore) {
  describe(`DatasetStore: ${name}`, () => {
    it('keeps manifests and parts, lists datasets and reads parts in order', async () => {
      const store = make();
      expect(await store.manifest('spy-daily')).toBeNull();
      await store.putPart('spy-daily', 'SPY', 1, 'datetime,open\n1,1\n');
      await store.putPart('spy-daily', 'SPY', 2, 'datetime,open\n2,2\n');
      await store.putManifest(MANIFEST);
      await store.putManifest({ ...MANIFEST, name: 'other' });
      expect(await store.manifest('spy-daily')).toEqual(MANIFEST);
      expect((await store.list()).map((manifest) => manifest.name).sort()).toEqual(['other', 'spy-daily']);
      expect(await store.readParts('spy-daily', 'SPY', 2)).toEqual([
        'datetime,open\n1,1\n',
        'datetime,open\n2,2\n',
      ]);
      await expect(store.readParts('spy-daily', 'SPY', 3)).rejects.toThrow();
    });
  });
}

const folder = mkdtempSync(join(tmpdir(), 'stratus-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
contract('files', () => new FileDatasetStore(folder));

// S3 through fauxqs's S3 on loopback: the SDK's real requests and a real object store.
let server: Awaited<ReturnType<typeof startFauxqs>>;
let client: sdk.S3Client;
beforeAll(async () => {
  server = await startFauxqs({ port: 0, logger: false, host: '127.0.0.1' });
  server.createBucket('stratus-datasets');
  client = new sdk.S3Client({
    endpoint: `http://127.0.0.1:${server.port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  client?.destroy();
  await server?.stop();
});
contract('S3 (fauxqs)', () => new S3DatasetStore(client, 'stratus-datasets', sdk));
