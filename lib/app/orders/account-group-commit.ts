import type { Account, LedgerEntry } from '../../core/portfolio/account';

/** One caller's change to an account: the next account with its ledger entries, or null for none. */
export type AccountChange<T> = (
  account: Account,
) => { account: Account; entries?: LedgerEntry[]; result: T } | null;

/** What one write of a group does: every change applied in turn, and what each caller gets. */
export interface GroupWrite {
  /** The account after every change that applied (null when none changed anything). */
  next: { account: Account; entries: LedgerEntry[] } | null;
  outcomes: Outcome[];
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Waiting {
  change: AccountChange<unknown>;
  known: Account | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The most changes one write carries: keeps the item and its ledger outbox well inside DynamoDB's 400 KB. */
const MOST_CHANGES_PER_WRITE = 32;

/**
 * Group commit for one account, the unit of atomicity for money. Writers in a process take
 * turns per account; the changes that queued while a write was in flight then go together in
 * the next write — each applied to the account as the ones before it left it, so every change
 * (a reservation's risk check above all) still decides on exactly the account it will
 * replace. One conditional write instead of many: the account item is the platform's one
 * serial resource under load (every order reserves on it, every fill settles on it), and
 * taking turns one write at a time made its queue, and with it every order's latency, grow
 * without bound past ~120 writes a second on the local host (docs/benchmarks.md). A change
 * that throws refuses only itself; optimistic concurrency still decides between processes.
 */
export class AccountGroupCommit {
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    /** Writes a group: reads (or takes the newest known account), applies, writes conditionally, retries lost races. */
    private readonly writeGroup: (
      accountId: string,
      known: Account | undefined,
      apply: (account: Account) => GroupWrite,
    ) => Promise<GroupWrite>,
  ) {}

  update<T>(accountId: string, change: AccountChange<T>, known?: Account): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      const queue = this.waiting.get(accountId);
      const entry: Waiting = { change, known, resolve: resolve as (value: unknown) => void, reject };
      if (queue) {
        queue.push(entry);
        return;
      }
      this.waiting.set(accountId, [entry]);
      void this.drain(accountId);
    });
  }

  /** Writes the account's queue a group at a time until nothing waits. */
  private async drain(accountId: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(accountId);
      if (!queue || queue.length === 0) {
        this.waiting.delete(accountId);
        return;
      }
      const group = queue.splice(0, MOST_CHANGES_PER_WRITE);
      // Leave the (now shorter) queue in place: callers arriving during this write join it.
      try {
        const { outcomes } = await this.writeGroup(accountId, newest(group), (account) =>
          applyInTurn(account, group),
        );
        group.forEach((waiting, index) => {
          const outcome = outcomes[index]!;
          if (outcome.ok) waiting.resolve(outcome.value);
          else waiting.reject(outcome.error);
        });
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
  }
}

/** The newest account any caller of the group already holds (a first guess; the write decides). */
function newest(group: readonly Waiting[]): Account | undefined {
  let best: Account | undefined;
  for (const { known } of group) if (known && (!best || known.version > best.version)) best = known;
  return best;
}

/**
 * Applies the group's changes in turn to `base`. Each change sees the account as the changes
 * before it left it, at the version being replaced (the write sets the next version once).
 */
function applyInTurn(base: Account, group: readonly Waiting[]): GroupWrite {
  let account = base;
  let changed = false;
  const entries: LedgerEntry[] = [];
  const outcomes: Outcome[] = [];
  for (const { change } of group) {
    try {
      const next = change(account);
      if (next === null) {
        outcomes.push({ ok: true, value: null });
        continue;
      }
      account = { ...next.account, version: base.version };
      if (next.entries) entries.push(...next.entries);
      changed = true;
      outcomes.push({ ok: true, value: next.result });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return { next: changed ? { account, entries } : null, outcomes };
}
