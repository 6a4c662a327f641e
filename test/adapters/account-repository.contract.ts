import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountRepository } from '../../lib/app/ports/account-repository';
import { ConcurrencyError } from '../../lib/core/errors';
import { type Account, type LedgerEntry, openPaperAccount } from '../../lib/core/portfolio/account';

const NOW = new Date('2026-03-02T15:00:00Z');

/** Opens the account and saves 11 withdrawals of $1, a minute apart: ledger sequences 1–12. */
async function withdrawElevenTimes(repository: AccountRepository, accountId: string): Promise<Account> {
  const { account, entries } = openPaperAccount(accountId, 10_000_000, NOW);
  await repository.create(account, entries);
  let current = account;
  for (let sequence = 2; sequence <= 12; sequence++) {
    current = { ...current, cashCents: current.cashCents - 100, version: current.version + 1 };
    await repository.save(current, [
      {
        accountId,
        sequence,
        kind: 'withdrawal',
        amountCents: -100,
        balanceAfterCents: current.cashCents,
        at: new Date(NOW.getTime() + sequence * 60_000).toISOString(),
      },
    ]);
  }
  return current;
}

/** The behaviour every AccountRepository must have; run against each adapter. */
export function accountRepositoryContract(name: string, create: () => Promise<AccountRepository>): void {
  describe(`${name} (AccountRepository contract)`, () => {
    let repository: AccountRepository;
    let accountId: string;

    beforeEach(async () => {
      repository = await create();
      accountId = `acct-${Math.floor(Math.random() * 1e9)}`;
    });

    it('returns null for an account that does not exist', async () => {
      expect(await repository.get(accountId)).toBeNull();
    });

    it('creates an account once; a second create writes nothing and says so', async () => {
      const first = openPaperAccount(accountId, 10_000_000, NOW);
      const second = openPaperAccount(accountId, 1, NOW);
      expect(await repository.create(first.account, first.entries)).toBe(true);
      expect(await repository.create(second.account, second.entries)).toBe(false);
      expect(await repository.get(accountId)).toEqual(first.account);
      expect(await repository.listLedger(accountId)).toEqual(first.entries);
    });

    it('saves the next version with its ledger entries', async () => {
      const { account, entries } = openPaperAccount(accountId, 10_000_000, NOW);
      await repository.create(account, entries);
      const next: Account = { ...account, cashCents: 9_000_000, version: 2 };
      const withdrawal: LedgerEntry = {
        accountId,
        sequence: 2,
        kind: 'withdrawal',
        amountCents: -1_000_000,
        balanceAfterCents: 9_000_000,
        at: NOW.toISOString(),
      };
      await repository.save(next, [withdrawal]);
      expect(await repository.get(accountId)).toEqual(next);
      expect((await repository.listLedger(accountId)).map((entry) => entry.sequence)).toEqual([1, 2]);
    });

    it('refuses a save based on a stale version and changes nothing', async () => {
      const { account, entries } = openPaperAccount(accountId, 10_000_000, NOW);
      await repository.create(account, entries);
      await repository.save({ ...account, cashCents: 1, version: 2 }, []);
      await expect(repository.save({ ...account, cashCents: 2, version: 2 }, [])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect((await repository.get(accountId))?.cashCents).toBe(1);
    });

    it('lets exactly one of two racing writers win', async () => {
      const { account, entries } = openPaperAccount(accountId, 10_000_000, NOW);
      await repository.create(account, entries);
      const results = await Promise.allSettled([
        repository.save({ ...account, cashCents: 111, version: 2 }, []),
        repository.save({ ...account, cashCents: 222, version: 2 }, []),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const loser = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(ConcurrencyError);
    });

    it('pages the ledger in sequence order', async () => {
      const current = await withdrawElevenTimes(repository, accountId);
      const page = await repository.listLedger(accountId, { afterSequence: 3, limit: 4 });
      expect(page.map((entry) => entry.sequence)).toEqual([4, 5, 6, 7]);
      const all = await repository.listLedger(accountId);
      expect(all.map((entry) => entry.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(all.reduce((sum, entry) => sum + entry.amountCents, 0)).toBe(current.cashCents);
    });

    it('reads the newest ledger entries back to a moment or a count, newest first', async () => {
      await withdrawElevenTimes(repository, accountId);
      const sequences = (result: { entries: LedgerEntry[] }) => result.entries.map((entry) => entry.sequence);
      const since = await repository.recentLedger(accountId, {
        since: new Date(NOW.getTime() + 9 * 60_000).toISOString(),
        limit: 100,
      });
      expect(sequences(since)).toEqual([12, 11, 10, 9]);
      expect(since.complete).toBe(true);
      const capped = await repository.recentLedger(accountId, { limit: 3 });
      expect(sequences(capped)).toEqual([12, 11, 10]);
      expect(capped.complete).toBe(false);
      const all = await repository.recentLedger(accountId, { limit: 100 });
      expect(sequences(all)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(all.complete).toBe(true);
    });

    it('lists the ids of the accounts it holds', async () => {
      const { account, entries } = openPaperAccount(accountId, 1, NOW);
      await repository.create(account, entries);
      expect(await repository.listAccountIds()).toContain(accountId);
    });

    it('hands out copies: changing a returned account changes nothing stored', async () => {
      const { account, entries } = openPaperAccount(accountId, 10_000_000, NOW);
      await repository.create(account, entries);
      const copy = await repository.get(accountId);
      if (!copy) throw new Error('missing');
      copy.cashCents = 0;
      expect((await repository.get(accountId))?.cashCents).toBe(10_000_000);
    });
  });
}
