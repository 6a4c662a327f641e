import type { AccountRepository } from '../../app/ports/account-repository';
import type { Account, LedgerEntry } from '../../core/portfolio/account';
import { ItemCache } from './item-cache';

/**
 * Accounts for a process that is the only writer of its table (the local host: every function
 * runs in it). What it last wrote is then what the table holds, so reads of accounts it has
 * written are answered from memory — the read that starts every order and every fill. Writes
 * still go to the table, conditional on the version, first; a lost race (so the assumption was
 * wrong: someone else wrote) forgets the account and the next read goes to the table.
 */
export class SoleWriterAccountRepository implements AccountRepository {
  private readonly cache: ItemCache<Account>;

  constructor(
    private readonly table: AccountRepository,
    capacity = 1_000,
  ) {
    this.cache = new ItemCache(capacity);
  }

  get(accountId: string): Promise<Account | null> {
    return this.cache.read(accountId, () => this.table.get(accountId));
  }

  async create(account: Account, entries: readonly LedgerEntry[]): Promise<boolean> {
    const created = await this.table.create(account, entries);
    if (created) this.cache.set(account.accountId, account);
    return created;
  }

  async save(account: Account, entries: readonly LedgerEntry[]): Promise<void> {
    try {
      await this.table.save(account, entries);
    } catch (error) {
      // A lost race, or a write whose outcome is unknown: either way memory may be wrong now.
      this.cache.delete(account.accountId);
      throw error;
    }
    this.cache.set(account.accountId, account);
  }

  listAccountIds(): Promise<string[]> {
    return this.table.listAccountIds();
  }

  listLedger(
    accountId: string,
    options?: { afterSequence?: number; limit?: number },
  ): Promise<LedgerEntry[]> {
    return this.table.listLedger(accountId, options);
  }
}
