import { DomainError } from '../../core/errors';
import type { Fill, Order } from '../../core/orders/order';
import { canTransition, isTerminal, transition } from '../../core/orders/order-lifecycle';
import { applyFill } from '../../core/portfolio/order-exposure';
import type { DoneReport, ExecutionReport, FillReport } from '../ports/execution-reports';
import { finalizeIfDone } from './finalize-order';
import type { OrderDependencies } from './order-dependencies';
import { updateAccount, updateOrder } from './retrying';

type ReportDependencies = Pick<OrderDependencies, 'orders' | 'accounts' | 'clock'>;

/**
 * Applies one execution report exactly once, however often the queue delivers it.
 * A fill is recorded on the order (and its parent) first, then on the account — where the
 * fill id is checked in the same conditional write that moves the money — then the order is
 * ended if that was the last of it. Each step is idempotent, so a crash anywhere is repaired
 * by the redelivery.
 */
export async function applyExecutionReport(deps: ReportDependencies, report: ExecutionReport): Promise<void> {
  if (report.kind === 'fill') return applyFillReport(deps, report);
  return applyDoneReport(deps, report);
}

async function applyFillReport(deps: ReportDependencies, report: FillReport): Promise<void> {
  const fill: Fill = {
    fillId: report.reportId,
    venueOrderId: report.orderId,
    quantity: report.quantity,
    price: report.notionalCents / 100 / report.quantity,
    commissionCents: report.commissionCents,
    at: report.at,
  };
  const at = new Date(report.at);
  const order = await updateOrder(deps.orders, report.accountId, report.orderId, (current) =>
    withFill(current, fill, at),
  );
  const exposureOrder = report.parentId
    ? await updateOrder(deps.orders, report.accountId, report.parentId, (current) =>
        withFill(current, fill, at),
      )
    : order;

  await updateAccount(deps.accounts, report.accountId, (account) => {
    const outcome = applyFill(account, {
      fillId: report.reportId,
      exposureId: exposureOrder.orderId,
      orderId: report.orderId,
      symbol: report.symbol,
      side: report.side,
      quantity: report.quantity,
      notionalCents: report.notionalCents,
      commissionCents: report.commissionCents,
      at,
    });
    if (outcome.kind === 'applied')
      return { account: outcome.account, entries: outcome.entries, result: true };
    if (outcome.kind === 'no_exposure' && !isTerminal(exposureOrder.status)) {
      throw new DomainError(
        'FILL_WITHOUT_RESERVATION',
        `Fill ${report.reportId} arrived for ${exposureOrder.orderId}, which holds no reservation`,
        'conflict',
      );
    }
    return null; // a duplicate: already applied
  });
  await finalizeIfDone(deps, exposureOrder);
}

async function applyDoneReport(deps: ReportDependencies, report: DoneReport): Promise<void> {
  const at = new Date(report.at);
  const order = await updateOrder(deps.orders, report.accountId, report.orderId, (current) => {
    if (isTerminal(current.status)) return null;
    const outcome =
      report.outcome === 'filled' && current.filledQuantity < current.quantity ? 'canceled' : report.outcome;
    return transition(current, outcome, `venue: ${report.reason}`, at);
  });
  await finalizeIfDone(deps, order);
}

/**
 * The order with one more fill and its average price; null if it has it already. A fill never
 * ends an order, even its last one: only the venue's final report does (or, for a parent, the
 * end of all its children). That report is queued after every fill, so by the time an order
 * ends, all its fills have been applied to the account — and releasing its reservation cannot
 * strand one.
 */
function withFill(order: Order, fill: Fill, at: Date): Order | null {
  if (order.fills.some((existing) => existing.fillId === fill.fillId)) return null;
  const filledQuantity = order.filledQuantity + fill.quantity;
  if (filledQuantity > order.quantity) {
    throw new DomainError(
      'OVERFILL',
      `Fill ${fill.fillId} would take ${order.orderId} past its quantity`,
      'conflict',
    );
  }
  const notional = (order.averageFillPrice ?? 0) * order.filledQuantity + fill.price * fill.quantity;
  const updated: Order = {
    ...order,
    fills: [...order.fills, fill],
    filledQuantity,
    averageFillPrice: notional / filledQuantity,
    commissionCents: order.commissionCents + fill.commissionCents,
    updatedAt: at.toISOString(),
  };
  if (!canTransition(order.status, 'partially_filled')) return updated;
  return transition(updated, 'partially_filled', `filled ${fill.quantity} at ${fill.price.toFixed(4)}`, at);
}
