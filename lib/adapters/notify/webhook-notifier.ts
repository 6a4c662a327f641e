import type { AlertPublisher } from '../../app/ports/risk-alerts';
import { type ChannelPolicy, type Digest, DigestGate } from '../../core/notifications/digest-gate';
import type { RiskAlert } from '../../core/risk/alerts';

/** How a webhook is delivered: attempts, the wait before each retry (doubling), and a timeout per attempt. */
export interface WebhookDelivery {
  attempts: number;
  firstRetryMs: number;
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDelivery = { attempts: 4, firstRetryMs: 500, timeoutMs: 5_000 };

/** The record of one delivery: what the UI can show (never the URL: it is the secret). */
export interface DeliveryRecord {
  at: string;
  kind: 'alert' | 'digest';
  code: string;
  attempts: number;
  delivered: boolean;
  /** The last failure, without the URL. */
  error?: string;
}

/**
 * Sends alerts to a webhook as Slack-compatible JSON (`{"text": …}`, which Slack, Mattermost
 * and most chat tools accept), through the channel's policy (level filter, rate limit with
 * digests). A failed POST (network error, timeout, 429 or 5xx) is retried with doubling waits;
 * a 4xx other than 429 is final. The URL carries the webhook's secret: no message, log line or
 * delivery record ever contains it.
 */
export class WebhookNotifier implements AlertPublisher {
  private readonly gate: DigestGate;
  readonly deliveries: DeliveryRecord[] = [];

  constructor(
    private readonly url: string,
    policy: ChannelPolicy,
    private readonly now: () => Date,
    private readonly delivery: WebhookDelivery = DEFAULT_WEBHOOK_DELIVERY,
    private readonly wait: (ms: number) => Promise<void> = (ms) =>
      new Promise((done) => setTimeout(done, ms)),
  ) {
    this.gate = new DigestGate(policy);
  }

  async publish(alert: RiskAlert): Promise<void> {
    const at = this.now().getTime();
    await this.flush();
    if (this.gate.offer(alert, at) !== 'send') return;
    await this.post('alert', alert.code, alertText(alert));
  }

  /** Sends the digest of held alerts once their window has closed (the host calls this on a timer). */
  async flush(force = false): Promise<void> {
    const digest = this.gate.flush(this.now().getTime(), force);
    if (digest) await this.post('digest', 'DIGEST', digestText(digest));
  }

  private async post(kind: DeliveryRecord['kind'], code: string, text: string): Promise<void> {
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
    this.record(kind, code, this.delivery.attempts, false, error);
  }

  private record(
    kind: DeliveryRecord['kind'],
    code: string,
    attempts: number,
    delivered: boolean,
    error?: string,
  ): void {
    this.deliveries.push({
      at: this.now().toISOString(),
      kind,
      code,
      attempts,
      delivered,
      ...(error ? { error } : {}),
    });
  }
}

function alertText(alert: RiskAlert): string {
  return `*Stratus ${alert.level}* ${alert.code} (${alert.accountId}): ${alert.message}`;
}

function digestText(digest: Digest): string {
  const lines = digest.byCode.map((entry) => `• ${entry.code} × ${entry.count} (${entry.level})`);
  return `*Stratus digest*: ${digest.count} more alerts from ${digest.from} to ${digest.to}\n${lines.join('\n')}`;
}
