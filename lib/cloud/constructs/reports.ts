import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The reports' bucket: each account's daily and monthly performance reports (HTML and PDF,
 * `<account>/<daily|monthly>/<date>.<html|pdf>`), written by the report archiver after the
 * close. Fetch one with `aws s3 cp s3://<ReportsBucket>/paper/daily/2026-12-04.pdf .`.
 */
export class StratusReports extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: { accessLogs: IBucket }) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'reports/',
      // A trader's records: kept when the stack is deleted.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
