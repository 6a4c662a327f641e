import { ConcurrencyError, NotFoundError } from '../../core/errors';
import type { Account, LedgerEntry } from '../../core/portfolio/account';
import type { Order } from '../../core/orders/order';
import type { AccountRepository } from '../ports/account-repository';
import type { OrderRepository } from '../ports/order-repository';

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
 * a DomainError to refuse (nothing is written).
 */
export async function updateAccount<T>(
  accounts: AccountRepository,
  accountId: string,
  change: (account: Account) => { account: Account; entries?: LedgerEntry[]; result: T } | null,
  /** The account as the caller last saw it: tried first, saving a read when nobody changed it since. */
  known?: Account,
): Promise<T | null> {
  // Writers in this process take turns per account (no point racing ourselves); optimistic
  // concurrency still decides between processes (Lambda containers, the local host's workers).
  return serialized(accountId, () =>
    writeAccount(accounts, accountId, change, newerOf(known, lastWritten(accounts).get(accountId))),
  );
}

/**
 * The account each repository last saw this process write, per account: a caller's `known`
 * account is often older than a write that ran while it waited its turn (a fill landing between
 * an order's risk read and its reservation), and trying the stale one first only buys a lost
 * conditional write and a re-read. Only ever a first guess: the conditional write still decides.
 * Kept per repository instance, so two hosts in one process never mix their accounts.
 */
const written = new WeakMap<AccountRepository, Map<string, Account>>();

function lastWritten(accounts: AccountRepository): Map<string, Account> {
  let byAccount = written.get(accounts);
  if (!byAccount) {
    byAccount = new Map();
    written.set(accounts, byAccount);
  }
  return byAccount;
}

/** The newer of the caller's account and this process's last write (none when the caller has none: it reads). */
function newerOf(known: Account | undefined, last: Account | undefined): Account | undefined {
  if (!known || !last) return known;
  return last.version > known.version ? last : known;
}

async function writeAccount<T>(
  accounts: AccountRepository,
  accountId: string,
  change: (account: Account) => { account: Account; entries?: LedgerEntry[]; result: T } | null,
  known?: Account,
): Promise<T | null> {
  const { next } = await readChangeWrite({
    read: async (attempt) => {
      const account = attempt === 1 && known ? known : await accounts.get(accountId);
      if (!account) throw new NotFoundError(`account ${accountId}`);
      return account;
    },
    change,
    write: async (account, changed) => {
      const saved = { ...changed.account, version: account.version + 1 };
      await accounts.save(saved, changed.entries ?? []);
      lastWritten(accounts).set(accountId, saved);
    },
  });
  return next ? next.result : null;
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

const queues = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier call for the same key has settled. */
function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/** Jittered exponential backoff, capped at 50 ms: contention is between requests of one account. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
