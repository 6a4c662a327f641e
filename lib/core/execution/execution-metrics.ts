import type { Order } from '../orders/order';
import { slippageBps } from './slippage-band';

/** How well one order was executed. */
export interface OrderExecutionMetrics {
  /** Filled quantity / ordered quantity, 0–1. */
  fillRate: number;
  averageFillPrice: number | null;
  /** Implementation shortfall against the arrival price, basis points; positive is worse. Null before a fill. */
  slippageBps: number | null;
  commissionCents: number;
  childOrders: number;
  /** Seconds from acceptance to the last fill; null before a fill. */
  timeToFillSeconds: number | null;
}

export function orderExecutionMetrics(order: Order): OrderExecutionMetrics {
  const lastFill = order.fills.at(-1);
  return {
    fillRate: order.quantity === 0 ? 0 : order.filledQuantity / order.quantity,
    averageFillPrice: order.averageFillPrice,
    slippageBps:
      order.averageFillPrice === null
        ? null
        : slippageBps(order.side, order.arrivalPrice, order.averageFillPrice),
    commissionCents: order.commissionCents,
    childOrders: order.childCount,
    timeToFillSeconds: lastFill ? (Date.parse(lastFill.at) - Date.parse(order.createdAt)) / 1000 : null,
  };
}

/** Execution quality over many orders. Slippage is weighted by filled notional. */
export interface AggregateExecutionMetrics {
  orders: number;
  filledOrders: number;
  quantity: number;
  filledQuantity: number;
  fillRate: number;
  filledNotional: number;
  averageSlippageBps: number | null;
  commissionCents: number;
  averageTimeToFillSeconds: number | null;
  byExecution: Record<string, { orders: number; averageSlippageBps: number | null }>;
}

export function aggregateExecutionMetrics(orders: readonly Order[]): AggregateExecutionMetrics {
  let quantity = 0;
  let filledQuantity = 0;
  let filledNotional = 0;
  let weightedSlippage = 0;
  let commission = 0;
  let timeSum = 0;
  let timed = 0;
  const groups = new Map<string, { orders: number; notional: number; weighted: number }>();
  for (const order of orders) {
    const metrics = orderExecutionMetrics(order);
    quantity += order.quantity;
    filledQuantity += order.filledQuantity;
    commission += order.commissionCents;
    const notional = (order.averageFillPrice ?? 0) * order.filledQuantity;
    filledNotional += notional;
    const group = groups.get(order.execution) ?? { orders: 0, notional: 0, weighted: 0 };
    group.orders++;
    if (metrics.slippageBps !== null) {
      weightedSlippage += metrics.slippageBps * notional;
      group.notional += notional;
      group.weighted += metrics.slippageBps * notional;
    }
    groups.set(order.execution, group);
    if (metrics.timeToFillSeconds !== null) {
      timeSum += metrics.timeToFillSeconds;
      timed++;
    }
  }
  return {
    orders: orders.length,
    filledOrders: orders.filter((order) => order.status === 'filled').length,
    quantity,
    filledQuantity,
    fillRate: quantity === 0 ? 0 : filledQuantity / quantity,
    filledNotional,
    averageSlippageBps: filledNotional === 0 ? null : weightedSlippage / filledNotional,
    commissionCents: commission,
    averageTimeToFillSeconds: timed === 0 ? null : timeSum / timed,
    byExecution: Object.fromEntries(
      [...groups].map(([mode, group]) => [
        mode,
        {
          orders: group.orders,
          averageSlippageBps: group.notional === 0 ? null : group.weighted / group.notional,
        },
      ]),
    ),
  };
}
