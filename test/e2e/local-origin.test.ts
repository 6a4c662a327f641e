import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, rawRequest, startTestHost } from '../support/local-host';

/** The open loopback host refuses requests from other sites and other names, before any handler runs. */
describe('the local host on loopback: its own origin and names only (real HTTP)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });
  const tradingState = async () =>
    ((await call(`${host.url}/api/risk`)).body as { trading_state: string }).trading_state;

  it('refuses a cross-site POST (a page’s form or no-cors fetch) and changes nothing', async () => {
    const refused = await call(`${host.url}/api/risk/emergency-stop`, {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
    });
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({
      code: 'FOREIGN_ORIGIN',
      message: expect.stringMatching(/evil\.example/),
    });
    expect(await tradingState()).toBe('ACTIVE');
  });

  it('refuses a request for another name (DNS rebinding), reads included', async () => {
    const port = new URL(host.url).port;
    const rebound = await rawRequest(`${host.url}/api/portfolio`, {
      method: 'GET',
      headers: { host: `evil.example:${port}` },
    });
    expect(rebound.status).toBe(403);
    expect(rebound.text).not.toContain('cash');
  });

  it('serves its own origin, and tools that send no Origin (the README’s curl)', async () => {
    const port = new URL(host.url).port;
    const own = await call(`${host.url}/api/portfolio`, { headers: { origin: `http://localhost:${port}` } });
    expect(own.status).toBe(200);
    const curl = await call(`${host.url}/api/risk/emergency-stop`, { method: 'POST' });
    expect(curl.status).toBe(200);
    expect(await tradingState()).toBe('HALTED');
  });
});
