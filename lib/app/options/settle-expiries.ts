import { isOptionSymbol, parseOccSymbol } from '../../core/options/occ-symbol';
import { expiryClose } from '../../core/options/option-chain';
import { type ExpirySettlement, settleExpiredOptions } from '../../core/options/option-expiry';
import type { AccountRepository } from '../ports/account-repository';
import type { Clock } from '../ports/clock';
import type { PriceHistory } from '../ports/price-history';
import { updateAccount } from '../orders/retrying';

export interface ExpiryDependencies {
  accounts: AccountRepository;
  history: PriceHistory;
  clock: Clock;
}

/** What one run settled, per account. */
export interface ExpiryRun {
  accounts: number;
  settled: { accountId: string; settlements: ExpirySettlement[] }[];
  /** Underlyings whose expiration close could not be read yet (their contracts wait for the next run). */
  waiting: string[];
}

/**
 * Settles every account's options whose expiration close has passed (lib/core/options/option-expiry:
 * worthless, exercised or assigned at the underlying's close that day), in one conditional write
 * per account with the ledger entries that explain each. Idempotent: a settled contract is no
 * longer held, so a second run — or a run racing this one — finds nothing to settle.
 */
export async function settleOptionExpiries(deps: ExpiryDependencies): Promise<ExpiryRun> {
  const now = deps.clock.now();
  const run: ExpiryRun = { accounts: 0, settled: [], waiting: [] };
  const closes = new Map<string, number>();
  for (const accountId of await deps.accounts.listAccountIds()) {
    run.accounts++;
    const account = await deps.accounts.get(accountId);
    if (!account) continue;
    const due = Object.values(account.positions)
      .filter((position) => position.quantity !== 0 && isOptionSymbol(position.symbol))
      .map((position) => parseOccSymbol(position.symbol)!)
      .filter((contract) => expiryClose(contract.expiry) <= now);
    if (due.length === 0) continue;
    for (const contract of due) {
      const key = `${contract.underlying} ${contract.expiry}`;
      if (closes.has(key)) continue;
      const close = await closeOn(deps, contract.underlying, expiryClose(contract.expiry));
      if (close === null) run.waiting.push(contract.underlying);
      else closes.set(key, close);
    }
    const settlements = await updateAccount(deps.accounts, accountId, (current) => {
      const result = settleExpiredOptions(current, now, (underlying, expiry) =>
        closes.get(`${underlying} ${expiry}`),
      );
      return result ? { account: result.account, entries: result.entries, result: result.settlements } : null;
    });
    if (settlements) run.settled.push({ accountId, settlements });
  }
  run.waiting = [...new Set(run.waiting)];
  return run;
}

/** The underlying's official close of the session that ended at `close`, or null when its bar is not there yet. */
async function closeOn(deps: ExpiryDependencies, underlying: string, close: Date): Promise<number | null> {
  const bars = (await deps.history.dailyBars([underlying], 1, new Date(close.getTime() + 1))).get(underlying);
  const bar = bars?.at(-1);
  return bar && Date.parse(bar.time) === close.getTime() ? bar.close : null;
}
