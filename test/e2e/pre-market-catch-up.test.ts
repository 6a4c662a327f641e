import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, startTestHost } from '../support/local-host';

/** 11:00 New York on Wednesday 2026-11-18: two hours after the 09:00 pre-market time. */
const MID_SESSION = new Date('2026-11-18T16:00:00Z');
const NEVER_MS = 2_147_483_647;

describe('a host that starts after the pre-market time', () => {
  let host: LocalHost | undefined;
  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  it('runs the pre-market job at once on its own schedule: the day’s market conditions are there', async () => {
    host = await startTestHost({ clockStart: MID_SESSION, cycleIntervalMs: NEVER_MS });
    await vi.waitFor(
      async () => expect((await call(`${host!.url}/api/market/conditions`)).status).toBe(200),
      { timeout: 30_000, interval: 100 },
    );
    const conditions = (await call(`${host.url}/api/market/conditions`)).body as { date: string };
    expect(conditions.date).toBe('2026-11-18');
    expect(await host.runScheduled('preMarket')).toMatchObject({
      ran: false,
      reason: 'already ran for 2026-11-18',
    });
  });

  it('says when it ran late', async () => {
    host = await startTestHost({
      clockStart: MID_SESSION,
      scheduleIntervalMs: NEVER_MS,
      cycleIntervalMs: NEVER_MS,
    });
    host.setClock(MID_SESSION, { stopped: true });
    expect(await host.runScheduled('preMarket')).toMatchObject({
      ran: true,
      reason: expect.stringMatching(/ late, at 11:00 New York: the 09:00 run was missed$/),
    });
  });
});
