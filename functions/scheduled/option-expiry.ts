import { settleOptionExpiries } from '../../lib/app/options/settle-expiries';
import { dependencies } from '../shared/dependencies';
import { taskHandler } from '../shared/task-handler';

/**
 * Settles expired options: after each expiration's close, every account's contracts of it expire
 * worthless or are exercised and assigned at the underlying's close (ledger entries explain each).
 */
export const handler = taskHandler(async () => {
  const base = dependencies();
  const run = await settleOptionExpiries({
    accounts: base.accounts,
    history: base.marketData,
    clock: base.clock,
  });
  return {
    accounts: run.accounts,
    settled: run.settled.map(({ accountId, settlements }) => ({ accountId, contracts: settlements.length })),
    waiting: run.waiting,
  };
});
