import { formatDollars } from '../../core/money';
import { OPTION_MULTIPLIER } from '../../core/options/occ-symbol';
import { isTerminal } from '../../core/orders/order-lifecycle';
import type { ExecutionReport } from '../ports/execution-reports';
import type { OrderDependencies } from '../orders/order-dependencies';
import { raiseAlert } from '../risk/raise-alert';
import { notificationSettingsOf } from './notification-settings';

type Dependencies = Pick<OrderDependencies, 'orders' | 'alerts' | 'alertPublisher' | 'notificationSettings'>;

/** The reports that may have ended an order (its own final fill, its `done`, a child's last fill). */
export function endsAnOrder(report: ExecutionReport): boolean {
  return report.kind === 'done' || (report.kind === 'fill' && report.final !== undefined);
}

/**
 * Once an order the report belongs to has ended, tells the trader if it filled for a large sum
 * (LARGE_FILL, info; at or above the account's `largeFillNotional`; once per order: the
 * alert's id is the order's). A TWAP or iceberg is judged
 * as the parent order, never slice by slice.
 */
export async function alertIfLargeFill(deps: Dependencies, report: ExecutionReport): Promise<void> {
  const order = await deps.orders.get(report.accountId, report.parentId ?? report.orderId);
  if (!order || !isTerminal(order.status) || order.filledQuantity === 0) return;
  const multiplier = order.legs ? OPTION_MULTIPLIER : 1;
  const notional = Math.abs(order.averageFillPrice ?? 0) * order.filledQuantity * multiplier;
  const { largeFillNotional } = await notificationSettingsOf(deps.notificationSettings, order.accountId);
  if (largeFillNotional <= 0 || notional < largeFillNotional) return;
  await raiseAlert(deps, {
    accountId: order.accountId,
    alertId: `LARGE_FILL#${order.orderId}`,
    level: 'info',
    code: 'LARGE_FILL',
    message: `Large fill: ${order.side} ${order.filledQuantity} ${order.symbol} for ${formatDollars(notional)} (average ${formatDollars(Math.abs(order.averageFillPrice ?? 0))}, ${order.execution})`,
    at: order.updatedAt,
    detail: {
      orderId: order.orderId,
      status: order.status,
      notional: Math.round(notional * 100) / 100,
      ...(order.strategyId ? { strategyId: order.strategyId } : {}),
    },
  });
}
