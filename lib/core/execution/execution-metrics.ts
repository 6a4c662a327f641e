import { OPTION_MULTIPLIER } from '../options/occ-symbol';
import type { Order } from '../orders/order';
import { implementationShortfall, type ShortfallBreakdown } from './shortfall';
import { slippageBps } from './slippage-band';

/** How well one order was executed. */
export interface OrderExecutionMetrics {
  /** Filled quantity / ordered quantity, 0–1. */
  fillRate: number;
  averageFillPrice: number | null;
  /** Implementation shortfall against the arrival price, basis points; positive is worse. Null before a fill. */
  slippageBps: number | null;
  commissionCents: number;
  childOrders: number;
  /** Seconds from acceptance to the last fill; null before a fill. */
  timeToFillSeconds: number | null;
  /** Implementation shortfall split into timing, spread, impact and fees; null before a fill. */
  shortfall: ShortfallBreakdown | null;
}

export function orderExecutionMetrics(order: Order): OrderExecutionMetrics {
  const lastFill = order.fills.at(-1);
  return {
    fillRate: order.quantity === 0 ? 0 : order.filledQuantity / order.quantity,
    averageFillPrice: order.averageFillPrice,
    slippageBps:
      order.averageFillPrice === null
        ? null
        : slippageBps(order.side, order.arrivalPrice, order.averageFillPrice),
    commissionCents: order.commissionCents,
    childOrders: order.childCount,
    timeToFillSeconds: lastFill ? (Date.parse(lastFill.at) - Date.parse(order.createdAt)) / 1000 : null,
    shortfall: implementationShortfall(order, order.fills),
  };
}

/** Orders' shortfall averaged, weighted by the filled value at arrival: what a desk reports per group. */
export interface ShortfallGroup {
  orders: number;
  averageBps: number | null;
  /** The parts, over the orders whose fills carried their quotes (the rest count in the total only). */
  timingBps: number | null;
  spreadBps: number | null;
  impactBps: number | null;
  feesBps: number | null;
  /** Decision to arrival, over the orders that gave a decision price (null when none did). */
  delayBps: number | null;
}

/** Order size against the symbol's average daily volume: the buckets a shortfall report groups by. */
export const SIZE_BUCKETS = [
  { label: '<0.01%', below: 0.0001 },
  { label: '0.01-0.1%', below: 0.001 },
  { label: '0.1-1%', below: 0.01 },
  { label: '1-10%', below: 0.1 },
  { label: '>=10%', below: Number.POSITIVE_INFINITY },
] as const;

class ShortfallAccumulator {
  private orders = 0;
  private weight = 0;
  private total = 0;
  private partsWeight = 0;
  private timing = 0;
  private spread = 0;
  private impact = 0;
  private fees = 0;
  private delayWeight = 0;
  private delay = 0;

  add(order: Order, shortfall: ShortfallBreakdown | null): void {
    this.orders++;
    if (!shortfall) return;
    const value = order.arrivalPrice * shortfall.filledQuantity * sharesPerUnit(order);
    this.weight += value;
    this.total += shortfall.totalBps * value;
    if (shortfall.delayBps !== null) {
      this.delayWeight += value;
      this.delay += shortfall.delayBps * value;
    }
    if (shortfall.timingBps !== null && shortfall.spreadBps !== null && shortfall.impactBps !== null) {
      this.partsWeight += value;
      this.timing += shortfall.timingBps * value;
      this.spread += shortfall.spreadBps * value;
      this.impact += shortfall.impactBps * value;
      this.fees += shortfall.feesBps * value;
    }
  }

  result(): ShortfallGroup {
    const parts = (sum: number) => (this.partsWeight === 0 ? null : sum / this.partsWeight);
    return {
      orders: this.orders,
      averageBps: this.weight === 0 ? null : this.total / this.weight,
      timingBps: parts(this.timing),
      spreadBps: parts(this.spread),
      impactBps: parts(this.impact),
      feesBps: parts(this.fees),
      delayBps: this.delayWeight === 0 ? null : this.delay / this.delayWeight,
    };
  }
}

/** Implementation shortfall over many orders: in all, by execution mode, by symbol and by size against daily volume. */
export interface ShortfallReport {
  all: ShortfallGroup;
  byExecution: Record<string, ShortfallGroup>;
  bySymbol: Record<string, ShortfallGroup>;
  bySize: Record<string, ShortfallGroup>;
}

class ShortfallReportBuilder {
  private readonly all = new ShortfallAccumulator();
  private readonly byExecution = new Map<string, ShortfallAccumulator>();
  private readonly bySymbol = new Map<string, ShortfallAccumulator>();
  private readonly bySize = new Map<string, ShortfallAccumulator>();

  /** One order, its shortfall, and its symbol's average daily volume where known (its size bucket). */
  add(order: Order, shortfall: ShortfallBreakdown | null, averageDailyVolume: number | undefined): void {
    this.all.add(order, shortfall);
    into(this.byExecution, order.execution).add(order, shortfall);
    into(this.bySymbol, order.symbol).add(order, shortfall);
    if (averageDailyVolume && averageDailyVolume > 0) {
      const share = order.quantity / averageDailyVolume;
      into(this.bySize, SIZE_BUCKETS.find((bucket) => share < bucket.below)!.label).add(order, shortfall);
    }
  }

  result(): ShortfallReport {
    const results = (map: Map<string, ShortfallAccumulator>) =>
      Object.fromEntries([...map].map(([key, accumulator]) => [key, accumulator.result()]));
    return {
      all: this.all.result(),
      byExecution: results(this.byExecution),
      bySymbol: results(this.bySymbol),
      bySize: results(this.bySize),
    };
  }
}

function into(map: Map<string, ShortfallAccumulator>, key: string): ShortfallAccumulator {
  let accumulator = map.get(key);
  if (!accumulator) map.set(key, (accumulator = new ShortfallAccumulator()));
  return accumulator;
}

/** Execution quality over many orders. Slippage is weighted by filled notional. */
export interface AggregateExecutionMetrics {
  orders: number;
  filledOrders: number;
  quantity: number;
  filledQuantity: number;
  fillRate: number;
  filledNotional: number;
  averageSlippageBps: number | null;
  commissionCents: number;
  averageTimeToFillSeconds: number | null;
  byExecution: Record<string, { orders: number; averageSlippageBps: number | null }>;
  shortfall: ShortfallReport;
}

/** `averageDailyVolume` says a symbol's daily volume where known: the shortfall's size buckets. */
export function aggregateExecutionMetrics(
  orders: readonly Order[],
  averageDailyVolume: (symbol: string) => number | undefined = () => undefined,
): AggregateExecutionMetrics {
  const shortfall = new ShortfallReportBuilder();
  let quantity = 0;
  let filledQuantity = 0;
  let filledNotional = 0;
  let weightedSlippage = 0;
  let commission = 0;
  let timeSum = 0;
  let timed = 0;
  const groups = new Map<string, { orders: number; notional: number; weighted: number }>();
  for (const order of orders) {
    const metrics = orderExecutionMetrics(order);
    quantity += order.quantity;
    filledQuantity += order.filledQuantity;
    commission += order.commissionCents;
    // A credit spread's net is negative: its value traded is the credit's size.
    const notional = Math.abs(order.averageFillPrice ?? 0) * order.filledQuantity * sharesPerUnit(order);
    filledNotional += notional;
    const group = groups.get(order.execution) ?? { orders: 0, notional: 0, weighted: 0 };
    group.orders++;
    if (metrics.slippageBps !== null) {
      weightedSlippage += metrics.slippageBps * notional;
      group.notional += notional;
      group.weighted += metrics.slippageBps * notional;
    }
    groups.set(order.execution, group);
    if (metrics.timeToFillSeconds !== null) {
      timeSum += metrics.timeToFillSeconds;
      timed++;
    }
    shortfall.add(order, metrics.shortfall, averageDailyVolume(order.symbol));
  }
  return {
    orders: orders.length,
    filledOrders: orders.filter((order) => order.status === 'filled').length,
    quantity,
    filledQuantity,
    fillRate: quantity === 0 ? 0 : filledQuantity / quantity,
    filledNotional,
    averageSlippageBps: filledNotional === 0 ? null : weightedSlippage / filledNotional,
    commissionCents: commission,
    averageTimeToFillSeconds: timed === 0 ? null : timeSum / timed,
    byExecution: Object.fromEntries(
      [...groups].map(([mode, group]) => [
        mode,
        {
          orders: group.orders,
          averageSlippageBps: group.notional === 0 ? null : group.weighted / group.notional,
        },
      ]),
    ),
    shortfall: shortfall.result(),
  };
}

/** Shares one unit of the order stands for: 100 for an option order (a contract, or a spread unit). */
function sharesPerUnit(order: Pick<Order, 'legs'>): number {
  return order.legs ? OPTION_MULTIPLIER : 1;
}
