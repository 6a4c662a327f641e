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
