import { apiFunction } from '../../lib/api/api-function';
import { toAggregateMetricsDto, toOrderDto, toOrderSummaryDto } from '../../lib/api/dto/order-dto';
import { created, ok } from '../../lib/api/responses';
import { cancelOrder } from '../../lib/app/orders/cancel-order';
import { listAllOrders } from '../../lib/app/orders/list-orders';
import { placeOrder } from '../../lib/app/orders/place-order';
import { type PlaceOptionOrderRequest, placeOptionOrder } from '../../lib/app/options/place-option-order';
import { isOptionSymbol } from '../../lib/core/options/occ-symbol';
import type { PlaceOrderBody } from '../../lib/api/schemas/orders';
import type * as z from '../../lib/api/zod';
import { NotFoundError } from '../../lib/core/errors';
import { orderDependencies } from '../shared/trading-dependencies';

export const handler = apiFunction<'orders'>({
  'POST /api/orders': async ({ principal, body }) => {
    const deps = orderDependencies();
    const option = optionOrderOf(body);
    const { order, replayed } = option
      ? await placeOptionOrder(deps, principal.accountId, option)
      : await placeOrder(deps, principal.accountId, {
          symbol: body.symbol!,
          side: body.side!,
          quantity: body.quantity,
          orderType: body.order_type,
          ...(body.price === undefined ? {} : { limitPrice: body.price }),
          timeInForce: body.time_in_force,
          execution: body.execution,
          ...(body.twap
            ? {
                twap: {
                  ...(body.twap.duration_seconds === undefined
                    ? {}
                    : { durationSeconds: body.twap.duration_seconds }),
                  ...(body.twap.slices === undefined ? {} : { slices: body.twap.slices }),
                },
              }
            : {}),
          ...(body.iceberg ? { iceberg: { displayQuantity: body.iceberg.display_quantity } } : {}),
          ...(body.max_slippage_bps === undefined ? {} : { maxSlippageBps: body.max_slippage_bps }),
          ...(body.decision_price === undefined ? {} : { decisionPrice: body.decision_price }),
          ...(body.client_order_id === undefined ? {} : { clientOrderId: body.client_order_id }),
          ...(body.strategy_id === undefined ? {} : { strategyId: body.strategy_id }),
          ...triggersOf(body),
        });
    // A new order worked immediately has no children; a parent's first slice may already exist.
    const children =
      order.execution === 'immediate' ? [] : await deps.orders.children(principal.accountId, order.orderId);
    const dto = toOrderDto(order, children);
    return replayed ? ok(dto, { 'idempotent-replay': 'true' }) : created(dto);
  },
  'GET /api/orders': async ({ principal, query }) => {
    const { orders } = orderDependencies();
    const page = await orders.list(
      principal.accountId,
      {
        ...(query.status ? { status: query.status } : {}),
        ...(query.symbol ? { symbol: query.symbol } : {}),
        ...(query.strategy_id ? { strategyId: query.strategy_id } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
      },
      { limit: query.limit ?? 50, ...(query.cursor ? { cursor: query.cursor } : {}) },
    );
    return ok({ orders: page.orders.map(toOrderSummaryDto), next_cursor: page.nextCursor });
  },
  'GET /api/orders/metrics': async ({ principal, query }) => {
    const { orders, instruments } = orderDependencies();
    const all = await listAllOrders(orders, principal.accountId, {
      ...(query.symbol ? { symbol: query.symbol } : {}),
      ...(query.strategy_id ? { strategyId: query.strategy_id } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    });
    // Each symbol's average daily volume, where the instruments know it: the size buckets.
    const volumes = new Map<string, number>();
    for (const symbol of new Set(all.map((order) => order.symbol))) {
      const volume = (await instruments.get(symbol))?.liquidity?.averageDailyVolume;
      if (volume) volumes.set(symbol, volume);
    }
    return ok(toAggregateMetricsDto(all, (symbol) => volumes.get(symbol)));
  },
  'GET /api/orders/{id}': async ({ principal, params }) => {
    const { orders } = orderDependencies();
    const order = await orders.get(principal.accountId, params.id);
    if (!order) throw new NotFoundError(`order ${params.id}`);
    return ok(toOrderDto(order, await orders.children(principal.accountId, order.orderId)));
  },
  'DELETE /api/orders/{id}': async ({ principal, params }) => {
    const deps = orderDependencies();
    const order = await cancelOrder(deps, principal.accountId, params.id);
    return ok(toOrderDto(order, await deps.orders.children(principal.accountId, order.orderId)));
  },
});

/** The request as an option order (a contract, or `legs`), or null for shares. */
function optionOrderOf(body: z.infer<typeof PlaceOrderBody>): PlaceOptionOrderRequest | null {
  const legs =
    body.legs?.map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      ratio: leg.ratio,
      ...(leg.position_intent ? { positionIntent: leg.position_intent } : {}),
    })) ??
    (body.symbol !== undefined && isOptionSymbol(body.symbol)
      ? [
          {
            symbol: body.symbol,
            side: body.side!,
            ratio: 1,
            ...(body.position_intent ? { positionIntent: body.position_intent } : {}),
          },
        ]
      : null);
  if (!legs) return null;
  return {
    orderClass: body.legs ? 'mleg' : 'simple',
    legs,
    quantity: body.quantity,
    orderType: body.order_type === 'limit' ? 'limit' : 'market', // the schema allows options nothing else
    ...(body.price === undefined ? {} : { limitPrice: body.price }),
    ...(body.client_order_id === undefined ? {} : { clientOrderId: body.client_order_id }),
    ...(body.strategy_id === undefined ? {} : { strategyId: body.strategy_id }),
    ...(body.decision_price === undefined ? {} : { decisionPrice: body.decision_price }),
  };
}

/** Stops, trails and exits, as the order use case takes them. */
function triggersOf(body: z.infer<typeof PlaceOrderBody>) {
  return {
    ...(body.stop_price === undefined ? {} : { stopPrice: body.stop_price }),
    ...(body.trail_price !== undefined
      ? { trail: { price: body.trail_price } }
      : body.trail_percent !== undefined
        ? { trail: { percent: body.trail_percent } }
        : {}),
    ...(body.order_class && body.order_class !== 'mleg' ? { orderClass: body.order_class } : {}),
    ...(body.take_profit ? { takeProfit: { limitPrice: body.take_profit.limit_price } } : {}),
    ...(body.stop_loss
      ? {
          stopLoss: {
            stopPrice: body.stop_loss.stop_price,
            ...(body.stop_loss.limit_price === undefined ? {} : { limitPrice: body.stop_loss.limit_price }),
          },
        }
      : {}),
  };
}
