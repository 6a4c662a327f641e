import type { AlertPublisher } from '../../app/ports/risk-alerts';
import type { ChannelGate } from '../../app/ports/channel-gate';
import type { Digest } from '../../core/notifications/digest-gate';
import type { RiskAlert } from '../../core/risk/alerts';
import type { DeliveryRecord } from '../../app/ports/delivery-log';

/** How a webhook is delivered: attempts, the wait before each retry (doubling), and a timeout per attempt. */
export interface WebhookDelivery {
  attempts: number;
  firstRetryMs: number;
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDelivery = { attempts: 4, firstRetryMs: 500, timeoutMs: 5_000 };

/**
 * Sends alerts to a webhook as Slack-compatible JSON (`{"text": …}`, which Slack, Mattermost
 * and most chat tools accept), through the channel's policy (level filter, rate limit with
 * digests). A failed POST (network error, timeout, 429 or 5xx) is retried with doubling waits;
 * a 4xx other than 429 is final. The URL carries the webhook's secret: no message, log line or
 * delivery record ever contains it.
 */
export class WebhookNotifier implements AlertPublisher {
  /** This channel's deliveries in this process, oldest first. */
  readonly deliveries: DeliveryRecord[] = [];
  /** The account of the alerts this channel carries (a digest is recorded under the latest's). */
  private accountId = '';

  constructor(
    private readonly url: string,
    /** The channel's rate limit: in this process, or shared through a store (AWS). */
    private readonly gate: ChannelGate,
    private readonly now: () => Date,
    private readonly delivery: WebhookDelivery = DEFAULT_WEBHOOK_DELIVERY,
    private readonly wait: (ms: number) => Promise<void> = (ms) =>
      new Promise((done) => setTimeout(done, ms)),
    /** Told of every delivery, made or failed: where the trader sees the channel's status. */
    private readonly onDelivery: (record: DeliveryRecord, accountId: string) => Promise<void> | void = () =>
      undefined,
  ) {}

  /** Sends the alert (or holds it for a digest). */
  async publish(alert: RiskAlert): Promise<void> {
    await this.deliver(alert);
  }

  /** As publish, answering whether every delivery made now succeeded (a held alert is not a failure). */
  async deliver(alert: RiskAlert): Promise<boolean> {
    const at = this.now().getTime();
    const digested = await this.flush();
    this.accountId = alert.accountId;
    if ((await this.gate.offer(alert, at)) !== 'send') return digested;
    return (await this.post('alert', alert.code, alertText(alert))) && digested;
  }

  /** Sends the digest of held alerts once their window has closed (each delivery, and a schedule, ask). */
  async flush(force = false): Promise<boolean> {
    const digest = await this.gate.flush(this.now().getTime(), force);
    if (!digest) return true;
    this.accountId = digest.accountId;
    return this.post('digest', 'DIGEST', digestText(digest));
  }

  private async post(kind: DeliveryRecord['kind'], code: string, text: string): Promise<boolean> {
    const body = JSON.stringify({ text });
    let error = '';
    for (let attempt = 1; attempt <= this.delivery.attempts; attempt++) {
      if (attempt > 1) await this.wait(this.delivery.firstRetryMs * 2 ** (attempt - 2));
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(this.delivery.timeoutMs),
        });
        await response.arrayBuffer();
        if (response.ok) return this.record(kind, code, attempt, true);
        error = `HTTP ${response.status}`;
        if (response.status < 500 && response.status !== 429)
          return this.record(kind, code, attempt, false, error);
      } catch (caught) {
        // The error's text may quote the URL (undici does): keep only its kind.
        error = caught instanceof Error && caught.name === 'TimeoutError' ? 'timed out' : 'network error';
      }
    }
    return this.record(kind, code, this.delivery.attempts, false, error);
  }

  private async record(
    kind: DeliveryRecord['kind'],
    code: string,
    attempts: number,
    delivered: boolean,
    error?: string,
  ): Promise<boolean> {
    const record: DeliveryRecord = {
      at: this.now().toISOString(),
      channel: 'webhook',
      kind,
      code,
      attempts,
      delivered,
      ...(error ? { error } : {}),
    };
    this.deliveries.push(record);
    await this.onDelivery(record, this.accountId);
    return delivered;
  }
}

function alertText(alert: RiskAlert): string {
  return `*Stratus ${alert.level}* ${alert.code} (${alert.accountId}): ${alert.message}`;
}

function digestText(digest: Digest): string {
  const lines = digest.byCode.map((entry) => `• ${entry.code} × ${entry.count} (${entry.level})`);
  return `*Stratus digest*: ${digest.count} more alerts from ${digest.from} to ${digest.to}\n${lines.join('\n')}`;
}
