import { DomainError } from '../../core/errors';
import { isOptionSymbol } from '../../core/options/occ-symbol';
import type { Order } from '../../core/orders/order';
import { isTerminal } from '../../core/orders/order-lifecycle';
import type { OrderDependencies } from './order-dependencies';
import { placeClosingOrder } from './closing-order';

export interface ClosePositionResult {
  order: Order;
  /** P&L the closing fills realised, in cents; null if the order had not ended when the answer was due. */
  realizedPnlCents: number | null;
  /** Shares still held after the close (signed). */
  remainingQuantity: number;
}

/** How long the close waits for its order's outcome before answering with the order as it is. */
const WAIT_FOR_OUTCOME_MS = 5_000;
const POLL_MS = 50;

/**
 * Closes a position by hand (all of it, or `quantity` shares): a market order the other way,
 * through validation and the risk engine like any order, sent at once. It waits briefly for the
 * outcome so the answer can carry the realised P&L (from the ledger's trade entries).
 */
export async function closePosition(
  deps: OrderDependencies,
  accountId: string,
  request: { symbol: string; quantity?: number; clientOrderId?: string },
): Promise<ClosePositionResult> {
  const account = await deps.accounts.get(accountId);
  const held = account?.positions[request.symbol]?.quantity ?? 0;
  if (held === 0) {
    throw new DomainError('NO_POSITION', `No open position in ${request.symbol}`, 'not_found', [
      { field: 'symbol', problem: 'has no open position', in: 'path' },
    ]);
  }
  const quantity = request.quantity ?? Math.abs(held);
  if (quantity > Math.abs(held)) {
    throw new DomainError(
      'QUANTITY_EXCEEDS_POSITION',
      `Only ${Math.abs(held)} ${isOptionSymbol(request.symbol) ? 'contracts' : 'shares'} are held`,
      'unprocessable',
      [{ field: 'quantity', problem: `must be at most the ${Math.abs(held)} held`, in: 'body' }],
    );
  }
  const ledgerBefore = account!.ledgerSequence;
  const { order } = await placeClosingOrder(
    deps,
    accountId,
    { symbol: request.symbol, held, quantity },
    request.clientOrderId ? { clientOrderId: request.clientOrderId } : {},
  );
  const ended = await waitForEnd(deps, order);
  const after = await deps.accounts.get(accountId);
  const realized = isTerminal(ended.status)
    ? (await deps.accounts.listLedger(accountId, { afterSequence: ledgerBefore }))
        .filter((entry) => entry.trade?.orderId === ended.orderId)
        .reduce((sum, entry) => sum + (entry.trade?.realizedPnlCents ?? 0), 0)
    : null;
  return {
    order: ended,
    realizedPnlCents: realized,
    remainingQuantity: after?.positions[request.symbol]?.quantity ?? 0,
  };
}

async function waitForEnd(deps: OrderDependencies, order: Order): Promise<Order> {
  const deadline = Date.now() + WAIT_FOR_OUTCOME_MS;
  let current = order;
  while (!isTerminal(current.status) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = (await deps.orders.get(order.accountId, order.orderId)) ?? current;
  }
  return current;
}
