import type { OrderFilter, OrderPage, OrderRepository } from '../../app/ports/order-repository';
import { ConcurrencyError } from '../../core/errors';
import type { Order } from '../../core/orders/order';

/** Orders in process memory with the DynamoDB adapter's rules (versions, paging, children). */
export class InMemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, Order>();

  async create(order: Order): Promise<boolean> {
    const id = key(order.accountId, order.orderId);
    if (this.orders.has(id)) return false;
    this.orders.set(id, structuredClone(order));
    return true;
  }

  async get(accountId: string, orderId: string): Promise<Order | null> {
    const order = this.orders.get(key(accountId, orderId));
    return order ? structuredClone(order) : null;
  }

  async save(order: Order): Promise<void> {
    const id = key(order.accountId, order.orderId);
    const stored = this.orders.get(id);
    if (!stored || stored.version !== order.version - 1) throw new ConcurrencyError(`order ${order.orderId}`);
    this.orders.set(id, structuredClone(order));
  }

  async list(
    accountId: string,
    filter: OrderFilter,
    page: { limit: number; cursor?: string },
  ): Promise<OrderPage> {
    const all = [...this.orders.values()]
      .filter((order) => order.accountId === accountId && !order.parentId)
      .filter((order) => (filter.status ? order.status === filter.status : true))
      .filter((order) => (filter.symbol ? order.symbol === filter.symbol : true))
      .filter((order) => (filter.strategyId ? order.strategyId === filter.strategyId : true))
      .filter((order) => (filter.from ? order.createdAt >= filter.from : true))
      .filter((order) => (filter.to ? order.createdAt <= `${filter.to}~` : true))
      .sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    const start = page.cursor ? all.findIndex((order) => sortKey(order) === page.cursor) + 1 : 0;
    const orders = all.slice(start, start + page.limit);
    const last = orders.at(-1);
    return {
      orders: structuredClone(orders),
      nextCursor: last && start + page.limit < all.length ? sortKey(last) : null,
    };
  }

  async children(accountId: string, parentId: string): Promise<Order[]> {
    return structuredClone(
      [...this.orders.values()]
        .filter((order) => order.accountId === accountId && order.parentId === parentId)
        .sort((a, b) => (a.childIndex ?? 0) - (b.childIndex ?? 0)),
    );
  }
}

function key(accountId: string, orderId: string): string {
  return `${accountId}\u0000${orderId}`;
}

function sortKey(order: Order): string {
  return `${order.createdAt}#${order.orderId}`;
}
