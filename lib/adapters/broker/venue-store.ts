import type { VenueOrder } from '../../app/ports/broker';
import type { OrderAmendment, ReportedLeg } from '../../app/ports/execution-reports';
import { ConcurrencyError } from '../../core/errors';
import type { BookDepthTaken } from '../../core/execution/impact-book';

export interface VenueExecution {
  sequence: number;
  quantity: number;
  notionalCents: number;
  commissionCents: number;
  at: string;
  /** The broker's own id of this execution (Alpaca's activity id), so a re-read adds it once. */
  venueId?: string;
  /** The quote this execution met (the paper venue records it: implementation shortfall splits on it). */
  bid?: number;
  ask?: number;
  /** Option orders: each leg's part of this execution. */
  legs?: ReportedLeg[];
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
  /** The broker's own id of the order (Alpaca's `id`), once it is known. */
  venueOrderId?: string;
  /** A stop's state: where it stands (a trailing stop's moves with its mark) and when it triggered. */
  stop?: { stopPrice: number; mark?: number; triggeredAt?: string };
  /** A bracket's exits: the entry they protect. */
  entryClientOrderId?: string;
  /** An oco's exit that fired. */
  exitLeg?: 'take_profit' | 'stop_loss';
  /** Changes without a trade, in order (each becomes an `amend` report). */
  amendments?: VenueAmendment[];
  version: number;
}

/** The venue's amendments of a record: each becomes an `amend` report. */
export type VenueAmendment = OrderAmendment;

/** What earlier orders took from one symbol's simulated book, and the version it was read at (0: never written). */
export interface StoredDepth {
  taken: BookDepthTaken;
  version: number;
}

/** The paper venue's durable book. Writes are conditional on `version`. */
export interface VenueStore {
  /** The depth taken from a symbol's book (the impact book's memory). */
  depthTaken(symbol: string): Promise<StoredDepth>;
  /** Writes a symbol's depth taken as version `version` + 1, if it is still at `version` (ConcurrencyError otherwise). */
  saveDepthTaken(symbol: string, stored: StoredDepth): Promise<void>;
  create(record: VenueOrderRecord): Promise<boolean>;
  get(accountId: string, clientOrderId: string): Promise<VenueOrderRecord | null>;
  save(record: VenueOrderRecord): Promise<void>;
  /** Orders still working (resting on the book). */
  unsettled(): Promise<VenueOrderRecord[]>;
}

/**
 * Conditional read–modify–write of one venue order (the store's version check), retried on a
 * conflict; returns the saved record, or null when `change` left it as it was.
 */
export async function updateVenueRecord(
  store: VenueStore,
  accountId: string,
  clientOrderId: string,
  change: (record: VenueOrderRecord) => VenueOrderRecord | null | Promise<VenueOrderRecord | null>,
): Promise<VenueOrderRecord | null> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.get(accountId, clientOrderId);
    if (!current) return null;
    const next = await change(current);
    if (!next) return null;
    const saved = { ...next, version: current.version + 1 };
    try {
      await store.save(saved);
      return saved;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 25) throw error;
    }
  }
}
