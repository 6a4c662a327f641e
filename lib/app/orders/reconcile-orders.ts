import type { Order } from '../../core/orders/order';
import { isTerminal, transition } from '../../core/orders/order-lifecycle';
import { cancelOrder } from './cancel-order';
import { finalizeIfDone } from './finalize-order';
import { updateOrder } from './retrying';
import type { OrderDependencies } from './order-dependencies';

/** Orders younger than this are left alone: their reports are most likely still on their way. */
export const RECONCILE_AFTER_MS = 30_000;

/**
 * Reconciles open orders with the broker: for every order still holding a reservation after
 * RECONCILE_AFTER_MS, ask the broker to send its reports again (for a TWAP or iceberg parent,
 * those of its working children, and make sure its workflow is running). Applying a report twice changes nothing, so this only ever
 * repairs: a report lost between the venue's write and its send, or a message the queue dropped.
 * `olderThanMs` 0 asks about every open order and `repairUnreserved` ends orders a crash left
 * unreserved (both at start-up). Returns how many venue orders it asked about.
 */
export async function reconcileOpenOrders(
  deps: OrderDependencies,
  options: {
    olderThanMs?: number;
    repairUnreserved?: boolean;
    /**
     * Nothing can be mid-placement (a host starting before it takes requests): an order that
     * never reached the venue was interrupted, whatever its age. Never set where other
     * processes may be placing orders (a Lambda cold start).
     */
    noneInFlight?: boolean;
  } = {},
): Promise<number> {
  const pass: Pass = {
    now: deps.clock.now().getTime(),
    olderThanMs: options.olderThanMs ?? RECONCILE_AFTER_MS,
    interruptedAfterMs: options.noneInFlight ? 0 : UNRESERVED_AFTER_MS,
  };
  let asked = 0;
  for (const accountId of await deps.accounts.listAccountIds()) {
    const account = await deps.accounts.get(accountId);
    for (const exposure of Object.values(account?.openOrders ?? {})) {
      if (pass.now - Date.parse(exposure.openedAt) < pass.olderThanMs) continue;
      const order = await deps.orders.get(accountId, exposure.orderId);
      if (!order) continue;
      asked +=
        order.execution === 'immediate'
          ? await reconcileImmediate(deps, pass, order, exposure.openedAt)
          : await reconcileParent(deps, pass, order);
    }
    // Finding orders that hold nothing reads the account's new and working orders, so it is
    // done at start-up (`repairUnreserved`), not on every periodic pass.
    if (options.repairUnreserved) await repairUnreserved(deps, pass, accountId, account?.openOrders ?? {});
  }
  return asked;
}

/** One reconciling pass: its time and the ages it acts on. */
interface Pass {
  now: number;
  olderThanMs: number;
  interruptedAfterMs: number;
}

/**
 * An open immediate order: reserved but never sent (the host stopped in between) it ends — sent
 * now, minutes late, it is not what the trader asked for — and its reservation is released;
 * otherwise the venue is asked for its reports again. Returns how many venue orders it asked about.
 */
async function reconcileImmediate(
  deps: OrderDependencies,
  pass: Pass,
  order: Order,
  openedAt: string,
): Promise<number> {
  const unsent =
    order.status === 'new' &&
    pass.now - Date.parse(openedAt) >= pass.interruptedAfterMs &&
    !(await deps.broker.knows(order.accountId, order.clientOrderId));
  if (unsent) {
    await endUnsent(deps, order, 'canceled', 'interrupted before it reached the venue; nothing was sent');
    return 0;
  }
  await deps.broker.resend(order.accountId, order.clientOrderId);
  return 1;
}

/**
 * A working TWAP or iceberg parent: a run a restart lost (local executions live in memory)
 * resumes — its steps skip work already done; a run that ended with the parent unfinished died
 * where nothing could catch it (its history full, a timeout), so the parent is canceled, its
 * working slices with it, and its reservation never stays held. Then its slices are reconciled.
 */
async function reconcileParent(deps: OrderDependencies, pass: Pass, order: Order): Promise<number> {
  if (!isTerminal(order.status) && order.status !== 'pending_cancel' && !order.workComplete) {
    const run = await deps.workflows.status(order);
    if (run === 'absent') await deps.workflows.start(order);
    else if (run === 'ended') {
      await cancelOrder(deps, order.accountId, order.orderId);
      return 0;
    }
  }
  let asked = 0;
  for (const child of await deps.orders.children(order.accountId, order.orderId)) {
    if (isTerminal(child.status)) continue;
    // A slice created or claimed but never sent (the host stopped in between): it ends, so its
    // parent can finish; the restarted workflow does not send it minutes late.
    const interrupted =
      notSentYet(child) &&
      pass.now - Date.parse(child.createdAt) >= pass.interruptedAfterMs &&
      !(await deps.broker.knows(order.accountId, child.clientOrderId));
    if (interrupted) {
      await endUnsent(
        deps,
        child,
        'canceled',
        'slice interrupted before it reached the venue; nothing was sent',
      );
      continue;
    }
    if (child.status === 'new') continue;
    await deps.broker.resend(order.accountId, child.clientOrderId);
    asked++;
  }
  return asked;
}

/**
 * Orders written but never reserved (the host stopped between the two writes) hold nothing and
 * were never sent: they end as rejected, so a replay of their client id says so. TWAP and iceberg
 * parents that hold nothing any more (completely filled) but whose workflow died before its last
 * step end now.
 */
async function repairUnreserved(
  deps: OrderDependencies,
  pass: Pass,
  accountId: string,
  openOrders: Readonly<Record<string, unknown>>,
): Promise<void> {
  const { orders: fresh } = await deps.orders.list(accountId, { status: 'new' }, { limit: 100 });
  for (const listed of fresh) {
    if (openOrders[listed.orderId]) continue;
    if (pass.now - Date.parse(listed.createdAt) < pass.interruptedAfterMs) continue;
    const order = await stored(deps, listed);
    if (order)
      await endUnsent(deps, order, 'rejected', 'interrupted before its reservation; nothing was sent');
  }
  for (const status of ['accepted', 'partially_filled'] as const) {
    const { orders: working } = await deps.orders.list(accountId, { status }, { limit: 100 });
    for (const listed of working) {
      if (listed.parentId || listed.execution === 'immediate' || openOrders[listed.orderId]) continue;
      const order = await stored(deps, listed);
      if (order) await finalizeIfDone(deps, order);
    }
  }
}

/**
 * The order as stored, for one found through the status index. An index may show what its table
 * does not hold: DynamoDB's lags the table, and the local host's (dynalite) is written before the
 * item, so a crash between the two leaves an index entry for an order that was never stored.
 * Such an order was never placed: there is nothing to end, and a restart must not stop on it.
 */
async function stored(deps: OrderDependencies, listed: Order): Promise<Order | null> {
  return deps.orders.get(listed.accountId, listed.orderId);
}

/** A new order this old without a reservation, or reserved but unknown to the venue, was interrupted (placement takes well under a second). */
export const UNRESERVED_AFTER_MS = 60_000;

async function endUnsent(
  deps: OrderDependencies,
  order: Order,
  outcome: 'canceled' | 'rejected',
  reason: string,
): Promise<void> {
  const ended = await updateOrder(deps.orders, order.accountId, order.orderId, (current) =>
    notSentYet(current) ? transition(current, outcome, reason, deps.clock.now()) : null,
  );
  await finalizeIfDone(deps, ended);
}

/** New, or `accepted` with nothing filled: claimed for sending, perhaps never sent (a TWAP or iceberg slice). */
function notSentYet(order: Order): boolean {
  return order.status === 'new' || (order.status === 'accepted' && order.filledQuantity === 0);
}
