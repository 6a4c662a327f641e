import type { PositionIntent } from '../../core/options/option-order';
import type { Side, StopLoss, TimeInForce, Trail } from '../../core/orders/order';

/** What is sent to a venue: always a limit (market orders go as marketable limits inside the slippage band). */
export interface VenueOrder {
  accountId: string;
  orderId: string;
  /** The venue's idempotency key: a retried submit with the same id never trades twice. */
  clientOrderId: string;
  parentId?: string;
  symbol: string;
  side: Side;
  quantity: number;
  /** Per share; an option order's net per unit, a debit positive and a credit negative. */
  limitPrice: number;
  timeInForce: TimeInForce;
  /** Stop orders: they rest untriggered until the last trade reaches the stop (lib/core/orders/stop-triggers.ts). */
  trigger?: { type: 'stop' | 'stop_limit' | 'trailing_stop'; stopPrice?: number; trail?: Trail };
  /**
   * Exits: a take-profit limit and a stop-loss (either may be absent: an oto's one exit); the
   * first to fire takes the order and the other is canceled with it — one record, so never both.
   */
  oco?: { takeProfit?: number; stopLoss?: StopLoss };
  /** A bracket or oto entry: the exits the venue opens, for what the entry has filled. */
  exits?: { orderId: string; clientOrderId: string; takeProfit?: number; stopLoss?: StopLoss };
  /** A stop that triggers trades as a market order up to this far past the quote (basis points). */
  maxSlippageBps?: number;
  /** Option orders: the contracts of each unit, filled all legs or none. */
  legs?: { symbol: string; side: Side; ratio: number; positionIntent?: PositionIntent }[];
}

/** What a mass cancel did to one order (Alpaca answers 207: one status per order). */
export interface CancelAllResult {
  clientOrderId: string;
  /** The venue took the cancel; the order's end arrives as an execution report. */
  accepted: boolean;
  reason?: string;
}

export type SubmitResult = { status: 'accepted' } | { status: 'rejected'; reason: string };

/**
 * A place orders are executed: the paper venue, or a real broker. Acknowledges synchronously;
 * executions arrive later as execution reports on the queue, never as return values, so both
 * kinds of broker feed the same path.
 */
export interface Broker {
  submit(order: VenueOrder): Promise<SubmitResult>;
  /** Asks the venue to cancel what is left; the outcome arrives as an execution report. */
  cancel(accountId: string, clientOrderId: string): Promise<void>;
  /** Cancels every working order of the account in one request (the kill switch's broker side). */
  cancelAll(accountId: string): Promise<CancelAllResult[]>;
  /**
   * Sends every report of an order again (reconciliation): applying them is idempotent, so this
   * repairs any report a crash or a lost message kept from the platform.
   */
  resend(accountId: string, clientOrderId: string): Promise<void>;
  /** Whether the venue has the order at all (Alpaca: a lookup by client order id). */
  knows(accountId: string, clientOrderId: string): Promise<boolean>;
}
