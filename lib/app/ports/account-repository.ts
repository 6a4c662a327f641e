import type { Account, LedgerEntry } from '../../core/portfolio/account';

/**
 * Stores accounts (cash, reservations, positions) and their cash ledger.
 * Every write is conditional on the version the writer read; a lost race throws
 * `ConcurrencyError` and writes nothing.
 */
export interface AccountRepository {
  get(accountId: string): Promise<Account | null>;
  /** Creates the account with its opening ledger entries; returns false (and writes nothing) if it exists. */
  create(account: Account, entries: readonly LedgerEntry[]): Promise<boolean>;
  /**
   * Replaces the account whose stored version is `account.version - 1` and appends `entries`
   * (whose sequences continue the ledger). Either all of it lands or none of it does.
   */
  save(account: Account, entries: readonly LedgerEntry[]): Promise<void>;
  /** Every account id (for platform-wide jobs such as reconciliation). */
  listAccountIds(): Promise<string[]>;
  /** Ledger entries in sequence order, starting after `afterSequence`. */
  listLedger(accountId: string, options?: { afterSequence?: number; limit?: number }): Promise<LedgerEntry[]>;
  /**
   * The newest ledger entries, newest first, back to the first entry before `since` (an
   * instant) or `limit` entries, whichever comes first: a read bounded by the period asked for,
   * not by the account's age. `complete` is false when `limit` cut the period short. May lag
   * the latest write by a moment (an eventually consistent read: half the cost).
   */
  recentLedger(
    accountId: string,
    options: { since?: string; limit: number },
  ): Promise<{ entries: LedgerEntry[]; complete: boolean }>;
}

/**
 * `recentLedger`'s rule over entries already newest first: keep them until one is older than
 * `since` (none after it are kept) or `limit` are kept (then the period may be incomplete).
 */
export function newestBack(
  newestFirst: readonly LedgerEntry[],
  options: { since?: string; limit: number },
): { entries: LedgerEntry[]; complete: boolean } {
  const since = options.since === undefined ? Number.NEGATIVE_INFINITY : Date.parse(options.since);
  const entries: LedgerEntry[] = [];
  for (const entry of newestFirst) {
    if (Date.parse(entry.at) < since) return { entries, complete: true };
    if (entries.length === options.limit) return { entries, complete: false };
    entries.push(structuredClone(entry));
  }
  return { entries, complete: true };
}
