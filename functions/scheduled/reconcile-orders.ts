import { reconcileOpenOrders } from '../../lib/app/orders/reconcile-orders';
import { orderDependencies } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

/** Reconciles open orders with the broker (re-sent reports are applied idempotently). */
export const handler = taskHandler(async () => ({
  asked: await reconcileOpenOrders(orderDependencies()),
}));
