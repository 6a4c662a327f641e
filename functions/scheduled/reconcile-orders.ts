import { reconcileOpenOrders } from '../../lib/app/orders/reconcile-orders';
import { orderDependencies } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

/**
 * Reconciles open orders with the broker (re-sent reports are applied idempotently). Scheduled:
 * orders open for over 30 s. `{ startup: true }` (a host starting on kept data, before it takes
 * requests): every open order, and orders a crash interrupted are ended at once.
 */
export const handler = taskHandler(async (event: { startup?: boolean } | undefined) => ({
  asked: await reconcileOpenOrders(
    orderDependencies(),
    event?.startup ? { olderThanMs: 0, repairUnreserved: true, noneInFlight: true } : {},
  ),
}));
