import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The datasets' bucket: bars kept by `stratus data` (a manifest and numbered CSV parts per
 * dataset, the layout of `.stratus/datasets` locally), read by the backtest functions. Copy a
 * local dataset up with `aws s3 sync .stratus/datasets s3://<DatasetsBucket>`.
 */
export class StratusDatasets extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: { accessLogs: IBucket }) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'datasets/',
      // A trader's research data: kept when the stack is deleted.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
