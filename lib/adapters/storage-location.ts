import { fileURLToPath } from 'node:url';
import type * as S3 from '@aws-sdk/client-s3';
import { sdkClientSettings, withoutSdkLogging } from './sdk-client';

/**
 * A store a function is told of by a URL: `s3://bucket` in AWS, a `file://` folder on the local
 * host. `what` names it in the error for any other. The S3 client's module is loaded only when
 * the store is in S3 (a Lambda takes it from its runtime: lib/cloud/bundling.ts).
 */
export async function storeAt<T>(
  location: string,
  env: NodeJS.ProcessEnv,
  what: string,
  make: {
    file: (folder: string) => T;
    s3: (client: S3.S3Client, bucket: string, sdk: typeof S3) => Promise<T>;
  },
): Promise<T> {
  const url = new URL(location);
  if (url.protocol === 'file:') return make.file(fileURLToPath(url));
  if (url.protocol !== 's3:') throw new Error(`${what} at ${location}: expected s3:// or file://`);
  const sdk = await import('@aws-sdk/client-s3');
  return make.s3(withoutSdkLogging(new sdk.S3Client(sdkClientSettings('S3', env))), url.hostname, sdk);
}
