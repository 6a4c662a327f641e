import type { ReportArchive } from '../../app/ports/report-archive';
import { storeAt } from '../storage-location';
import { FileReportArchive } from './file-report-archive';

/** The report archive a function is told of (STRATUS_REPORTS): the reports bucket, or a local folder. */
export function reportArchiveOf(location: string, env: NodeJS.ProcessEnv): Promise<ReportArchive> {
  return storeAt<ReportArchive>(location, env, 'reports', {
    file: (folder) => new FileReportArchive(folder),
    s3: async (client, bucket, sdk) =>
      new (await import('./s3-report-archive')).S3ReportArchive(client, bucket, sdk),
  });
}
