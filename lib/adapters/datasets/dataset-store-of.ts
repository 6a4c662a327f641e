import type { DatasetStore } from '../../app/ports/dataset-store';
import { storeAt } from '../storage-location';
import { FileDatasetStore } from './file-dataset-store';

/** The dataset store a function is told of (STRATUS_DATASETS): the datasets bucket, or a local folder. */
export function datasetStoreOf(location: string, env: NodeJS.ProcessEnv): Promise<DatasetStore> {
  return storeAt<DatasetStore>(location, env, 'datasets', {
    file: (folder) => new FileDatasetStore(folder),
    s3: async (client, bucket, sdk) =>
      new (await import('./s3-dataset-store')).S3DatasetStore(client, bucket, sdk),
  });
}
