import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServeProcess } from '../support/cli-process';
import { call } from '../support/local-host';

describe('stratus serve across a restart (separate processes, Ctrl-C in between)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stratus-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the account: same opening deposit, not re-created with new settings', async () => {
    const first = await startServeProcess(['--data-dir', dataDir], { STRATUS_STARTING_CASH: '100000' });
    const health = await call(`${first.url}/api/health`);
    expect(health.status).toBe(200);
    const before = await call(`${first.url}/api/portfolio/ledger`);
    expect((await call(`${first.url}/api/portfolio`)).body).toMatchObject({ cash: 100_000 });
    expect(await first.stop('SIGINT')).toBe(0);
    expect(first.output()).toContain('Stopped cleanly.');

    // A different starting cash proves the second run reads the stored account instead of opening a new one.
    const second = await startServeProcess(['--data-dir', dataDir], { STRATUS_STARTING_CASH: '5' });
    try {
      expect((await call(`${second.url}/api/portfolio`)).body).toMatchObject({
        cash: 100_000,
        equity: 100_000,
      });
      expect((await call(`${second.url}/api/portfolio/ledger`)).body).toEqual(before.body);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  });

  it('answers at once after a restart mid-TWAP, the TWAP still working', async () => {
    const twapDir = mkdtempSync(join(tmpdir(), 'stratus-restart-twap-'));
    try {
      const first = await startServeProcess(['--data-dir', twapDir]);
      const placed = await call(`${first.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          symbol: 'AAPL',
          side: 'buy',
          quantity: 40,
          execution: 'twap',
          twap: { duration_seconds: 3_600, slices: 4 },
        }),
      });
      expect(placed.status).toBe(201);
      const orderId = (placed.body as { id: string }).id;
      expect(await first.stop('SIGINT')).toBe(0);

      // The restart resumes the hour-long workflow; it must not wait for it to end before answering.
      const second = await startServeProcess(['--data-dir', twapDir]);
      try {
        const order = await call(`${second.url}/api/orders/${orderId}`);
        expect(order.status).toBe(200);
        expect((order.body as { status: string }).status).toMatch(/^(accepted|partially_filled)$/);
      } finally {
        expect(await second.stop('SIGINT')).toBe(0);
      }
    } finally {
      rmSync(twapDir, { recursive: true, force: true });
    }
  });

  it('starts empty with --in-memory and refuses bad flags with usage', async () => {
    const throwaway = await startServeProcess(['--in-memory'], { STRATUS_STARTING_CASH: '1234' });
    try {
      expect((await call(`${throwaway.url}/api/portfolio`)).body).toMatchObject({ cash: 1234 });
      expect(throwaway.output()).toContain('in memory');
    } finally {
      await throwaway.stop();
    }
    await expect(startServeProcess(['--port', 'abc'])).rejects.toThrow(/--port must be/);
  });
});
