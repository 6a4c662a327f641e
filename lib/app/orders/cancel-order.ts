import { DomainError, NotFoundError } from '../../core/errors';
import type { Order } from '../../core/orders/order';
import { isTerminal, transition } from '../../core/orders/order-lifecycle';
import { finalizeIfDone } from './finalize-order';
import type { OrderDependencies } from './order-dependencies';
import { updateOrder } from './retrying';

/**
 * Cancels what is left of an order. The order goes `pending_cancel` at once; a TWAP or iceberg
 * stops its workflow, children never sent are cancelled on the spot, and working ones are
 * cancelled at the venue — which also refuses any child that arrives after the cancel. The
 * order becomes `canceled` (or `filled`, if the venue filled it first) when the venue confirms.
 */
export async function cancelOrder(
  deps: OrderDependencies,
  accountId: string,
  orderId: string,
): Promise<Order> {
  const order = await deps.orders.get(accountId, orderId);
  if (!order) throw new NotFoundError(`order ${orderId}`);
  if (order.parentId) {
    throw new DomainError(
      'CHILD_ORDER',
      `${orderId} is a slice of ${order.parentId}; cancel the parent`,
      'unprocessable',
    );
  }
  if (order.status === 'pending_cancel') return order;
  if (isTerminal(order.status)) {
    throw new DomainError(
      'ORDER_NOT_CANCELABLE',
      `Order ${orderId} is already ${order.status}`,
      'unprocessable',
    );
  }
  const pending = await updateOrder(deps.orders, accountId, orderId, (current) =>
    isTerminal(current.status) || current.status === 'pending_cancel'
      ? null
      : transition(current, 'pending_cancel', 'cancel requested', deps.clock.now()),
  );
  if (pending.status !== 'pending_cancel') return pending;

  if (pending.execution === 'immediate') {
    await deps.broker.cancel(accountId, pending.clientOrderId);
    return pending;
  }
  await deps.workflows.stop(pending);
  await cancelChildren(
    deps,
    accountId,
    await deps.orders.children(accountId, orderId),
    'parent canceled before the slice was sent',
  );
  return finalizeIfDone(deps, pending);
}

/**
 * Ends a parent's unfinished children: one never sent is cancelled on the spot (`whyUnsent`), one
 * at the venue is cancelled there — the venue also refuses any that arrives after the cancel.
 */
export async function cancelChildren(
  deps: OrderDependencies,
  accountId: string,
  children: readonly Order[],
  whyUnsent: string,
): Promise<void> {
  for (const child of children) {
    if (isTerminal(child.status)) continue;
    await updateOrder(deps.orders, accountId, child.orderId, (current) =>
      current.status === 'new' ? transition(current, 'canceled', whyUnsent, deps.clock.now()) : null,
    );
    await deps.broker.cancel(accountId, child.clientOrderId);
  }
}
