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
    host = await startTestHost({
      startingCash: 1_000_000,
      alertWebhookUrl: `http://127.0.0.1:${port}/services/${SECRET}`,
    });
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

  it('tells the channel what happens: a reset, a session’s start and stop, a large fill (info and up by default)', async () => {
    const reset = await sendJson(host, 'POST', '/api/risk/emergency-stop/reset', { reason: 'all clear' });
    expect(reset.status, reset.text).toBe(200);
    const created = await sendJson(host, 'POST', '/api/strategies/create', {
      template_id: 'fast-ema-tech',
      name: 'EMA',
    });
    const configId = (created.body as { id: string }).id;
    const started = await sendJson(host, 'POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: configId, allocation: 0.2 }],
    });
    expect(started.status, started.text).toBe(201);
    const large = await sendJson(host, 'POST', '/api/orders', {
      symbol: 'MSFT',
      side: 'buy',
      quantity: 150,
      execution: 'immediate',
    });
    expect(large.status, large.text).toBe(201);
    await host.settle();
    const stopped = await sendJson(host, 'POST', '/api/strategies/stop-execution', {});
    expect(stopped.status, stopped.text).toBe(200);
    await host.settle();
    const codes = received.map((message) => /\* (\w+) \(/.exec(message.text)?.[1]);
    expect(codes).toEqual(
      expect.arrayContaining(['EMERGENCY_STOP_RESET', 'SESSION_STARTED', 'LARGE_FILL', 'SESSION_STOPPED']),
    );
    const fill = received.find((message) => message.text.includes('LARGE_FILL'))!;
    expect(fill.text).toMatch(/Large fill: buy 150 MSFT for \$[\d,]+\.\d\d/);
  });
});

/** A webhook receiver on loopback that keeps each message's text. */
async function textReceiver(): Promise<{ received: string[]; port: number; close: () => Promise<void> }> {
  const received: string[] = [];
  const receiver = createServer((request, response) => {
    let data = '';
    request.on('data', (chunk: Buffer) => (data += chunk.toString()));
    request.on('end', () => {
      received.push((JSON.parse(data) as { text: string }).text);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return {
    received,
    port: (receiver.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => receiver.close(() => resolve())),
  };
}

describe('a webhook configured for critical alerts only (STRATUS_ALERT_WEBHOOK_LEVEL=critical)', () => {
  it('is not sent the warnings and the information, only the critical alert', async () => {
    const { received, port, close } = await textReceiver();
    const host = await startTestHost({
      alertWebhookUrl: `http://127.0.0.1:${port}/hook`,
      alertWebhookLevel: 'critical',
    });
    try {
      expect((await sendJson(host, 'POST', '/api/risk/emergency-stop', { reason: 'drill' })).status).toBe(
        200,
      );
      expect((await sendJson(host, 'POST', '/api/risk/emergency-stop/reset', {})).status).toBe(200);
      await host.settle();
      expect(received.map((text) => /\* (\w+) \(/.exec(text)?.[1])).toEqual(['EMERGENCY_STOP']);
      // Both were published; the subscription's filter kept the reset from the channel.
      expect(host.alerts.map((message) => message.attributes.level)).toEqual(['critical', 'warning']);
    } finally {
      await host.stop();
      await close();
    }
  });
});

describe('a storm on the webhook: five a minute, the rest in a digest the schedule sends when no alert follows', () => {
  it('holds what is over the limit and delivers it as one digest once the window has closed', async () => {
    const { received, port, close } = await textReceiver();
    const start = new Date('2026-12-07T15:00:00Z');
    const host = await startTestHost({
      alertWebhookUrl: `http://127.0.0.1:${port}/hook`,
      clockStart: start,
      scheduleIntervalMs: 3_600_000,
    });
    try {
      // Four stops and resets: each stop is critical (never held); the resets past the fifth message wait.
      for (let i = 0; i < 4; i++) {
        expect(
          (await sendJson(host, 'POST', '/api/risk/emergency-stop', { reason: `drill ${i}` })).status,
        ).toBe(200);
        expect((await sendJson(host, 'POST', '/api/risk/emergency-stop/reset', {})).status).toBe(200);
      }
      await host.settle();
      const codes = () => received.map((text) => /\* (\w+) \(/.exec(text)?.[1] ?? text.slice(0, 20));
      expect(codes()).toEqual([
        'EMERGENCY_STOP',
        'EMERGENCY_STOP_RESET',
        'EMERGENCY_STOP',
        'EMERGENCY_STOP_RESET',
        'EMERGENCY_STOP',
        'EMERGENCY_STOP',
      ]);
      await host.runScheduled('alertDelivery'); // inside the window: nothing yet
      expect(received).toHaveLength(6);
      host.setClock(new Date(start.getTime() + 61_000));
      await host.runScheduled('alertDelivery');
      expect(received).toHaveLength(7);
      expect(received[6]).toMatch(
        /^\*Stratus digest\*: 2 more alerts .*\n• EMERGENCY_STOP_RESET × 2 \(warning\)$/,
      );
      await host.runScheduled('alertDelivery');
      expect(received).toHaveLength(7); // once
      const deliveries = (await call(`${host.url}/api/notifications/deliveries`)).body as {
        deliveries: { kind: string }[];
      };
      expect(deliveries.deliveries[0]).toMatchObject({ kind: 'digest' });
    } finally {
      await host.stop();
      await close();
    }
  });
});
