import type { AccountRepository } from '../ports/account-repository';
import type { BrokerBooks } from '../ports/broker-calendar';
import type { Clock } from '../ports/clock';
import type { AlertPublisher, AlertStore } from '../ports/risk-alerts';
import { raiseAlert } from '../risk/raise-alert';

export interface PositionDifference {
  symbol: string;
  platform: number;
  broker: number;
}

/**
 * The platform's positions against the broker's, share for share. Only when the account has no
 * open orders — while orders work, fills in flight make the two differ for a moment. A difference
 * is a warning alert (once a day): someone traded in the broker's own UI, or a fill was lost.
 * Returns the differences, or null when the comparison was skipped.
 */
export async function comparePositions(
  deps: {
    brokerBooks: BrokerBooks;
    accounts: AccountRepository;
    alerts: AlertStore;
    alertPublisher: AlertPublisher;
    clock: Clock;
  },
  accountId: string,
): Promise<PositionDifference[] | null> {
  const account = await deps.accounts.get(accountId);
  if (!account || Object.keys(account.openOrders).length > 0) return null;
  const broker = new Map((await deps.brokerBooks.positions()).map((p) => [p.symbol, p.quantity]));
  const platform = new Map(Object.values(account.positions).map((p) => [p.symbol, p.quantity]));
  const differences = [...new Set([...broker.keys(), ...platform.keys()])]
    .sort()
    .map((symbol) => ({ symbol, platform: platform.get(symbol) ?? 0, broker: broker.get(symbol) ?? 0 }))
    .filter((difference) => difference.platform !== difference.broker);
  if (differences.length > 0) {
    const now = deps.clock.now();
    await raiseAlert(deps, {
      accountId,
      alertId: `position-mismatch-${now.toISOString().slice(0, 10)}`,
      level: 'warning',
      code: 'BROKER_POSITION_MISMATCH',
      message: `Positions differ from the broker's: ${differences
        .map((d) => `${d.symbol} ours ${d.platform}, broker ${d.broker}`)
        .join('; ')}`,
      at: now.toISOString(),
      detail: { differences },
    });
  }
  return differences;
}
