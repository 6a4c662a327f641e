import { newOrder, type Order } from '../../lib/core/orders/order';

/** A new immediate market buy of 10 shares, as placeOrder would have written it (adapter tests). */
export function sampleOrder(
  accountId: string,
  orderId: string,
  options: { symbol?: string; strategyId?: string; at?: Date } = {},
): Order {
  return newOrder(
    {
      orderId,
      accountId,
      clientOrderId: orderId,
      symbol: options.symbol ?? 'AAPL',
      side: 'buy',
      quantity: 10,
      orderType: 'market',
      timeInForce: 'day',
      execution: 'immediate',
      maxSlippageBps: 50,
      arrivalPrice: 100,
      protectionPrice: 100.5,
      requestHash: 'h',
      ...(options.strategyId ? { strategyId: options.strategyId } : {}),
    },
    options.at ?? new Date('2026-03-02T15:00:00Z'),
    'received',
  );
}
