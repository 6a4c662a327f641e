import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, putLimits, startTestHost } from '../support/local-host';

interface OrderBody {
  id: string;
  status: string;
  filled_quantity: number;
}

/**
 * The whole alarm path on the local host: a loss beyond the daily limit → the risk monitor's
 * metric → the DailyLossLimitBreached alarm (the same definition CDK deploys) → the alarm
 * function → HALTED, open orders canceled, new orders refused → an administrator resets.
 * Scheduled jobs are stepped with runScheduled (exactly what the timers run), not waited for.
 */
describe('daily loss limit breach → alarm → emergency stop (local host, real HTTP)', () => {
  let host: LocalHost;
  const post = (path: string, body?: unknown) =>
    call(`${host.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const get = async <T>(path: string) => (await call(`${host.url}${path}`)).body as T;

  beforeAll(async () => {
    // Timers an hour apart: only the test steps the monitor, so nothing races the assertions.
    host = await startTestHost({ startingCash: 100_000, waitOverrideMs: 0, scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('halts on the alarm, cancels open orders, refuses new ones with TRADING_HALTED, and resumes after an admin reset', async () => {
    await host.runScheduled('riskMonitor'); // the session opens at $100,000
    expect(await get<{ daily_pnl: { session_open_equity: number } }>('/api/risk')).toMatchObject({
      trading_state: 'ACTIVE',
      daily_pnl: { session_open_equity: 100_000 },
    });

    // A round trip: the spread and two commissions are a certain, realized loss.
    let arrival = 0;
    for (const side of ['buy', 'sell']) {
      const placed = await post('/api/orders', { symbol: 'JNJ', side, quantity: 50, execution: 'immediate' });
      expect(placed.status).toBe(201);
      await host.settle();
      expect((await get<OrderBody>(`/api/orders/${(placed.body as OrderBody).id}`)).status).toBe('filled');
      arrival = (placed.body as { arrival_price: number }).arrival_price;
    }
    expect((await get<{ positions: unknown[] }>('/api/portfolio')).positions).toEqual([]);
    const resting = await post('/api/orders', {
      symbol: 'JNJ',
      side: 'buy',
      quantity: 10,
      order_type: 'limit',
      price: Math.round(arrival * 93) / 100,
    });
    expect(resting.status).toBe(201);
    const restingId = (resting.body as OrderBody).id;
    await host.settle();

    const risk = await get<{ daily_pnl: { pnl: number } }>('/api/risk');
    expect(risk.daily_pnl.pnl).toBeLessThan(0);
    await putLimits(host, { daily_loss_limit: 1 }); // two commissions alone are past it

    await host.runScheduled('riskMonitor'); // metric → alarm → the alarm function
    expect(host.alarms.state('DailyLossLimitBreached')).toBe('ALARM');
    await host.settle();
    expect(await get('/api/risk')).toMatchObject({
      trading_state: 'HALTED',
      changed_by: 'cloudwatch-alarm:DailyLossLimitBreached',
      breaches: expect.arrayContaining(['daily_loss']),
    });
    expect((await get<OrderBody>(`/api/orders/${restingId}`)).status).toBe('canceled');

    const refused = await post('/api/orders', { symbol: 'JNJ', side: 'buy', quantity: 1 });
    expect(refused.status).toBe(422);
    expect(errorOf(refused).code).toBe('TRADING_HALTED');

    const alerts = await get<{ alerts: { level: string; code: string }[] }>('/api/risk/alerts');
    expect(alerts.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'critical', code: 'EMERGENCY_STOP' }),
        expect.objectContaining({ level: 'critical', code: 'DAILY_LOSS_LIMIT' }),
        expect.objectContaining({ level: 'warning', code: 'TRADING_HALTED' }),
      ]),
    );

    // An administrator re-enables trading. The loss limit itself still refuses new risk…
    const reset = await post('/api/risk/emergency-stop/reset', { reason: 'reviewed the loss' });
    expect(reset.status).toBe(200);
    const stillOverLimit = await post('/api/orders', { symbol: 'JNJ', side: 'buy', quantity: 1 });
    expect(errorOf(stillOverLimit).code).toBe('DAILY_LOSS_LIMIT');
    // …until the limit is raised: then trading resumes.
    await putLimits(host, { daily_loss_limit: 5_000 });
    const resumed = await post('/api/orders', {
      symbol: 'JNJ',
      side: 'buy',
      quantity: 1,
      execution: 'immediate',
    });
    expect(resumed.status).toBe(201);
    await host.settle();
    expect((await get<OrderBody>(`/api/orders/${(resumed.body as OrderBody).id}`)).status).toBe('filled');
    await host.runScheduled('riskMonitor');
    expect(host.alarms.state('DailyLossLimitBreached')).toBe('OK');

    const audit = await get<{ records: { action: string; actor: string }[] }>('/api/audit');
    expect(audit.records.map((record) => [record.action, record.actor])).toEqual(
      expect.arrayContaining([
        ['emergency_stop', 'cloudwatch-alarm:DailyLossLimitBreached'],
        ['emergency_stop_reset', 'local-trader'],
        ['risk_limits_updated', 'local-trader'],
      ]),
    );
  });
});
