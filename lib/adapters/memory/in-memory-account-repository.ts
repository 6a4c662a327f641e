import { type AccountRepository, newestBack } from '../../app/ports/account-repository';
import { ConcurrencyError } from '../../core/errors';
import type { Account, LedgerEntry } from '../../core/portfolio/account';

/** Accounts in process memory, with the same version rules as the DynamoDB adapter. For tests and backtests. */
export class InMemoryAccountRepository implements AccountRepository {
  private readonly accounts = new Map<string, Account>();
  private readonly ledgers = new Map<string, LedgerEntry[]>();

  async get(accountId: string): Promise<Account | null> {
    const account = this.accounts.get(accountId);
    return account ? structuredClone(account) : null;
  }

  async create(account: Account, entries: readonly LedgerEntry[]): Promise<boolean> {
    if (this.accounts.has(account.accountId)) return false;
    this.accounts.set(account.accountId, structuredClone(account));
    this.ledgers.set(account.accountId, structuredClone([...entries]));
    return true;
  }

  async save(account: Account, entries: readonly LedgerEntry[]): Promise<void> {
    const stored = this.accounts.get(account.accountId);
    if (!stored || stored.version !== account.version - 1) {
      throw new ConcurrencyError(`account ${account.accountId}`);
    }
    this.accounts.set(account.accountId, structuredClone(account));
    this.ledgers.get(account.accountId)?.push(...structuredClone([...entries]));
  }

  async listAccountIds(): Promise<string[]> {
    return [...this.accounts.keys()];
  }

  async recentLedger(
    accountId: string,
    options: { since?: string; limit: number },
  ): Promise<{ entries: LedgerEntry[]; complete: boolean }> {
    return newestBack([...(this.ledgers.get(accountId) ?? [])].reverse(), options);
  }

  async listLedger(
    accountId: string,
    options: { afterSequence?: number; limit?: number } = {},
  ): Promise<LedgerEntry[]> {
    const after = options.afterSequence ?? 0;
    const entries = (this.ledgers.get(accountId) ?? []).filter((entry) => entry.sequence > after);
    return structuredClone(options.limit === undefined ? entries : entries.slice(0, options.limit));
  }
}
