import { fileURLToPath } from 'node:url';
import type { ReportArchive } from '../../app/ports/report-archive';
import { sdkClientSettings, withoutSdkLogging } from '../sdk-client';
import { FileReportArchive } from './file-report-archive';

/**
 * The report archive a function is told of (STRATUS_REPORTS, a URL): `s3://bucket` in AWS, a
 * `file://` folder on the local host. The S3 client is loaded only where reports are kept.
 */
export async function reportArchiveOf(location: string, env: NodeJS.ProcessEnv): Promise<ReportArchive> {
  const url = new URL(location);
  if (url.protocol === 'file:') return new FileReportArchive(fileURLToPath(url));
  if (url.protocol !== 's3:') throw new Error(`reports at ${location}: expected s3:// or file://`);
  const [sdk, { S3ReportArchive }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('./s3-report-archive'),
  ]);
  return new S3ReportArchive(
    withoutSdkLogging(new sdk.S3Client(sdkClientSettings('S3', env))),
    url.hostname,
    sdk,
  );
}
