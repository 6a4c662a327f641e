import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, sendJson, startTestHost } from '../support/local-host';

const SECRET = 'T123-B456-webhook-s3cret';

describe('alerts to a webhook on the local host (the alert topic’s subscription)', () => {
  let host: LocalHost;
  let receiver: Server;
  const received: { text: string }[] = [];
  let failFirst = 1;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let data = '';
      request.on('data', (chunk: Buffer) => (data += chunk.toString()));
      request.on('end', () => {
        if (failFirst-- > 0) return response.writeHead(502).end();
        received.push(JSON.parse(data) as { text: string });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    host = await startTestHost({ alertWebhookUrl: `http://127.0.0.1:${port}/services/${SECRET}` });
  });
  afterAll(async () => {
    await host?.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('delivers a manual emergency stop’s critical alert, retrying the receiver’s first failure, and keeps the record without the URL', async () => {
    const stop = await sendJson(host, 'POST', '/api/risk/emergency-stop', { reason: 'webhook test' });
    expect(stop.status, stop.text).toBe(200);
    await host.settle();
    // settle() waits for the delivering function's invocation: its record is stored by then.
    const deliveries = await call(`${host.url}/api/notifications/deliveries`);
    expect(deliveries.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toMatch(/^\*Stratus critical\* EMERGENCY_STOP \(paper\): Trading halted/);
    expect(deliveries.body).toMatchObject({
      deliveries: [
        { channel: 'webhook', kind: 'alert', code: 'EMERGENCY_STOP', attempts: 2, delivered: true },
      ],
    });
    expect(deliveries.text).not.toContain(SECRET);
    // Only the delivering function is told where the URL is, and only as a secret's ARN.
    for (const name of ['risk', 'orders', 'alertDelivery'] as const)
      expect(JSON.stringify(host.environmentOf(name))).not.toContain(SECRET);
  });
});
