import type { VenueOrder } from '../../app/ports/broker';

export interface VenueExecution {
  sequence: number;
  quantity: number;
  notionalCents: number;
  commissionCents: number;
  at: string;
}

/** An order as the paper venue holds it: what it received, and what became of it. */
export interface VenueOrderRecord extends VenueOrder {
  status: 'open' | 'filled' | 'canceled' | 'expired' | 'rejected';
  reason?: string;
  filledQuantity: number;
  executions: VenueExecution[];
  receivedAt: string;
  /** Whether it was still working after its first match, so the venue acknowledged it (`accepted`). */
  acknowledged?: boolean;
  /** When it stopped working (filled, cancelled, expired, rejected). */
  closedAt?: string;
  version: number;
}

/** The paper venue's durable book. Writes are conditional on `version`. */
export interface VenueStore {
  create(record: VenueOrderRecord): Promise<boolean>;
  get(accountId: string, clientOrderId: string): Promise<VenueOrderRecord | null>;
  save(record: VenueOrderRecord): Promise<void>;
  /** Orders still working (resting on the book). */
  unsettled(): Promise<VenueOrderRecord[]>;
}
