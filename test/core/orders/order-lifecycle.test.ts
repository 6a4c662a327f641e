import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../lib/core/errors';
import type { Order, OrderStatus } from '../../../lib/core/orders/order';
import {
  TERMINAL_STATUSES,
  TRANSITIONS,
  canTransition,
  transition,
} from '../../../lib/core/orders/order-lifecycle';

const STATUSES = Object.keys(TRANSITIONS) as OrderStatus[];
const order = (status: OrderStatus) =>
  ({ orderId: 'o-1', status, history: [], updatedAt: '' }) as unknown as Order;

describe('order lifecycle', () => {
  it.each([...TERMINAL_STATUSES])('%s is terminal: nothing leaves it', (status) => {
    for (const to of STATUSES) expect(canTransition(status, to)).toBe(false);
  });

  it.each([
    ['new', 'accepted'],
    ['accepted', 'partially_filled'],
    ['partially_filled', 'partially_filled'],
    ['partially_filled', 'filled'],
    ['accepted', 'pending_cancel'],
    ['pending_cancel', 'canceled'],
    ['pending_cancel', 'filled'],
    ['new', 'rejected'],
    ['accepted', 'expired'],
  ] as [OrderStatus, OrderStatus][])('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    ['filled', 'canceled'],
    ['canceled', 'filled'],
    ['partially_filled', 'accepted'],
    ['partially_filled', 'rejected'],
    ['pending_cancel', 'accepted'],
  ] as [OrderStatus, OrderStatus][])('refuses %s → %s with ILLEGAL_ORDER_TRANSITION', (from, to) => {
    expect(() => transition(order(from), to, 'test', new Date())).toThrow(DomainError);
    try {
      transition(order(from), to, 'test', new Date());
    } catch (error) {
      expect((error as DomainError).code).toBe('ILLEGAL_ORDER_TRANSITION');
    }
  });

  it('records every change with its time and reason', () => {
    const at = new Date('2026-11-23T15:00:00Z');
    const next = transition(order('new'), 'accepted', 'venue acknowledged', at);
    expect(next.status).toBe('accepted');
    expect(next.history).toEqual([
      { status: 'accepted', at: at.toISOString(), reason: 'venue acknowledged' },
    ]);
  });
});
