import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket of the trader's own records (datasets, reports): private, encrypted, TLS only,
 * versioned, access-logged under its prefix, and kept when the stack is deleted.
 */
export function recordsBucket(
  scope: Construct,
  id: string,
  props: { accessLogs: IBucket; logPrefix: string },
): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: true,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: props.logPrefix,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
