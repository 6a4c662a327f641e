import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { sdkClientSettings } from '../../lib/adapters/sdk-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { FakeAlpaca } from '../support/fake-alpaca';
import { call, startTestHost } from '../support/local-host';

const NEVER_MS = 2_147_483_647;

/**
 * STRATUS_BROKER=alpaca-paper on the local host, Alpaca played by the fake server: an order
 * placed over the API goes to Alpaca with its deterministic client id, and Alpaca's fills come
 * back through the same report queue the paper venue uses, into the same books.
 */
describe('the local host trading through Alpaca (fake Alpaca on loopback)', () => {
  let fake: FakeAlpaca;
  let host: LocalHost;
  const saved = { ...process.env };

  beforeAll(async () => {
    fake = await new FakeAlpaca('PKTEST', 'alpaca-secret-e2e').start();
    Object.assign(process.env, {
      STRATUS_BROKER: 'alpaca-paper',
      STRATUS_ALPACA_TRADING_URL: fake.url,
      STRATUS_ALPACA_DATA_URL: fake.url,
      STRATUS_ALPACA_KEY_ID: 'PKTEST',
      STRATUS_ALPACA_SECRET_KEY: 'alpaca-secret-e2e',
    });
    host = await startTestHost({ scheduleIntervalMs: NEVER_MS, cycleIntervalMs: NEVER_MS });
    // Alpaca's quotes are stamped on the platform's clock, so they are fresh to it.
    fake.now = () => new Date(Date.now() + host.clockOffsetMs);
  });
  afterAll(async () => {
    await host?.stop();
    await fake?.stop();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('gives the functions the Alpaca secret’s ARN and the grant to read it, never the keys', async () => {
    const env = host.environmentOf('orders');
    expect(env.STRATUS_ALPACA_SECRET_ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:\d+:secret:stratus\/alpaca-/,
    );
    expect(env.STRATUS_ALPACA_KEY_ID).toBeUndefined();
    expect(env.STRATUS_ALPACA_SECRET_KEY).toBeUndefined();
    const read = (accessKeyId: string) =>
      new SecretsManagerClient({
        ...sdkClientSettings('SECRETS_MANAGER', env),
        credentials: { accessKeyId, secretAccessKey: 'x' },
      }).send(new GetSecretValueCommand({ SecretId: env.STRATUS_ALPACA_SECRET_ARN }));
    await expect(read('AKIASTRANGER')).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(JSON.parse((await read(env.AWS_ACCESS_KEY_ID!)).SecretString!)).toEqual({
      key_id: 'PKTEST',
      secret_key: 'alpaca-secret-e2e',
    });
  });

  it('sends the order to Alpaca and books Alpaca’s fill: order filled, position and cash to the cent', async () => {
    const placed = await call(`${host.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        symbol: 'AAPL',
        side: 'buy',
        quantity: 10,
        execution: 'immediate',
        client_order_id: 'ui-e2e-1',
      }),
    });
    expect(placed.status).toBe(201);
    const order = placed.body as { id: string; client_order_id: string };
    const atAlpaca = fake.byClientId(order.client_order_id) ?? fake.byClientId(order.id);
    expect(atAlpaca).toMatchObject({
      symbol: 'AAPL',
      qty: '10',
      side: 'buy',
      type: 'limit',
      status: 'filled',
    });

    await host.runScheduled('venueMatcher'); // polls Alpaca's order updates
    await host.settle();
    const booked = (await call(`${host.url}/api/orders/${order.id}`)).body as {
      status: string;
      filled_quantity: number;
      filled_avg_price: number;
      commission: number;
    };
    expect(booked).toMatchObject({
      status: 'filled',
      filled_quantity: 10,
      filled_avg_price: 180,
      commission: 0,
    });
    const portfolio = (await call(`${host.url}/api/portfolio`)).body as {
      cash: number;
      positions: { symbol: string; quantity: number; avg_entry_price: number }[];
    };
    expect(portfolio.positions).toEqual([
      expect.objectContaining({ symbol: 'AAPL', quantity: 10, avg_entry_price: 180 }),
    ]);
    expect(portfolio.cash).toBe(100_000 - 1_800);

    // Polling again books nothing twice.
    await host.runScheduled('venueMatcher');
    await host.settle();
    expect(((await call(`${host.url}/api/portfolio`)).body as { cash: number }).cash).toBe(98_200);
  });

  it('prices nothing off a stale Alpaca quote: the order is refused with the reason, nothing is sent', async () => {
    fake.quoteAgeMs.set('MSFT', 120_000);
    const before = fake.count('POST /v2/orders');
    const refused = await call(`${host.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'MSFT', side: 'buy', quantity: 5, execution: 'immediate' }),
    });
    // Not the trader's mistake: the market data is unavailable for now (503, try again), by name.
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({
      error: { code: 'NO_QUOTE', message: 'No current quote for MSFT; try again shortly' },
    });
    expect(fake.count('POST /v2/orders')).toBe(before);
  });
});
