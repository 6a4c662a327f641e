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
}
