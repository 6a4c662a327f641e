import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, startTestHost } from '../support/local-host';

/** Dates that do not exist and periods that end before they start: 400 naming the field, never a 500. */
describe('dates and periods in requests (real HTTP)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });
  const field = async (path: string, init: RequestInit = {}) => {
    const response = await call(`${host.url}${path}`, init);
    expect(response.status, `${path}: ${response.text}`).toBe(400);
    return errorOf(response).details?.[0]?.field;
  };

  it.each(['2026-02-30', '0000-00-00', '2026-13-45'])('refuses the plan date %s', async (date) => {
    expect(
      await field('/api/sessions/plan', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ date, strategies: [{ config_id: 'fast-ema-tech', allocation: 0.1 }] }),
      }),
    ).toBe('date');
    expect(await field(`/api/sessions/plan?date=${date}`)).toBe('date');
  });

  it.each(['/api/orders', '/api/orders/metrics'])(
    'refuses %s for a day that does not exist, and a period that ends before it starts',
    async (path) => {
      expect(await field(`${path}?to=2026-99-99`)).toBe('to');
      expect(await field(`${path}?from=2026-12-09&to=2026-12-01`)).toBe('to');
      expect((await call(`${host.url}${path}?from=2026-12-01&to=2026-12-09`)).status).toBe(200);
    },
  );

  it('refuses a benchmark the market has no history for, instead of ignoring it', async () => {
    expect(await field('/api/performance?benchmark=ZZZZ')).toBe('benchmark');
    expect((await call(`${host.url}/api/performance?benchmark=SPY`)).status).toBe(200);
  });

  it('refuses a performance period of days that do not exist or run backwards', async () => {
    expect(await field('/api/performance?from=2026-02-30')).toBe('from');
    expect(await field('/api/performance?from=2026-03-02&to=2026-03-01')).toBe('to');
  });
});
