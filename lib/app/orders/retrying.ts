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
): Promise<Order> {
  for (let attempt = 1; ; attempt++) {
    const current = await orders.get(accountId, orderId);
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
): Promise<T | null> {
  for (let attempt = 1; ; attempt++) {
    const current = await accounts.get(accountId);
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

/** Jittered exponential backoff, capped at 50 ms: contention is between requests of one account. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
