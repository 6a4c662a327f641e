import { isTerminal, transition } from '../../core/orders/order-lifecycle';
import { type Order, remainingQuantity } from '../../core/orders/order';
import { releaseOrder } from '../../core/portfolio/order-exposure';
import type { OrderDependencies } from './order-dependencies';
import { updateAccount, updateOrder } from './retrying';

type FinalizeDependencies = Pick<OrderDependencies, 'orders' | 'accounts' | 'clock'>;

/**
 * Ends an order once nothing more can happen to it, and only then releases what it reserved.
 * A simple order ends with its venue report. A TWAP or iceberg parent ends when every child has
 * ended and its workflow is finished, it is being cancelled, or it is already completely filled
 * (nothing more can happen to it — even if the workflow died before its last step) — children
 * end only after all their fills were applied (reports arrive in order), so no fill can miss its
 * reservation.
 * Never before the account has moved the money of every fill the order records (see below).
 * Idempotent: any path may call it, any number of times.
 */
export async function finalizeIfDone(deps: FinalizeDependencies, order: Order): Promise<Order> {
  if (order.parentId) {
    const parent = await deps.orders.get(order.accountId, order.parentId);
    return parent ? finalizeIfDone(deps, parent) : order;
  }
  let current = order;
  if (current.execution !== 'immediate') {
    const children = await deps.orders.children(current.accountId, current.orderId);
    if (!children.every((child) => isTerminal(child.status))) return current;
    const finished =
      current.workComplete || current.status === 'pending_cancel' || remainingQuantity(current) === 0;
    if (!isTerminal(current.status) && finished) {
      current = await updateOrder(deps.orders, current.accountId, current.orderId, (latest) => {
        if (isTerminal(latest.status)) return null;
        const unfilled = remainingQuantity(latest);
        if (unfilled === 0) return transition(latest, 'filled', 'all slices filled', deps.clock.now());
        const reason =
          latest.status === 'pending_cancel'
            ? `canceled with ${unfilled} unfilled`
            : `${latest.execution} ended with ${unfilled} unfilled (no liquidity inside the slippage band)`;
        return transition(latest, 'canceled', reason, deps.clock.now());
      });
    }
  }
  if (!isTerminal(current.status)) return current;
  await updateAccount(deps.accounts, current.accountId, (account) => {
    // The order records a fill before the account moves its money. Fewer shares on the
    // reservation than on the order: a fill's account write is still under way or failed (it
    // will be redelivered) — releasing now would leave that fill no reservation to draw on, and
    // it would be taken as applied before. Its own write releases the order when it lands.
    const exposure = account.openOrders[current.orderId];
    if (exposure && exposure.filledQuantity < current.filledQuantity) return null;
    const next = releaseOrder(account, current.orderId, deps.clock.now());
    return next ? { account: next, result: true } : null;
  });
  return current;
}
