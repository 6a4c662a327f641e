import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '../support/cli-process';
import { FakeAlpaca } from '../support/fake-alpaca';

const API_TOKEN = 'api-token-must-never-be-logged-7c1d';
const ROLE_TOKEN = 'viewer-token-must-never-be-logged-2e9b';
const ALPACA_SECRET = 'alpaca-secret-must-never-be-logged-5f0a';
const WEBHOOK_SECRET = 'webhook-path-must-never-be-logged-9d3c';
const SECRETS = [API_TOKEN, ROLE_TOKEN, ALPACA_SECRET, WEBHOOK_SECRET];

/**
 * The whole server as `npm start` runs it, at DEBUG log level, with an API token, role tokens,
 * Alpaca keys and an alert webhook configured: requests that succeed, fail authentication, fail validation and
 * fail at the broker. Every line it logs is scanned for the secrets.
 */
describe('secrets never reach the logs or a response', () => {
  let fake: FakeAlpaca;
  let server: ServeProcess;
  const responses: string[] = [];
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${server.url}${path}`, init);
    const text = await response.text();
    responses.push(`${response.status} ${[...response.headers].join(' ')} ${text}`);
    return response.status;
  };

  beforeAll(async () => {
    fake = await new FakeAlpaca('PKLOGS', ALPACA_SECRET).start();
    // The platform clock starts inside a session; Alpaca's quotes follow it, so they are fresh to it.
    const clockStart = Date.parse('2026-11-18T15:00:00Z');
    const offset = clockStart - Date.now();
    fake.now = () => new Date(Date.now() + offset);
    server = await startServeProcess(
      [
        '--in-memory',
        '--log-level',
        'DEBUG',
        '--manual-schedule',
        '--test-controls',
        '--clock-start',
        new Date(clockStart).toISOString(),
      ],
      {
        STRATUS_API_TOKEN: API_TOKEN,
        STRATUS_API_TOKENS: `${ROLE_TOKEN}:viewer`,
        STRATUS_BROKER: 'alpaca-paper',
        STRATUS_ALPACA_TRADING_URL: fake.url,
        STRATUS_ALPACA_DATA_URL: fake.url,
        STRATUS_ALPACA_KEY_ID: 'PKLOGS',
        STRATUS_ALPACA_SECRET_KEY: ALPACA_SECRET,
        // A webhook nobody answers (a closed port): deliveries retried, failed, logged.
        STRATUS_ALERT_WEBHOOK_URL: `http://127.0.0.1:9/services/${WEBHOOK_SECRET}`,
      },
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await fake?.stop();
  });

  it('logs requests, failures and broker errors without a token or a key in them', async () => {
    const admin = { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' };
    expect(await send('/api/portfolio', { headers: admin })).toBe(200);
    expect(await send('/api/portfolio', { headers: { authorization: `Bearer ${API_TOKEN}x` } })).toBe(401);
    expect(
      await send('/api/orders', {
        method: 'POST',
        headers: { authorization: `Bearer ${ROLE_TOKEN}` },
        body: '{}',
      }),
    ).toBe(403);
    expect(await send('/api/orders', { method: 'POST', headers: admin, body: '{"symbol":"aapl"}' })).toBe(
      400,
    );
    const order = { symbol: 'AAPL', side: 'buy', quantity: 2, execution: 'immediate' };
    const placed = await send('/api/orders', { method: 'POST', headers: admin, body: JSON.stringify(order) });
    expect(placed, responses.at(-1)).toBe(201);
    // Alpaca refuses (unknown asset at the broker) and rate-limits: error paths that log.
    fake.prices.delete('MSFT');
    fake.rateLimitNext = 1;
    await send('/api/orders', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ ...order, symbol: 'MSFT' }),
    });
    // Test controls, with tokens configured, need an admin's token like any other route.
    expect(await send('/local/run/venueMatcher', { method: 'POST' })).toBe(401);
    expect(
      await send('/local/run/venueMatcher', {
        method: 'POST',
        headers: { authorization: `Bearer ${ROLE_TOKEN}` },
      }),
    ).toBe(401);
    expect(await send('/local/run/venueMatcher', { method: 'POST', headers: admin })).toBe(200);
    // An emergency stop's alert goes to the webhook, which fails every attempt.
    expect(await send('/api/risk/emergency-stop', { method: 'POST', headers: admin, body: '{}' })).toBe(200);
    expect(await send('/local/settle', { method: 'POST', headers: admin })).toBe(200);
    expect(await send('/api/notifications/deliveries', { headers: admin })).toBe(200);
    expect(responses.at(-1)).toContain('network error');

    const logged = server.output();
    expect(logged.length).toBeGreaterThan(1_000); // DEBUG really logged the traffic
    for (const secret of SECRETS) {
      expect(logged.includes(secret), 'a secret in the server log').toBe(false);
      expect(
        responses.some((text) => text.includes(secret)),
        'a secret in a response',
      ).toBe(false);
    }
  });
});
