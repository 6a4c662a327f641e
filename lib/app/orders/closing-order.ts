import { isOptionSymbol, parseOccSymbol } from '../../core/options/occ-symbol';
import { commonUnits } from '../../core/options/option-order';
import { placeOptionOrder } from '../options/place-option-order';
import type { OrderDependencies } from './order-dependencies';
import { type PlaceOrderResult, placeOrder } from './place-order';

/** Most legs one option order carries (Alpaca's mleg limit). */
const MAX_LEGS = 4;

/**
 * A market order that closes `quantity` of a position: shares the other way, or an option
 * contract bought or sold to close. `bypassHalt`: emergency flattening, the one order a halt lets through.
 */
export function placeClosingOrder(
  deps: OrderDependencies,
  accountId: string,
  position: { symbol: string; held: number; quantity: number },
  options: { clientOrderId?: string; bypassHalt?: boolean } = {},
): Promise<PlaceOrderResult> {
  const side = position.held > 0 ? ('sell' as const) : ('buy' as const);
  const named = options.clientOrderId ? { clientOrderId: options.clientOrderId } : {};
  const halt = options.bypassHalt ? { bypassHalt: true } : {};
  if (isOptionSymbol(position.symbol)) {
    return placeOptionOrder(deps, accountId, {
      orderClass: 'simple',
      legs: [
        {
          symbol: position.symbol,
          side,
          ratio: 1,
          positionIntent: side === 'sell' ? 'sell_to_close' : 'buy_to_close',
        },
      ],
      quantity: position.quantity,
      orderType: 'market',
      ...named,
      ...halt,
    });
  }
  return placeOrder(deps, accountId, {
    symbol: position.symbol,
    side,
    quantity: position.quantity,
    orderType: 'market',
    timeInForce: 'day',
    execution: 'immediate',
    ...named,
    ...halt,
  });
}

/**
 * The orders that close these option positions, each underlying's legs together
 * (closing a spread's long wing alone would leave its short leg uncovered): one multi-leg order
 * per underlying and expiration, at most four legs, units the legs' common divisor. What each
 * order closes is listed with it.
 */
export function optionClosingGroups(
  positions: Iterable<{ symbol: string; quantity: number }>,
): { symbols: string[]; legs: ClosingLeg[]; units: number }[] {
  const groups = new Map<string, ClosingLeg[]>();
  for (const position of positions) {
    const contract = parseOccSymbol(position.symbol);
    if (!contract || position.quantity === 0) continue;
    const key = `${contract.underlying} ${contract.expiry}`;
    const legs = groups.get(key) ?? [];
    legs.push({ symbol: position.symbol, held: position.quantity });
    groups.set(key, legs);
  }
  const orders: { symbols: string[]; legs: ClosingLeg[]; units: number }[] = [];
  for (const legs of groups.values()) {
    // Short legs first, so a group split over several orders closes its risk before its cover.
    legs.sort((a, b) => a.held - b.held || (a.symbol < b.symbol ? -1 : 1));
    for (let i = 0; i < legs.length; i += MAX_LEGS) {
      const chunk = legs.slice(i, i + MAX_LEGS);
      const units = commonUnits(chunk.map((leg) => leg.held));
      orders.push({ symbols: chunk.map((leg) => leg.symbol), legs: chunk, units });
    }
  }
  return orders;
}

export interface ClosingLeg {
  symbol: string;
  held: number;
}

/** Sends one group's closing order (a single contract, or the spread as one order). */
export function placeOptionClosingOrder(
  deps: OrderDependencies,
  accountId: string,
  group: { legs: readonly ClosingLeg[]; units: number },
  options: { clientOrderId: string; bypassHalt?: boolean; strategyId?: string },
): Promise<PlaceOrderResult> {
  return placeOptionOrder(deps, accountId, {
    ...(options.strategyId ? { strategyId: options.strategyId } : {}),
    orderClass: group.legs.length > 1 ? 'mleg' : 'simple',
    legs: group.legs.map((leg) => ({
      symbol: leg.symbol,
      side: leg.held > 0 ? ('sell' as const) : ('buy' as const),
      ratio: Math.abs(leg.held) / group.units,
      positionIntent: leg.held > 0 ? ('sell_to_close' as const) : ('buy_to_close' as const),
    })),
    quantity: group.units,
    orderType: 'market',
    clientOrderId: options.clientOrderId,
    ...(options.bypassHalt ? { bypassHalt: true } : {}),
  });
}
