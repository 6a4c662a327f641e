import type { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { recordsBucket } from './records-bucket';

/**
 * The datasets' bucket: bars kept by `stratus data` (a manifest and numbered CSV parts per
 * dataset, the layout of `.stratus/datasets` locally), read by the backtest functions. Copy a
 * local dataset up with `aws s3 sync .stratus/datasets s3://<DatasetsBucket>`.
 */
export class StratusDatasets extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: { accessLogs: IBucket }) {
    super(scope, id);
    this.bucket = recordsBucket(this, 'Bucket', { accessLogs: props.accessLogs, logPrefix: 'datasets/' });
  }
}
