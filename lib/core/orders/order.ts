import type { ModeEstimate } from '../execution/cost-estimate';
import type { FieldProblem } from '../errors';
import type { Cents } from '../money';
import type { PositionIntent } from '../options/option-order';

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';

/** How far a trailing stop trails the best price since it was placed: dollars, or a percent of it. */
export type Trail = { price: number } | { percent: number };

/** A bracket's or an OCO's stop-loss: a stop, or a stop-limit when `limitPrice` is set. */
export interface StopLoss {
  stopPrice: number;
  limitPrice?: number;
}
export type TimeInForce = 'day' | 'gtc' | 'ioc' | 'fok';
/** How a parent order is worked. `auto` is resolved to one of the others when the order is accepted. */
export type ExecutionMode = 'immediate' | 'twap' | 'iceberg';

/** Alpaca's order statuses (the subset Stratus uses). */
export type OrderStatus =
  'new' | 'accepted' | 'partially_filled' | 'filled' | 'canceled' | 'rejected' | 'expired' | 'pending_cancel';

export interface StatusChange {
  status: OrderStatus;
  at: string;
  reason: string;
}

/** One leg of an option order: `ratio` contracts of `symbol` per unit of the order. */
export interface OrderLeg {
  symbol: string;
  side: Side;
  ratio: number;
  positionIntent: PositionIntent;
}

/** What one leg of an option order traded in one fill: contracts at a per-share price. */
export interface LegExecution {
  symbol: string;
  side: Side;
  quantity: number;
  price: number;
}

export interface Fill {
  fillId: string;
  /** The order the venue filled: the order itself, or a child slice of it. */
  venueOrderId: string;
  quantity: number;
  price: number;
  commissionCents: Cents;
  at: string;
  /** The quote the execution met, when the venue reported it. */
  bid?: number;
  ask?: number;
  /** Option orders: each leg's contracts and price (`price` above is then the net per share, a debit positive). */
  legs?: LegExecution[];
}

/**
 * An order as the trader placed it and as it stands. A TWAP or iceberg parent is worked
 * through child orders (`parentId` set on them); the parent's fills are its children's.
 */
export interface Order {
  orderId: string;
  accountId: string;
  clientOrderId: string;
  parentId?: string;
  /** 1, 2, 3… for a child slice; absent on parents and simple orders. */
  childIndex?: number;
  /** A ticker, an OCC option symbol, or for a multi-leg order its underlying. */
  symbol: string;
  /** A multi-leg order's side is `buy` for a net debit limit and `sell` for a credit. */
  side: Side;
  /** Shares; contracts for an option; units of the spread for a multi-leg order. */
  quantity: number;
  orderType: OrderType;
  /** The trader's limit price (limit orders); a multi-leg order's net per share, a debit positive and a credit negative. */
  limitPrice?: number;
  /**
   * `mleg`: a multi-leg option order. `bracket`: an entry whose exits (take-profit and stop-loss,
   * one cancels the other) work once it fills, for what it filled; `oto`: an entry with one exit;
   * `oco`: a pair of exits for a position held (a bracket's exits are one `oco` order too).
   */
  orderClass?: 'simple' | 'mleg' | 'bracket' | 'oto' | 'oco';
  /** Stop and stop-limit orders: the trigger; a trailing stop's current stop. */
  stopPrice?: number;
  /** Trailing stops: the trail, and the best price since placement (the high-water mark of a sell). */
  trail?: Trail;
  trailMark?: number;
  /** When the stop triggered (it then works as a market or limit order). */
  triggeredAt?: string;
  /** Exits: the take-profit limit (an `oco`'s limit is this) and the stop-loss. */
  takeProfit?: { limitPrice: number };
  stopLoss?: StopLoss;
  /** A bracket or oto entry: its exits' order; an exit: the entry it protects. */
  exitOrderId?: string;
  entryOrderId?: string;
  /** The venue's amendments applied so far (their sequence): each is applied once. */
  amendedThrough?: number;
  /** An `oco` order: the exit that fired (the other is canceled with it). */
  exitLeg?: 'take_profit' | 'stop_loss';
  /** Every option order's legs (a single contract is one leg of ratio 1): what the venue fills all or none. */
  legs?: OrderLeg[];
  timeInForce: TimeInForce;
  execution: ExecutionMode;
  twap?: { durationSeconds: number; slices: number };
  iceberg?: { displayQuantity: number };
  maxSlippageBps: number;
  /** Mid price when the order was accepted: the benchmark for slippage (arrival price). */
  arrivalPrice: number;
  /** The price the order was decided at (a strategy's signal price), when given: the benchmark of the delay cost. */
  decisionPrice?: number;
  /** The worst price any fill may have: the trader's limit, tightened by the slippage band. */
  protectionPrice: number;
  /** What each way of working it was expected to cost when it was placed (routing by cost); absent when not estimated. */
  costEstimates?: ModeEstimate[];
  strategyId?: string;
  status: OrderStatus;
  filledQuantity: number;
  /** Volume-weighted average fill price; null before the first fill. */
  averageFillPrice: number | null;
  commissionCents: Cents;
  fills: Fill[];
  childCount: number;
  /** Parents only: the workflow has sent its last slice or clip; the order ends when its children do. */
  workComplete?: boolean;
  history: StatusChange[];
  /** Why a `rejected` order was refused: a replay of its client order id is refused the same way. */
  rejection?: Rejection;
  /** Hash of the request that created it, to tell a replay from a reuse of the client id. */
  requestHash: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Rejection {
  code: string;
  message: string;
  details?: readonly FieldProblem[];
}

export function remainingQuantity(order: Pick<Order, 'quantity' | 'filledQuantity'>): number {
  return order.quantity - order.filledQuantity;
}

/** What a caller decides about a new order; the lifecycle fields are `newOrder`'s to set. */
export type OrderIntent = Omit<
  Order,
  | 'status'
  | 'filledQuantity'
  | 'averageFillPrice'
  | 'commissionCents'
  | 'fills'
  | 'childCount'
  | 'history'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'workComplete'
  | 'rejection'
>;

/** A new order as every order starts: `new`, nothing filled, one history entry saying why. */
export function newOrder(intent: OrderIntent, at: Date, reason: string): Order {
  const when = at.toISOString();
  return {
    ...intent,
    status: 'new',
    filledQuantity: 0,
    averageFillPrice: null,
    commissionCents: 0,
    fills: [],
    childCount: 0,
    history: [{ status: 'new', at: when, reason }],
    createdAt: when,
    updatedAt: when,
    version: 1,
  };
}
