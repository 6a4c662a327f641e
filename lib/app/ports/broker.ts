import type { Side, TimeInForce } from '../../core/orders/order';

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
  limitPrice: number;
  timeInForce: TimeInForce;
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
  /**
   * Sends every report of an order again (reconciliation): applying them is idempotent, so this
   * repairs any report a crash or a lost message kept from the platform.
   */
  resend(accountId: string, clientOrderId: string): Promise<void>;
  /** Whether the venue has the order at all (Alpaca: a lookup by client order id). */
  knows(accountId: string, clientOrderId: string): Promise<boolean>;
}
