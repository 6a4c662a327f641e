import { withStrategyFill } from '../../core/portfolio/strategy-positions';
import { DomainError } from '../../core/errors';
import type { Fill, Order } from '../../core/orders/order';
import { canTransition, isTerminal, transition } from '../../core/orders/order-lifecycle';
import type { Account } from '../../core/portfolio/account';
import { applyFill, releaseOrder } from '../../core/portfolio/order-exposure';
import { emptyRiskState, recordTradeOutcome } from '../../core/risk/account-risk-state';
import type { ExecutionReport, FillReport, FinalOutcome } from '../ports/execution-reports';
import { finalizeIfDone } from './finalize-order';
import type { OrderDependencies } from './order-dependencies';
import { updateAccount, updateOrder } from './retrying';

type ReportDependencies = Pick<OrderDependencies, 'orders' | 'accounts' | 'clock'>;

/**
 * Applies one execution report exactly once, however often the queue delivers it.
 * A fill is recorded on the order (and its parent) first, then on the account — where the
 * fill id is checked in the same conditional write that moves the money — and an order that
 * ended releases its reservation only after that. Each step is idempotent, so a crash anywhere
 * is repaired by the redelivery.
 */
export async function applyExecutionReport(deps: ReportDependencies, report: ExecutionReport): Promise<void> {
  const at = new Date(report.at);
  if (report.kind === 'accepted') {
    await updateOrder(deps.orders, report.accountId, report.orderId, (current) =>
      current.status === 'new' ? transition(current, 'accepted', 'venue accepted', at) : null,
    );
    return;
  }
  if (report.kind === 'done') {
    const order = await updateOrder(deps.orders, report.accountId, report.orderId, (current) =>
      ended(current, report, at),
    );
    await finalizeIfDone(deps, order);
    return;
  }
  await applyFillReport(deps, report, at);
}

async function applyFillReport(deps: ReportDependencies, report: FillReport, at: Date): Promise<void> {
  const fill: Fill = {
    fillId: report.reportId,
    venueOrderId: report.orderId,
    quantity: report.quantity,
    price: report.notionalCents / 100 / report.quantity,
    commissionCents: report.commissionCents,
    at: report.at,
  };
  const final = report.final;
  // A simple order may end in the same write as its fill: its reservation is released in the
  // same account write that moves the fill's money. A child must not end before that money has
  // moved — its parent finalizes (and releases the reservation the fill draws on) as soon as
  // every child has ended — so a child's final word is applied after the account write, below.
  const endsWithFill = final && !report.parentId ? final : undefined;
  const order = await updateOrder(deps.orders, report.accountId, report.orderId, (current) => {
    const filled = withFill(current, fill, at);
    return endsWithFill ? (ended(filled ?? current, endsWithFill, at) ?? filled) : filled;
  });
  const exposureOrder = report.parentId
    ? await updateOrder(deps.orders, report.accountId, report.parentId, (current) =>
        withFill(current, fill, at),
      )
    : order;
  // A simple order that this fill ended releases its reservation in the same write (one pass).
  const releaseNow = !report.parentId && isTerminal(order.status);

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
    if (outcome.kind === 'no_exposure' && !isTerminal(exposureOrder.status)) {
      throw new DomainError(
        'FILL_WITHOUT_RESERVATION',
        `Fill ${report.reportId} arrived for ${exposureOrder.orderId}, which holds no reservation`,
        'conflict',
      );
    }
    if (outcome.kind !== 'applied') {
      const released = releaseNow ? releaseOrder(account, exposureOrder.orderId, at) : null;
      return released ? { account: released, result: true } : null; // the fill was applied before
    }
    const traded =
      report.side === 'sell'
        ? withTradeOutcome(outcome.account, exposureOrder, outcome.realizedPnlCents)
        : outcome.account;
    const applied = exposureOrder.strategyId
      ? {
          ...traded,
          strategyPositions: withStrategyFill(traded.strategyPositions, {
            strategyId: exposureOrder.strategyId,
            symbol: report.symbol,
            side: report.side,
            quantity: report.quantity,
            notionalCents: report.notionalCents,
            at: at.toISOString(),
          }),
        }
      : traded;
    const released = releaseNow ? releaseOrder(applied, exposureOrder.orderId, at) : null;
    return { account: released ?? applied, entries: outcome.entries, result: true };
  });
  if (report.parentId && final) {
    const child = await updateOrder(deps.orders, report.accountId, report.orderId, (current) =>
      ended(current, final, at),
    );
    await finalizeIfDone(deps, child);
    return;
  }
  if (!releaseNow) await finalizeIfDone(deps, exposureOrder);
}

/**
 * A closing fill counts toward the losing streaks (the consecutive-loss circuit breaker) in
 * the same write that moves its money. Fills of one order make one trade (see recordTradeOutcome).
 */
function withTradeOutcome(account: Account, order: Order, realizedPnlCents: number): Account {
  return {
    ...account,
    risk: recordTradeOutcome(account.risk ?? emptyRiskState('', 0), {
      orderId: order.orderId,
      ...(order.strategyId ? { strategyId: order.strategyId } : {}),
      realizedPnlCents,
    }),
  };
}

/** The order ended as the venue says (filled only if every share was); null if it had ended already. */
function ended(order: Order, final: FinalOutcome, at: Date): Order | null {
  if (isTerminal(order.status)) return null;
  const outcome =
    final.outcome === 'filled' && order.filledQuantity < order.quantity ? 'canceled' : final.outcome;
  return transition(order, outcome, `venue: ${final.reason}`, at);
}

/**
 * The order with one more fill and its average price; null if it has it already. A fill alone
 * never ends an order: only the venue's final word does (carried by the same report when that
 * fill ended it), or, for a parent, the end of all its children. Reports are queued in order,
 * so by the time an order ends all its fills have been applied — and releasing its reservation
 * cannot strand one.
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
