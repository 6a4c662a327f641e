/**
 * The record of one notification delivery: what the trader sees of a channel (never its URL or
 * address: the URL is the webhook's secret).
 */
export interface DeliveryRecord {
  at: string;
  channel: 'webhook';
  /** An alert, or a digest of alerts held back during a storm. */
  kind: 'alert' | 'digest';
  code: string;
  attempts: number;
  delivered: boolean;
  /** The last failure, without the URL. */
  error?: string;
}

/** Where deliveries are recorded (the `risk` table), newest first when read. */
export interface DeliveryLog {
  record(accountId: string, delivery: DeliveryRecord): Promise<void>;
  recent(accountId: string, limit: number): Promise<DeliveryRecord[]>;
}
