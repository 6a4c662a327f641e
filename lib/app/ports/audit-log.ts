/** One audited action: who did what, when, and the state before and after. */
export interface AuditRecord {
  accountId: string;
  at: string;
  actor: string;
  action: string;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

/** An append-only record of consequential actions (stops, resets; later orders, limits, logins). */
export interface AuditLog {
  append(record: AuditRecord): Promise<void>;
  list(accountId: string, options?: { limit?: number }): Promise<AuditRecord[]>;
}
