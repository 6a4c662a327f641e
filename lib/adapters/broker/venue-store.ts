import type { Side, TimeInForce } from '../../core/orders/order';

export interface VenueExecution {
  sequence: number;
  quantity: number;
  notionalCents: number;
  commissionCents: number;
  at: string;
}

/** An order as the paper venue holds it. */
export interface VenueOrderRecord {
  accountId: string;
  clientOrderId: string;
  orderId: string;
  parentId?: string;
  symbol: string;
  side: Side;
  quantity: number;
  limitPrice: number;
  timeInForce: TimeInForce;
  status: 'open' | 'filled' | 'canceled' | 'expired' | 'rejected';
  reason?: string;
  filledQuantity: number;
  executions: VenueExecution[];
  /** How many of this order's reports (executions, then the final one) are known to be on the queue. */
  reportsPublished: number;
  receivedAt: string;
  version: number;
}

/** The paper venue's durable book. Writes are conditional on `version`. */
export interface VenueStore {
  create(record: VenueOrderRecord): Promise<boolean>;
  get(accountId: string, clientOrderId: string): Promise<VenueOrderRecord | null>;
  save(record: VenueOrderRecord): Promise<void>;
  /** Orders still resting, and any whose reports may not all have been published. */
  unsettled(): Promise<VenueOrderRecord[]>;
}
