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
