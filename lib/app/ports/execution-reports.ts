import type { Side } from '../../core/orders/order';

/** The venue has the order and is working it (Alpaca's `accepted` trade update). */
export interface AcceptedReport {
  kind: 'accepted';
  reportId: string;
  accountId: string;
  orderId: string;
  parentId?: string;
  at: string;
}

/** How an order ended at the venue. */
export interface FinalOutcome {
  outcome: 'filled' | 'canceled' | 'expired' | 'rejected';
  reason: string;
}

/** One execution: shares traded at an exact notional (sum of price × quantity over the levels touched). */
export interface FillReport {
  kind: 'fill';
  /** Unique and stable: the same execution always has the same id (exactly-once key). */
  reportId: string;
  accountId: string;
  orderId: string;
  parentId?: string;
  symbol: string;
  side: Side;
  quantity: number;
  notionalCents: number;
  commissionCents: number;
  at: string;
  /** The quote the execution met, when the venue says (the paper venue does; Alpaca does not). */
  quote?: { bid: number; ask: number };
  /**
   * Option orders: what each leg traded (contracts, per-share price, notional with the ×100).
   * `quantity` is then units of the order and `notionalCents` the net, a debit positive.
   */
  legs?: ReportedLeg[];
  /** Present when this execution also ended the order (filled, or an ioc remainder cancelled): one report, one pass. */
  final?: FinalOutcome;
}

export interface ReportedLeg {
  symbol: string;
  side: Side;
  quantity: number;
  price: number;
  notionalCents: number;
}

/** The venue is finished with an order: nothing more will fill. */
export interface DoneReport {
  kind: 'done';
  reportId: string;
  accountId: string;
  orderId: string;
  parentId?: string;
  outcome: 'filled' | 'canceled' | 'expired' | 'rejected';
  reason: string;
  at: string;
}

/**
 * What the venue changed of a working order without trading it: a stop triggered (or a trailing
 * stop's mark moved it), an oco's exit fired, or a bracket's exits were sized to what the entry filled.
 */
export interface OrderAmendment {
  /** 1, 2, 3… per order, in order: an order applies each once (`amendedThrough`). */
  sequence: number;
  at: string;
  stopPrice?: number;
  mark?: number;
  triggered?: boolean;
  exitLeg?: 'take_profit' | 'stop_loss';
  /** The quantity the order now works for (a bracket's exits: what the entry filled). */
  quantity?: number;
}

export interface AmendReport extends OrderAmendment {
  kind: 'amend';
  reportId: string;
  accountId: string;
  orderId: string;
  parentId?: string;
}

export type ExecutionReport = AcceptedReport | FillReport | DoneReport | AmendReport;

/** Where venues send execution reports: an SQS FIFO queue grouped by account, in order. */
export interface ExecutionReportSink {
  publish(reports: readonly ExecutionReport[]): Promise<void>;
}
