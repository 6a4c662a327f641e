import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, startTestHost } from '../support/local-host';

describe('the local host with STRATUS_API_TOKEN', () => {
  let host: LocalHost;
  const token = 'test-token-0123456789abcdef';

  beforeAll(async () => {
    host = await startTestHost({ apiToken: token });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('keeps health open', async () => {
    expect((await call(`${host.url}/api/health`)).status).toBe(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', `Bearer ${token}x`],
    ['a token of the same length', `Bearer ${'y'.repeat(token.length)}`],
    ['a non-Bearer scheme', `Basic ${token}`],
  ])('answers 401 to %s, without echoing the token', async (_name, authorization) => {
    const response = await call(
      `${host.url}/api/portfolio`,
      authorization ? { headers: { authorization } } : {},
    );
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe('UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.text).not.toContain(token);
  });

  it('answers 401 to unknown routes too, before saying whether they exist', async () => {
    expect((await call(`${host.url}/api/secret-admin`)).status).toBe(401);
  });

  it('lets the right token through', async () => {
    const response = await call(`${host.url}/api/portfolio`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
  });

  it('refuses a second host in the same process (they would share SDK endpoint variables)', async () => {
    await expect(startTestHost()).rejects.toThrow(/already running/);
  });
});

describe('binding beyond loopback', () => {
  it('refuses to start without a token', async () => {
    const saved = process.env.STRATUS_API_TOKEN;
    delete process.env.STRATUS_API_TOKEN;
    try {
      const { startLocalHost } = await import('../../lib/local/local-host');
      await expect(startLocalHost({ host: '0.0.0.0', port: 0, inMemory: true })).rejects.toThrow(
        /STRATUS_API_TOKEN/,
      );
    } finally {
      if (saved !== undefined) process.env.STRATUS_API_TOKEN = saved;
    }
  });
});
