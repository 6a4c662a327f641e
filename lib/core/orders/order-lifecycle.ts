import { DomainError } from '../errors';
import type { Order, OrderStatus } from './order';

/**
 * Every legal status change, and nothing else. Terminal statuses have no way out.
 * `new` → venue acknowledgement → `accepted`; fills move it through `partially_filled` to
 * `filled`; a cancel request goes `pending_cancel` until the venue confirms `canceled`.
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  new: ['accepted', 'partially_filled', 'filled', 'rejected', 'canceled', 'pending_cancel', 'expired'],
  accepted: ['partially_filled', 'filled', 'pending_cancel', 'canceled', 'expired', 'rejected'],
  partially_filled: ['partially_filled', 'filled', 'pending_cancel', 'canceled', 'expired'],
  // A pending cancel sticks until the order ends: fills still count, but do not undo the cancel.
  pending_cancel: ['canceled', 'filled', 'expired'],
  filled: [],
  canceled: [],
  rejected: [],
  expired: [],
};

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'filled',
  'canceled',
  'rejected',
  'expired',
]);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Moves an order to a new status, recording when and why; an illegal change is an error. */
export function transition(order: Order, to: OrderStatus, reason: string, at: Date): Order {
  if (!canTransition(order.status, to)) {
    throw new DomainError(
      'ILLEGAL_ORDER_TRANSITION',
      `Order ${order.orderId} cannot go from ${order.status} to ${to}`,
      'conflict',
    );
  }
  const when = at.toISOString();
  return {
    ...order,
    status: to,
    updatedAt: when,
    history: [...order.history, { status: to, at: when, reason }],
  };
}
