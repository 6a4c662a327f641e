import type { Order, OrderStatus } from '../../core/orders/order';

export interface OrderFilter {
  status?: OrderStatus;
  symbol?: string;
  strategyId?: string;
  /** ISO instants bounding `createdAt` (inclusive). */
  from?: string;
  to?: string;
}

export interface OrderPage {
  orders: Order[];
  /** Opaque; pass back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

/**
 * Orders as the trader sees them (the read side: status, fills, children). Writes are
 * conditional on `version`; a lost race throws ConcurrencyError and writes nothing.
 */
export interface OrderRepository {
  /** Stores a new order; false (and nothing written) if its id exists already. */
  create(order: Order): Promise<boolean>;
  get(accountId: string, orderId: string): Promise<Order | null>;
  /** Replaces the order whose stored version is `order.version - 1`. */
  save(order: Order): Promise<void>;
  /** Top-level orders (not child slices), newest first. */
  list(accountId: string, filter: OrderFilter, page: { limit: number; cursor?: string }): Promise<OrderPage>;
  /** Child slices of a parent, in index order. */
  children(accountId: string, parentId: string): Promise<Order[]>;
}
