import type { AccountRepository } from '../../lib/app/ports/account-repository';
import type { Account } from '../../lib/core/portfolio/account';

/**
 * The checks every money test ends with: the ledger sums to cash; opening cash plus realised
 * P&L equals cash plus the cost basis of what is held; nothing is reserved once no order works.
 */
export async function expectBooksReconcile(
  accounts: AccountRepository,
  accountId: string,
  openingCents: number,
  expect: (actual: unknown) => {
    toBe(value: unknown): void;
    toEqual(value: unknown): void;
    toBeGreaterThanOrEqual(value: number): void;
  },
): Promise<Account> {
  const account = await accounts.get(accountId);
  if (!account) throw new Error(`no account ${accountId}`);
  const ledger = await accounts.listLedger(accountId);
  expect(ledger.reduce((sum, entry) => sum + entry.amountCents, 0)).toBe(account.cashCents);
  expect(ledger.map((entry) => entry.sequence)).toEqual(ledger.map((_entry, index) => index + 1));
  const basis = Object.values(account.positions).reduce((sum, position) => sum + position.costBasisCents, 0);
  expect(openingCents + account.realizedPnlCents).toBe(account.cashCents + basis);
  expect(account.cashCents).toBeGreaterThanOrEqual(0);
  const reserved = Object.values(account.openOrders).reduce(
    (sum, exposure) => sum + exposure.reservedCents,
    0,
  );
  expect(account.reservedCents).toBe(reserved);
  return account;
}
