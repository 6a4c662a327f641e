import { withinAccountPosition, withStrategyFill } from '../../core/portfolio/strategy-positions';
import { DomainError } from '../../core/errors';
import { OPTION_MULTIPLIER } from '../../core/options/occ-symbol';
import type { Fill, Order } from '../../core/orders/order';
import { canTransition, isTerminal, transition } from '../../core/orders/order-lifecycle';
import type { Account } from '../../core/portfolio/account';
import { applyFill, releaseOrder } from '../../core/portfolio/order-exposure';
import { emptyRiskState, recordTradeOutcome } from '../../core/risk/account-risk-state';
import type { AmendReport, ExecutionReport, FillReport, FinalOutcome } from '../ports/execution-reports';
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
  await (
    await beginExecutionReport(deps, report)
  ).settled;
}

/**
 * Applies a queue batch's reports in their order and says how far it got: `applied` reports
 * are done; the one at that index failed with `error`, and it and everything after it must be
 * delivered again (FIFO: a later report must not land before an earlier one). A fill's money
 * moves in its account write, which the next report does not wait for: the account writes of a
 * batch queue up in order and go to the account together (AccountGroupCommit), where one at a
 * time made the account the queue's bottleneck (docs/benchmarks.md). Whatever a later report
 * does to the account is queued behind them, so it still sees them applied; the batch counts as
 * done only when every write has landed.
 */
export async function applyExecutionReportsInOrder(
  deps: ReportDependencies,
  reports: readonly ExecutionReport[],
): Promise<{ applied: number; error?: unknown }> {
  const settling: Promise<void>[] = [];
  let stoppedAt = reports.length;
  let error: unknown;
  for (const [index, report] of reports.entries()) {
    try {
      const { settled } = await beginExecutionReport(deps, report);
      settled.catch(() => undefined); // observed below, after the batch; this only keeps it from being "unhandled"
      settling.push(settled);
    } catch (failure) {
      stoppedAt = index;
      error = failure;
      break;
    }
  }
  const outcomes = await Promise.allSettled(settling);
  const firstFailed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
  if (firstFailed !== -1 && firstFailed < stoppedAt) {
    return { applied: firstFailed, error: (outcomes[firstFailed] as PromiseRejectedResult).reason };
  }
  return stoppedAt === reports.length ? { applied: reports.length } : { applied: stoppedAt, error };
}

/** What is left of a report once the order writes are done: its account write and what follows (a wrapper, as an awaited promise would be flattened). */
interface Remainder {
  settled: Promise<void>;
}

const DONE: Remainder = { settled: Promise.resolve() };

/**
 * Applies a report up to the point where only its account write (and what follows it) is
 * left, and returns that remainder (already settled when nothing is left).
 */
async function beginExecutionReport(deps: ReportDependencies, report: ExecutionReport): Promise<Remainder> {
  const at = new Date(report.at);
  if (report.kind === 'accepted') {
    await updateOrder(deps.orders, report.accountId, report.orderId, (current) =>
      current.status === 'new' ? transition(current, 'accepted', 'venue accepted', at) : null,
    );
    return DONE;
  }
  if (report.kind === 'done') {
    const order = await updateOrder(deps.orders, report.accountId, report.orderId, (current) =>
      ended(current, report, at),
    );
    await finalizeIfDone(deps, order);
    return DONE;
  }
  if (report.kind === 'amend') {
    await updateOrder(deps.orders, report.accountId, report.orderId, (current) =>
      amended(current, report, at),
    );
    return DONE;
  }
  return beginFillReport(deps, report, at);
}

/**
 * The order as the venue changed it without a trade; null when this amendment was applied before
 * (amendments arrive in order: `amendedThrough`) or the order ended. A trigger, a fired exit and a
 * resize are written in the history; a trailing stop's moves only update its stop and mark.
 */
function amended(order: Order, report: AmendReport, at: Date): Order | null {
  if (isTerminal(order.status) || report.sequence <= (order.amendedThrough ?? 0)) return null;
  const what = [
    report.exitLeg ? `${report.exitLeg.replace('_', ' ')} fired` : null,
    report.triggered && !report.exitLeg ? `stop triggered at ${report.stopPrice}` : null,
    report.quantity !== undefined ? `works for ${report.quantity} (what the entry filled)` : null,
  ].filter(Boolean);
  return {
    ...order,
    ...(report.stopPrice === undefined ? {} : { stopPrice: report.stopPrice }),
    ...(report.mark === undefined ? {} : { trailMark: report.mark }),
    ...(report.triggered ? { triggeredAt: report.at } : {}),
    ...(report.exitLeg ? { exitLeg: report.exitLeg } : {}),
    ...(report.quantity === undefined ? {} : { quantity: Math.max(order.filledQuantity, report.quantity) }),
    amendedThrough: report.sequence,
    history:
      what.length === 0
        ? order.history
        : [...order.history, { status: order.status, at: report.at, reason: `venue: ${what.join('; ')}` }],
    updatedAt: at.toISOString(),
  };
}

async function beginFillReport(deps: ReportDependencies, report: FillReport, at: Date): Promise<Remainder> {
  const fill: Fill = {
    fillId: report.reportId,
    venueOrderId: report.orderId,
    quantity: report.quantity,
    // An option order's price is its net per share (the notional is per contract, × 100).
    price: report.notionalCents / 100 / report.quantity / (report.legs ? OPTION_MULTIPLIER : 1),
    commissionCents: report.commissionCents,
    at: report.at,
    ...(report.quote ? { bid: report.quote.bid, ask: report.quote.ask } : {}),
    ...(report.legs
      ? {
          legs: report.legs.map(({ symbol, side, quantity, price }) => ({ symbol, side, quantity, price })),
        }
      : {}),
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

  const moved = updateAccount(deps.accounts, report.accountId, (account) =>
    fillMoney(account, report, exposureOrder, releaseNow, at),
  );
  if (report.parentId && final) {
    // A child ends only once its money has moved: its parent may finalize the moment it does.
    await moved;
    const child = await updateOrder(deps.orders, report.accountId, report.orderId, (current) =>
      ended(current, final, at),
    );
    await finalizeIfDone(deps, child);
    return DONE;
  }
  return {
    settled: moved.then(async () => {
      if (!releaseNow) await finalizeIfDone(deps, exposureOrder);
    }),
  };
}

/**
 * The fill's money on the account (the change of one account write): cash and position, the
 * trade's outcome for the losing streaks, the strategy's own position, and — when this fill ended
 * a simple order — its reservation released. A fill applied before changes nothing; a fill for
 * an order that holds no reservation and has not ended is refused.
 */
function fillMoney(
  account: Account,
  report: FillReport,
  exposureOrder: Order,
  releaseNow: boolean,
  at: Date,
) {
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
    ...(report.legs ? { legs: report.legs } : {}),
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
  // A trade closes when a sell of shares does, or when an option order closes a position.
  const closes = exposureOrder.legs
    ? exposureOrder.legs.some((leg) => leg.positionIntent.endsWith('_to_close'))
    : report.side === 'sell';
  const traded = closes
    ? withTradeOutcome(outcome.account, exposureOrder, outcome.realizedPnlCents)
    : outcome.account;
  const legs = report.legs ?? [report];
  let strategyPositions = traded.strategyPositions;
  for (const leg of legs) {
    if (exposureOrder.strategyId) {
      strategyPositions = withStrategyFill(strategyPositions, {
        strategyId: exposureOrder.strategyId,
        symbol: leg.symbol,
        side: leg.side,
        quantity: leg.quantity,
        notionalCents: leg.notionalCents,
        at: at.toISOString(),
      });
    }
    // Shares that left other than through a strategy's order leave the strategies' books too.
    strategyPositions = withinAccountPosition(
      strategyPositions,
      leg.symbol,
      traded.positions[leg.symbol]?.quantity ?? 0,
    );
  }
  const reconciled =
    strategyPositions === traded.strategyPositions ? traded : { ...traded, strategyPositions };
  const protectedBy = exposureOrder.exitOrderId
    ? withExitsHolding(reconciled, exposureOrder, report.quantity, at)
    : reconciled;
  const released = releaseNow ? releaseOrder(protectedBy, exposureOrder.orderId, at) : null;
  return { account: released ?? protectedBy, entries: outcome.entries, result: true };
}

/**
 * A bracket entry's fill gives its exits the shares they will sell, in the same write as the fill:
 * the exits' hold grows with each entry fill (protecting exactly what was bought), and no other
 * sell can promise those shares meanwhile. Never new exposure: the exits only ever reduce.
 */
function withExitsHolding(account: Account, entry: Order, quantity: number, at: Date): Account {
  const exitId = entry.exitOrderId!;
  const current = account.openOrders[exitId];
  return {
    ...account,
    openOrders: {
      ...account.openOrders,
      [exitId]: current
        ? {
            ...current,
            quantity: current.quantity + quantity,
            reservedQuantity: current.reservedQuantity + quantity,
          }
        : {
            orderId: exitId,
            symbol: entry.symbol,
            side: entry.side === 'buy' ? 'sell' : 'buy',
            quantity,
            filledQuantity: 0,
            reservedCents: 0,
            reservedQuantity: quantity,
            fillIds: [],
            ...(entry.strategyId ? { strategyId: entry.strategyId } : {}),
            openedAt: at.toISOString(),
          },
    },
  };
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
