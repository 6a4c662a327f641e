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
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 && known ? known : await orders.get(accountId, orderId);
    if (!current) throw new NotFoundError(`order ${orderId}`);
    const next = change(current);
    if (!next) return current;
    try {
      await orders.save({ ...next, version: current.version + 1 });
      return { ...next, version: current.version + 1 };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
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
  return serialized(accountId, () => writeAccount(accounts, accountId, change, known));
}

async function writeAccount<T>(
  accounts: AccountRepository,
  accountId: string,
  change: (account: Account) => { account: Account; entries?: LedgerEntry[]; result: T } | null,
  known?: Account,
): Promise<T | null> {
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 && known ? known : await accounts.get(accountId);
    if (!current) throw new NotFoundError(`account ${accountId}`);
    const next = change(current);
    if (!next) return null;
    try {
      await accounts.save({ ...next.account, version: current.version + 1 }, next.entries ?? []);
      return next.result;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= ATTEMPTS) throw error;
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
