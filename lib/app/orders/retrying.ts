import { ConcurrencyError, NotFoundError } from '../../core/errors';
import type { Account } from '../../core/portfolio/account';
import type { Order } from '../../core/orders/order';
import type { AccountRepository } from '../ports/account-repository';
import type { OrderRepository } from '../ports/order-repository';
import { type AccountChange, AccountGroupCommit } from './account-group-commit';

const ATTEMPTS = 25;

/**
 * Read–modify–write of one order with optimistic concurrency: on a lost race, re-read and
 * apply the change again. `change` returns null when there is nothing to do.
 */
export async function updateOrder(
  orders: OrderRepository,
  accountId: string,
  orderId: string,
  change: (order: Order) => Order | null,
  /** The order as the caller last saw it: tried first, saving a read when nobody changed it since. */
  known?: Order,
): Promise<Order> {
  const { current, next } = await readChangeWrite({
    read: async (attempt) => {
      const order = attempt === 1 && known ? known : await orders.get(accountId, orderId);
      if (!order) throw new NotFoundError(`order ${orderId}`);
      return order;
    },
    change,
    write: (order, changed) => orders.save({ ...changed, version: order.version + 1 }),
  });
  return next ? { ...next, version: current.version + 1 } : current;
}

/**
 * Read–modify–write of an account, the unit of atomicity for money. `change` gets the current
 * account and returns the next one with its ledger entries, or null for no change; it may throw
 * a DomainError to refuse (nothing of it is written). Changes to one account queued in this
 * process are written together (see AccountGroupCommit), each seeing the ones before it.
 */
export function updateAccount<T>(
  accounts: AccountRepository,
  accountId: string,
  change: AccountChange<T>,
  /** The account as the caller last saw it: tried first, saving a read when nobody changed it since. */
  known?: Account,
): Promise<T | null> {
  return groupCommitOf(accounts).update(accountId, change, known);
}

/** Kept per repository instance, so two hosts in one process never mix their accounts. */
const groupCommits = new WeakMap<AccountRepository, AccountGroupCommit>();

function groupCommitOf(accounts: AccountRepository): AccountGroupCommit {
  let commits = groupCommits.get(accounts);
  if (!commits) {
    /**
     * The account this container last wrote, per account: a caller's `known` account is often
     * older than a write that ran while it waited its turn (another order's reservation between
     * its risk read and its own), and trying the stale one first only buys a lost conditional
     * write and a re-read. Used only beside a caller's account, never instead of a read: other
     * functions write the account too (the report consumer's fills, the orders function's
     * reservations), so on its own it is usually stale — a lost write of the whole item, then
     * the read anyway. Only ever a first guess: the conditional write decides.
     */
    const lastWritten = new Map<string, Account>();
    commits = new AccountGroupCommit(async (accountId, known, apply) => {
      const first = newerOf(known, lastWritten.get(accountId));
      const { next } = await readChangeWrite({
        read: async (attempt) => {
          const account = attempt === 1 && first ? first : await accounts.get(accountId);
          if (!account) throw new NotFoundError(`account ${accountId}`);
          return account;
        },
        // Always "a change", so the outcomes come back even when no account change is written.
        change: (account) => ({ account, group: apply(account) }),
        write: async (account, { group }) => {
          if (!group.next) return;
          const saved = { ...group.next.account, version: account.version + 1 };
          await accounts.save(saved, group.next.entries);
          lastWritten.set(accountId, saved);
        },
      });
      return next!.group;
    });
    groupCommits.set(accounts, commits);
  }
  return commits;
}

/** The newer of the caller's account and this container's last write; none when no caller has one: it reads. */
function newerOf(known: Account | undefined, last: Account | undefined): Account | undefined {
  if (!known || !last) return known;
  return last.version > known.version ? last : known;
}

/**
 * The optimistic-concurrency loop every versioned item shares: read, change, write conditionally
 * on the version read; on a lost race (ConcurrencyError) back off and do it again. `change`
 * returns null for "nothing to do" (nothing is written). Returns the item read last and the change.
 */
export async function readChangeWrite<T, R>(options: {
  /** `attempt` counts from 1 (the first read may be skipped with a value the caller already has). */
  read: (attempt: number) => Promise<T>;
  change: (current: T) => R | null;
  write: (current: T, next: R) => Promise<void>;
  attempts?: number;
}): Promise<{ current: T; next: R | null }> {
  const attempts = options.attempts ?? ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const current = await options.read(attempt);
    const next = options.change(current);
    if (next === null) return { current, next };
    try {
      await options.write(current, next);
      return { current, next };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
      await backoff(attempt);
    }
  }
}

/** Jittered exponential backoff, capped at 50 ms: contention is between requests of one account. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
