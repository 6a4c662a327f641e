import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, sendJson, startTestHost } from '../support/local-host';

interface Alert {
  code: string;
  level: string;
  message: string;
}

describe('each account’s notification settings (GET/PUT /api/notifications/settings)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ startingCash: 1_000_000, scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });
  const alerts = async () =>
    ((await call(`${host.url}/api/risk/alerts?limit=50`)).body as { alerts: Alert[] }).alerts;

  it('answers the defaults, takes a change field by field, and names a bad field', async () => {
    expect((await call(`${host.url}/api/notifications/settings`)).body).toEqual({
      large_fill_notional: 50_000,
      rejection_alert_count: 5,
      rejection_window_seconds: 300,
    });
    const changed = await sendJson(host, 'PUT', '/api/notifications/settings', {
      large_fill_notional: 1_000,
      rejection_alert_count: 2,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({
      large_fill_notional: 1_000,
      rejection_alert_count: 2,
      rejection_window_seconds: 300,
    });
    const bad = await sendJson(host, 'PUT', '/api/notifications/settings', { rejection_alert_count: 0 });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).details?.[0]?.field).toBe('rejection_alert_count');
    expect((await call(`${host.url}/api/notifications/settings`)).body).toMatchObject({
      rejection_alert_count: 2,
    });
  });

  it('announces by the account’s own thresholds: a $1,000 fill is large, two rejections a burst', async () => {
    const small = await sendJson(host, 'POST', '/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 10,
      execution: 'immediate',
    });
    expect(small.status, small.text).toBe(201);
    await host.settle();
    expect((await alerts()).find((alert) => alert.code === 'LARGE_FILL')?.message).toMatch(
      /^Large fill: buy 10 AAPL for \$[\d,]+\.\d\d/,
    );
    for (let i = 0; i < 2; i++)
      expect(
        (await sendJson(host, 'POST', '/api/orders', { symbol: 'AAPL', side: 'buy', quantity: 200_000 }))
          .status,
      ).toBe(422);
    const burst = (await alerts()).filter((alert) => alert.code === 'REJECTIONS_ABOVE_THRESHOLD');
    expect(burst).toHaveLength(1);
    expect(burst[0]!.message).toMatch(/^2 orders rejected in the last 5 minutes/);
    // Turned off: no large fill is told.
    await sendJson(host, 'PUT', '/api/notifications/settings', { large_fill_notional: 0 });
    const before = (await alerts()).filter((alert) => alert.code === 'LARGE_FILL').length;
    await sendJson(host, 'POST', '/api/orders', {
      symbol: 'MSFT',
      side: 'buy',
      quantity: 200,
      execution: 'immediate',
    });
    await host.settle();
    expect((await alerts()).filter((alert) => alert.code === 'LARGE_FILL')).toHaveLength(before);
  });
});
