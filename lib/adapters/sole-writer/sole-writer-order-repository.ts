import type { OrderFilter, OrderPage, OrderRepository } from '../../app/ports/order-repository';
import type { Order } from '../../core/orders/order';
import { ItemCache } from './item-cache';

/**
 * Orders for a process that is the only writer of its table (see SoleWriterAccountRepository):
 * the orders it wrote most recently are read from memory — an order's execution reports read
 * it right after the request that created it. Listings always query the table.
 */
export class SoleWriterOrderRepository implements OrderRepository {
  private readonly cache: ItemCache<Order>;

  constructor(
    private readonly table: OrderRepository,
    capacity = 10_000,
  ) {
    this.cache = new ItemCache(capacity);
  }

  async create(order: Order): Promise<boolean> {
    const created = await this.table.create(order);
    if (created) this.cache.set(cacheKey(order.accountId, order.orderId), order);
    return created;
  }

  get(accountId: string, orderId: string): Promise<Order | null> {
    return this.cache.read(cacheKey(accountId, orderId), () => this.table.get(accountId, orderId));
  }

  async save(order: Order): Promise<void> {
    const key = cacheKey(order.accountId, order.orderId);
    try {
      await this.table.save(order);
    } catch (error) {
      this.cache.delete(key); // a lost race, or an outcome unknown: read the table next time
      throw error;
    }
    this.cache.set(key, order);
  }

  list(accountId: string, filter: OrderFilter, page: { limit: number; cursor?: string }): Promise<OrderPage> {
    return this.table.list(accountId, filter, page);
  }

  children(accountId: string, parentId: string): Promise<Order[]> {
    return this.table.children(accountId, parentId);
  }
}

function cacheKey(accountId: string, orderId: string): string {
  return `${accountId}\u0000${orderId}`;
}
