import type { Order } from '../../core/orders/order';
import type { OrderFilter, OrderRepository } from '../ports/order-repository';

/** Bound on how many orders one metrics request reads. */
const MAX_ORDERS_FOR_METRICS = 10_000;

/** Every top-level order matching the filter, newest first, up to MAX_ORDERS_FOR_METRICS. */
export async function listAllOrders(
  orders: OrderRepository,
  accountId: string,
  filter: OrderFilter,
): Promise<Order[]> {
  const all: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await orders.list(accountId, filter, { limit: 500, ...(cursor ? { cursor } : {}) });
    all.push(...page.orders);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < MAX_ORDERS_FOR_METRICS);
  return all.slice(0, MAX_ORDERS_FOR_METRICS);
}
