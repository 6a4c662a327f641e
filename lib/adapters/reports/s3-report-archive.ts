import type * as S3 from '@aws-sdk/client-s3';
import type { ArchivedReport, ReportArchive } from '../../app/ports/report-archive';

/** The S3 client's module, handed in: loaded only by the functions that keep reports. */
export type ReportS3Sdk = Pick<
  typeof S3,
  'GetObjectCommand' | 'HeadObjectCommand' | 'ListObjectsV2Command' | 'PutObjectCommand'
>;

/** Reports as objects of the reports bucket (AWS): the keys of FileReportArchive. */
export class S3ReportArchive implements ReportArchive {
  constructor(
    private readonly client: S3.S3Client,
    private readonly bucket: string,
    private readonly sdk: ReportS3Sdk,
  ) {}

  async put(key: string, body: string | Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new this.sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NotFound' || name === 'NoSuchKey') return false;
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const object = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<ArchivedReport[]> {
    const reports: ArchivedReport[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? [])
        reports.push({
          key: object.Key!,
          bytes: object.Size ?? 0,
          storedAt: (object.LastModified ?? new Date(0)).toISOString(),
        });
      token = page.NextContinuationToken;
    } while (token);
    return reports.sort((a, b) => b.key.localeCompare(a.key));
  }
}
