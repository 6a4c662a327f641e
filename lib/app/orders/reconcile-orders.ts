import { isTerminal } from '../../core/orders/order-lifecycle';
import type { OrderDependencies } from './order-dependencies';

/** Orders younger than this are left alone: their reports are most likely still on their way. */
export const RECONCILE_AFTER_MS = 30_000;

/**
 * Reconciles open orders with the broker: for every order still holding a reservation after
 * RECONCILE_AFTER_MS, ask the broker to send its reports again (for a TWAP or iceberg parent,
 * those of its working children, and make sure its workflow is running). Applying a report twice changes nothing, so this only ever
 * repairs: a report lost between the venue's write and its send, or a message the queue dropped.
 * `olderThanMs` 0 asks about every open order (at startup). Returns how many venue orders it asked about.
 */
export async function reconcileOpenOrders(
  deps: OrderDependencies,
  options: { olderThanMs?: number } = {},
): Promise<number> {
  const now = deps.clock.now().getTime();
  const olderThanMs = options.olderThanMs ?? RECONCILE_AFTER_MS;
  let asked = 0;
  for (const accountId of await deps.accounts.listAccountIds()) {
    const account = await deps.accounts.get(accountId);
    for (const exposure of Object.values(account?.openOrders ?? {})) {
      if (now - Date.parse(exposure.openedAt) < olderThanMs) continue;
      const order = await deps.orders.get(accountId, exposure.orderId);
      if (!order) continue;
      if (order.execution === 'immediate') {
        await deps.broker.resend(accountId, order.clientOrderId);
        asked++;
        continue;
      }
      if (!isTerminal(order.status) && order.status !== 'pending_cancel' && !order.workComplete) {
        // Resumes a workflow a restart ended (local executions live in memory); a no-op for one
        // still running, since executions are named after their order. Steps skip work already done.
        await deps.workflows.start(order);
      }
      for (const child of await deps.orders.children(accountId, order.orderId)) {
        if (isTerminal(child.status) || child.status === 'new') continue;
        await deps.broker.resend(accountId, child.clientOrderId);
        asked++;
      }
    }
  }
  return asked;
}
