import { afterEach, describe, expect, it } from 'vitest';
import { startTestHost } from '../support/local-host';

describe('a local host trading real money', () => {
  const saved = process.env.STRATUS_BROKER;
  afterEach(() => {
    if (saved === undefined) delete process.env.STRATUS_BROKER;
    else process.env.STRATUS_BROKER = saved;
  });

  it('refuses to start without an API token, even on loopback', async () => {
    process.env.STRATUS_BROKER = 'alpaca-live';
    await expect(startTestHost()).rejects.toThrow(/alpaca-live requires STRATUS_API_TOKEN/);
  });
});
