import type * as S3 from '@aws-sdk/client-s3';
import { type DatasetStore, datasetKey } from '../../app/ports/dataset-store';
import type { DatasetManifest } from '../../core/datasets/dataset';

/** The S3 client's module, handed in: loaded only where datasets are read (a Lambda gets it from its runtime). */
export type S3Sdk = Pick<typeof S3, 'GetObjectCommand' | 'ListObjectsV2Command' | 'PutObjectCommand'>;

/** Datasets as objects in an S3 bucket (AWS): the layout of FileDatasetStore, key for path. */
export class S3DatasetStore implements DatasetStore {
  constructor(
    private readonly client: S3.S3Client,
    private readonly bucket: string,
    private readonly sdk: S3Sdk,
  ) {}

  async list(): Promise<DatasetManifest[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({ Bucket: this.bucket, Delimiter: '/', ContinuationToken: token }),
      );
      names.push(...(page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix!.replace(/\/$/, '')));
      token = page.NextContinuationToken;
    } while (token);
    const manifests = await Promise.all(names.map((name) => this.manifest(name)));
    return manifests.filter((manifest): manifest is DatasetManifest => manifest !== null);
  }

  async manifest(name: string): Promise<DatasetManifest | null> {
    const text = await this.read(datasetKey(name));
    return text === null ? null : (JSON.parse(text) as DatasetManifest);
  }

  async putManifest(manifest: DatasetManifest): Promise<void> {
    await this.write(datasetKey(manifest.name), JSON.stringify(manifest), 'application/json');
  }

  async putPart(name: string, symbol: string, part: number, csv: string): Promise<void> {
    await this.write(datasetKey(name, symbol, part), csv, 'text/csv');
  }

  async readParts(name: string, symbol: string, parts: number): Promise<string[]> {
    return Promise.all(
      Array.from({ length: parts }, async (_, i) => {
        const key = datasetKey(name, symbol, i + 1);
        const text = await this.read(key);
        if (text === null) throw new Error(`dataset ${name}: ${key} is missing`);
        return text;
      }),
    );
  }

  private async read(key: string): Promise<string | null> {
    try {
      const object = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await object.Body?.transformToString('utf8')) ?? '';
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  private async write(key: string, body: string, contentType: string): Promise<void> {
    await this.client.send(
      new this.sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }
}
