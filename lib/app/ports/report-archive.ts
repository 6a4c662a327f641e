/** A stored report: its key (`<account>/<daily|monthly>/<label>.<html|pdf>`), size and when it was written. */
export interface ArchivedReport {
  key: string;
  bytes: number;
  storedAt: string;
}

/**
 * Where the scheduled reports are kept: an S3 bucket in AWS, a folder (`.stratus/reports`) on
 * the local host — the same keys in both.
 */
export interface ReportArchive {
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** The report's bytes, or null when none is kept under that key. */
  get(key: string): Promise<Uint8Array | null>;
  /** The reports under a prefix (an account's), newest key first. */
  list(prefix: string): Promise<ArchivedReport[]>;
}

/** The key of an account's report: `paper/daily/2026-12-04.html`. */
export function reportKey(
  accountId: string,
  period: 'daily' | 'monthly',
  label: string,
  ext: 'html' | 'pdf',
) {
  return `${accountId}/${period}/${label}.${ext}`;
}

/** What a report key looks like (the API refuses any other). */
export const REPORT_KEY_PATTERN =
  /^([A-Za-z0-9_-]{1,64})\/(daily|monthly)\/(\d{4}-\d{2}(?:-\d{2})?)\.(html|pdf)$/;

/** A key's parts, or null when it is not a report's key. */
export function parseReportKey(
  key: string,
): { accountId: string; period: 'daily' | 'monthly'; label: string; format: 'html' | 'pdf' } | null {
  const match = REPORT_KEY_PATTERN.exec(key);
  return match
    ? {
        accountId: match[1]!,
        period: match[2] as 'daily' | 'monthly',
        label: match[3]!,
        format: match[4] as 'html' | 'pdf',
      }
    : null;
}
