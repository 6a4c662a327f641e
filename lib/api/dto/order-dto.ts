import {
  aggregateExecutionMetrics,
  orderExecutionMetrics,
  type ShortfallGroup,
} from '../../core/execution/execution-metrics';
import { toDollars, toPriceTick } from '../../core/money';
import type { Order } from '../../core/orders/order';
import type * as z from '../zod';
import type { AggregateMetricsResponse, OrderResponse, OrderSummaryResponse } from '../schemas/orders';

export function toOrderSummaryDto(order: Order): z.infer<typeof OrderSummaryResponse> {
  const metrics = orderExecutionMetrics(order);
  return {
    id: order.orderId,
    client_order_id: order.clientOrderId,
    parent_id: order.parentId ?? null,
    symbol: order.symbol,
    side: order.side,
    quantity: order.quantity,
    order_type: order.orderType,
    limit_price: order.limitPrice ?? null,
    stop_price: order.stopPrice ?? null,
    trail_price: order.trail && 'price' in order.trail ? order.trail.price : null,
    trail_percent: order.trail && 'percent' in order.trail ? order.trail.percent : null,
    hwm: order.trailMark ?? null,
    triggered_at: order.triggeredAt ?? null,
    take_profit: order.takeProfit ? { limit_price: order.takeProfit.limitPrice } : null,
    stop_loss: order.stopLoss
      ? { stop_price: order.stopLoss.stopPrice, limit_price: order.stopLoss.limitPrice ?? null }
      : null,
    exit_order_id: order.exitOrderId ?? null,
    entry_order_id: order.entryOrderId ?? null,
    exit_leg: order.exitLeg ?? null,
    order_class: order.orderClass ?? 'simple',
    asset_class: order.legs ? 'us_option' : 'us_equity',
    legs: order.orderClass === 'mleg' && order.legs ? legsDto(order) : null,
    time_in_force: order.timeInForce,
    execution: order.execution,
    twap: order.twap ? { duration_seconds: order.twap.durationSeconds, slices: order.twap.slices } : null,
    iceberg: order.iceberg ? { display_quantity: order.iceberg.displayQuantity } : null,
    max_slippage_bps: order.maxSlippageBps,
    arrival_price: order.arrivalPrice,
    decision_price: order.decisionPrice ?? null,
    protection_price: order.protectionPrice,
    cost_estimates: (order.costEstimates ?? []).map((estimate) => ({
      mode: estimate.mode,
      children: estimate.children,
      duration_seconds: estimate.durationSeconds,
      participation:
        estimate.participation === undefined || estimate.participation === null
          ? null
          : round(estimate.participation, 6),
      spread_bps: round(estimate.spreadBps, 4),
      impact_bps: round(estimate.impactBps, 4),
      fees_bps: round(estimate.feesBps, 4),
      expected_bps: round(estimate.expectedBps, 4),
      timing_risk_bps: round(estimate.timingRiskBps, 4),
    })),
    strategy_id: order.strategyId ?? null,
    status: order.status,
    filled_quantity: order.filledQuantity,
    filled_avg_price: order.averageFillPrice === null ? null : toPriceTick(order.averageFillPrice),
    commission: toDollars(order.commissionCents),
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    status_history: order.history,
    rejection: order.rejection ? { code: order.rejection.code, message: order.rejection.message } : null,
    fills: order.fills.map((fill) => ({
      fill_id: fill.fillId,
      order_id: fill.venueOrderId,
      quantity: fill.quantity,
      price: toPriceTick(fill.price),
      commission: toDollars(fill.commissionCents),
      at: fill.at,
      legs: fill.legs
        ? fill.legs.map((leg) => ({
            symbol: leg.symbol,
            side: leg.side,
            quantity: leg.quantity,
            price: toPriceTick(leg.price),
          }))
        : null,
    })),
    metrics: {
      fill_rate: metrics.fillRate,
      filled_avg_price: metrics.averageFillPrice === null ? null : toPriceTick(metrics.averageFillPrice),
      slippage_bps: metrics.slippageBps === null ? null : round(metrics.slippageBps, 4),
      commission: toDollars(metrics.commissionCents),
      child_orders: metrics.childOrders,
      time_to_fill_seconds: metrics.timeToFillSeconds,
      shortfall: metrics.shortfall
        ? {
            total_bps: round(metrics.shortfall.totalBps, 4),
            timing_bps: roundOrNull(metrics.shortfall.timingBps),
            spread_bps: roundOrNull(metrics.shortfall.spreadBps),
            impact_bps: roundOrNull(metrics.shortfall.impactBps),
            fees_bps: round(metrics.shortfall.feesBps, 4),
            delay_bps: roundOrNull(metrics.shortfall.delayBps),
          }
        : null,
    },
  };
}

/** A multi-leg order's legs, each with the contracts its fills traded and their average price. */
function legsDto(order: Order) {
  return order.legs!.map((leg) => {
    let quantity = 0;
    let notional = 0;
    for (const fill of order.fills) {
      for (const traded of fill.legs ?? []) {
        if (traded.symbol !== leg.symbol) continue;
        quantity += traded.quantity;
        notional += traded.quantity * traded.price;
      }
    }
    return {
      symbol: leg.symbol,
      side: leg.side,
      ratio: leg.ratio,
      position_intent: leg.positionIntent,
      filled_quantity: quantity,
      filled_avg_price: quantity === 0 ? null : toPriceTick(notional / quantity),
    };
  });
}

export function toOrderDto(order: Order, children: readonly Order[]): z.infer<typeof OrderResponse> {
  return { ...toOrderSummaryDto(order), children: children.map(toOrderSummaryDto) };
}

export function toAggregateMetricsDto(
  orders: readonly Order[],
  averageDailyVolume: (symbol: string) => number | undefined = () => undefined,
): z.infer<typeof AggregateMetricsResponse> {
  const metrics = aggregateExecutionMetrics(orders, averageDailyVolume);
  const { shortfall } = metrics;
  const groups = (byKey: Record<string, ShortfallGroup>) =>
    Object.fromEntries(Object.entries(byKey).map(([key, group]) => [key, shortfallGroupDto(group)]));
  return {
    orders: metrics.orders,
    filled_orders: metrics.filledOrders,
    quantity: metrics.quantity,
    filled_quantity: metrics.filledQuantity,
    fill_rate: metrics.fillRate,
    filled_notional: round(metrics.filledNotional, 2),
    average_slippage_bps: metrics.averageSlippageBps === null ? null : round(metrics.averageSlippageBps, 4),
    commission: toDollars(metrics.commissionCents),
    average_time_to_fill_seconds: metrics.averageTimeToFillSeconds,
    by_execution: Object.fromEntries(
      Object.entries(metrics.byExecution).map(([mode, group]) => [
        mode,
        {
          orders: group.orders,
          average_slippage_bps: group.averageSlippageBps === null ? null : round(group.averageSlippageBps, 4),
        },
      ]),
    ),
    shortfall: {
      all: shortfallGroupDto(shortfall.all),
      by_execution: groups(shortfall.byExecution),
      by_symbol: groups(shortfall.bySymbol),
      by_size: groups(shortfall.bySize),
    },
  };
}

function shortfallGroupDto(group: ShortfallGroup) {
  return {
    orders: group.orders,
    average_bps: roundOrNull(group.averageBps),
    timing_bps: roundOrNull(group.timingBps),
    spread_bps: roundOrNull(group.spreadBps),
    impact_bps: roundOrNull(group.impactBps),
    fees_bps: roundOrNull(group.feesBps),
    delay_bps: roundOrNull(group.delayBps),
  };
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value, 4);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
