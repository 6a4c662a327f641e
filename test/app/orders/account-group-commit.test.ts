import { describe, expect, it } from 'vitest';
import { AccountGroupCommit, type GroupWrite } from '../../../lib/app/orders/account-group-commit';
import { type Account, openPaperAccount } from '../../../lib/core/portfolio/account';

/** A store with one account whose writes the test releases one at a time. */
function heldWrites() {
  let stored = openPaperAccount('a', 1_000, new Date('2026-11-23T15:00:00Z')).account;
  const writes: { changes: number; release: () => void; fail: (error: Error) => void }[] = [];
  const commit = new AccountGroupCommit(async (_accountId, _known, apply): Promise<GroupWrite> => {
    const group = apply(stored);
    await new Promise<void>((release, fail) =>
      writes.push({ changes: group.outcomes.length, release, fail }),
    );
    if (group.next) stored = { ...group.next.account, version: stored.version + 1 };
    return group;
  });
  return { commit, writes, stored: () => stored };
}

const addCash =
  (cents: number) =>
  (account: Account): { account: Account; result: number } => ({
    account: { ...account, cashCents: account.cashCents + cents },
    result: account.cashCents + cents,
  });

/** Lets queued promise callbacks run (the writer starts on a microtask). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AccountGroupCommit', () => {
  it('writes the changes that queued behind a write together, each on the account the one before left', async () => {
    const { commit, writes, stored } = heldWrites();
    const first = commit.update('a', addCash(10));
    await settle();
    const queued = [
      commit.update('a', addCash(1)),
      commit.update('a', addCash(2)),
      commit.update('a', addCash(3)),
    ];
    await settle();
    expect(writes.map((write) => write.changes)).toEqual([1]); // the three wait for the first write
    writes[0]!.release();
    expect(await first).toBe(1_010);
    await settle();
    expect(writes.map((write) => write.changes)).toEqual([1, 3]); // …then go in one write
    writes[1]!.release();
    expect(await Promise.all(queued)).toEqual([1_011, 1_013, 1_016]);
    expect(stored()).toMatchObject({ cashCents: 1_016, version: 3 });
  });

  it('refuses only the change that throws; the others in its write apply', async () => {
    const { commit, writes, stored } = heldWrites();
    const first = commit.update('a', addCash(10));
    await settle();
    const before = commit.update('a', addCash(1));
    const refused = commit.update('a', () => {
      throw new Error('over the limit');
    });
    const after = commit.update('a', addCash(2));
    await settle();
    writes[0]!.release();
    await first;
    await settle();
    writes[1]!.release();
    expect(await before).toBe(1_011);
    await expect(refused).rejects.toThrow('over the limit');
    expect(await after).toBe(1_013);
    expect(stored().cashCents).toBe(1_013);
  });

  it('fails every change of a write that fails, and goes on with the next ones', async () => {
    const { commit, writes, stored } = heldWrites();
    const first = commit.update('a', addCash(10));
    await settle();
    const lost = [commit.update('a', addCash(1)), commit.update('a', addCash(2))];
    await settle();
    writes[0]!.release();
    await first;
    await settle();
    const later = commit.update('a', addCash(5));
    writes[1]!.fail(new Error('the write timed out'));
    for (const change of lost) await expect(change).rejects.toThrow('timed out');
    await settle();
    writes[2]!.release();
    expect(await later).toBe(1_015);
    expect(stored()).toMatchObject({ cashCents: 1_015, version: 3 });
  });

  it('answers null for a change that changes nothing, and writes nothing when none does', async () => {
    const { commit, writes, stored } = heldWrites();
    const unchanged = commit.update('a', () => null);
    await settle();
    writes[0]!.release();
    expect(await unchanged).toBeNull();
    expect(stored().version).toBe(1);
  });
});
