import { fileURLToPath } from 'node:url';
import type { DatasetStore } from '../../app/ports/dataset-store';
import { sdkClientSettings, withoutSdkLogging } from '../sdk-client';
import { FileDatasetStore } from './file-dataset-store';

/**
 * The dataset store a function is told of (STRATUS_DATASETS, a URL): `s3://bucket` in AWS, a
 * `file://` folder on the local host. The S3 client is loaded only by a function that reads one.
 */
export async function datasetStoreOf(location: string, env: NodeJS.ProcessEnv): Promise<DatasetStore> {
  const url = new URL(location);
  if (url.protocol === 'file:') return new FileDatasetStore(fileURLToPath(url));
  if (url.protocol !== 's3:') throw new Error(`datasets at ${location}: expected s3:// or file://`);
  const [sdk, { S3DatasetStore }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('./s3-dataset-store'),
  ]);
  return new S3DatasetStore(
    withoutSdkLogging(new sdk.S3Client(sdkClientSettings('S3', env))),
    url.hostname,
    sdk,
  );
}
