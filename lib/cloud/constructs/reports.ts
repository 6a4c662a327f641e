import type { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { recordsBucket } from './records-bucket';

/**
 * The reports' bucket: each account's daily and monthly performance reports
 * (`<account>/<daily|monthly>/<date>.html`; a PDF beside it only where the archiver has a
 * Chromium, which a Lambda has not — decision 0019), written by the report archiver after the
 * close. Fetch one with `aws s3 cp s3://<ReportsBucket>/main/daily/2026-12-04.html .`.
 */
export class StratusReports extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: { accessLogs: IBucket }) {
    super(scope, id);
    this.bucket = recordsBucket(this, 'Bucket', { accessLogs: props.accessLogs, logPrefix: 'reports/' });
  }
}
