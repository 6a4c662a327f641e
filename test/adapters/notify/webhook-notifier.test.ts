import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryChannelGate } from '../../../lib/adapters/memory/in-memory-channel-gate';
import { WebhookNotifier } from '../../../lib/adapters/notify/webhook-notifier';
import type { RiskAlert } from '../../../lib/core/risk/alerts';

/** A local receiver: answers each POST with the next status of a script (then 200), and keeps the bodies. */
class Receiver {
  server!: Server;
  statuses: number[] = [];
  bodies: { text: string }[] = [];
  requests = 0;
  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let data = '';
      request.on('data', (chunk: Buffer) => (data += chunk.toString()));
      request.on('end', () => {
        this.requests++;
        const status = this.statuses.shift() ?? 200;
        if (status === 200) this.bodies.push(JSON.parse(data) as { text: string });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }
  url(secret: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/${secret}`;
  }
}

const SECRET = 'T000-B000-s3cr3t-t0k3n';
let clock = Date.parse('2026-11-18T15:00:00Z');
const now = () => new Date(clock);
const noWait = () => Promise.resolve();
const alert = (code: string, level: RiskAlert['level'] = 'warning'): RiskAlert => ({
  accountId: 'paper',
  alertId: `${clock}#${code}`,
  level,
  code,
  message: `${code} happened`,
  at: new Date(clock).toISOString(),
});
const policy = { minimumLevel: 'warning' as const, maxPerWindow: 5, windowSeconds: 60 };
/** A notifier on its own in-memory gate, retrying at once. */
const notifierFor = (url: string) =>
  new WebhookNotifier(url, new InMemoryChannelGate(policy), now, undefined, noWait);

describe('webhook notifications (a local receiver on loopback)', () => {
  const receiver = new Receiver();
  beforeAll(() => receiver.start());
  afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));
  beforeEach(() => {
    receiver.statuses = [];
    receiver.bodies = [];
    receiver.requests = 0;
    clock += 3_600_000;
  });

  it('delivers as Slack-compatible JSON, retrying a 503 until it is taken', async () => {
    receiver.statuses = [503, 503];
    const notifier = notifierFor(receiver.url(SECRET));
    await notifier.publish(alert('ORDER_REJECTED'));
    expect(receiver.requests).toBe(3);
    expect(receiver.bodies).toEqual([
      { text: '*Stratus warning* ORDER_REJECTED (paper): ORDER_REJECTED happened' },
    ]);
    expect(notifier.deliveries).toMatchObject([
      { kind: 'alert', code: 'ORDER_REJECTED', attempts: 3, delivered: true },
    ]);
  });

  it('gives up after its attempts, stops at once on a 4xx, and never records the URL or its secret', async () => {
    receiver.statuses = [500, 500, 500, 500];
    const notifier = notifierFor(receiver.url(SECRET));
    await notifier.publish(alert('DAILY_LOSS_LIMIT'));
    expect(receiver.requests).toBe(4);
    receiver.statuses = [404];
    await notifier.publish(alert('CONCENTRATION_LIMIT'));
    expect(receiver.requests).toBe(5);
    // Nobody listening: a network error.
    const closed = notifierFor(`http://127.0.0.1:9/hooks/${SECRET}`);
    await closed.publish(alert('VAR_LIMIT'));
    const records = [...notifier.deliveries, ...closed.deliveries];
    expect(records).toMatchObject([
      { code: 'DAILY_LOSS_LIMIT', attempts: 4, delivered: false, error: 'HTTP 500' },
      { code: 'CONCENTRATION_LIMIT', attempts: 1, delivered: false, error: 'HTTP 404' },
      { code: 'VAR_LIMIT', attempts: 4, delivered: false, error: 'network error' },
    ]);
    expect(JSON.stringify(records)).not.toContain(SECRET);
    expect(JSON.stringify(records)).not.toContain('127.0.0.1');
  });

  it('turns a storm into five messages and one digest; a critical alert still goes at once; info is filtered', async () => {
    const notifier = notifierFor(receiver.url(SECRET));
    for (let i = 0; i < 50; i++) {
      await notifier.publish(alert(i % 10 === 0 ? 'ORDER_FLOOD' : 'ORDER_REJECTED'));
      clock += 1_000;
    }
    await notifier.publish(alert('EMERGENCY_STOP', 'critical'));
    await notifier.publish(alert('VAR_LIMIT', 'info'));
    expect(receiver.bodies).toHaveLength(6);
    expect(receiver.bodies.at(-1)!.text).toContain('EMERGENCY_STOP');
    await notifier.flush(); // the window (60 s from the first) has not closed: nothing yet
    expect(receiver.bodies).toHaveLength(6);
    clock += 60_000;
    await notifier.flush();
    expect(receiver.bodies).toHaveLength(7);
    const digest = receiver.bodies.at(-1)!.text;
    expect(digest).toMatch(/^\*Stratus digest\*: 45 more alerts/);
    // Sent: the first ORDER_FLOOD and four ORDER_REJECTED; held: the other 41 and 4.
    expect(digest).toContain('ORDER_REJECTED × 41');
    expect(digest).toContain('ORDER_FLOOD × 4');
    await notifier.flush();
    expect(receiver.bodies).toHaveLength(7); // sent once
  });
});
