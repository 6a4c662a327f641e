import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, putLimits, sendJson, startTestHost } from '../support/local-host';

/**
 * A client order id is an idempotency key: a replay answers as the first request did. A refusal
 * (422) is answered again with the same code, even once the same order would pass, and whether
 * the refusal came before an order was written or at the reservation.
 */
describe('replaying a refused client_order_id (real HTTP)', () => {
  let host: LocalHost;
  const post = (body: unknown) => sendJson(host, 'POST', '/api/orders', body);

  beforeAll(async () => {
    host = await startTestHost({ startingCash: 100_000, waitOverrideMs: 0 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('refuses the replay of a risk-refused order again after the limit that refused it is raised', async () => {
    await putLimits(host, { max_order_quantity: 10 });
    const body = { symbol: 'AAPL', side: 'buy', quantity: 20, client_order_id: 'replay-risk-1' };
    const first = await post(body);
    expect(first.status).toBe(422);
    expect(errorOf(first).code).toBe('MAX_ORDER_QUANTITY');

    await putLimits(host, { max_order_quantity: 1_000 });
    const replay = await post(body);
    expect(replay.status).toBe(422);
    expect(errorOf(replay)).toEqual(errorOf(first));

    const listed = (await call(`${host.url}/api/orders?status=rejected`)).body as {
      orders: { client_order_id: string; status: string; rejection: { code: string } | null }[];
    };
    expect(listed.orders.find((order) => order.client_order_id === 'replay-risk-1')).toMatchObject({
      status: 'rejected',
      rejection: { code: 'MAX_ORDER_QUANTITY' },
    });
  });

  it('refuses the replay of an unknown symbol the same way, and a different request under the id with 409', async () => {
    const body = { symbol: 'ZZZZ', side: 'buy', quantity: 1, client_order_id: 'replay-symbol-1' };
    const first = await post(body);
    expect(first.status).toBe(422);
    expect(errorOf(first).code).toBe('UNKNOWN_SYMBOL');
    expect(errorOf(await post(body))).toEqual(errorOf(first));
    const reused = await post({ ...body, quantity: 2 });
    expect(reused.status).toBe(409);
    expect(errorOf(reused).code).toBe('CLIENT_ORDER_ID_REUSED');
  });

  it('answers each loser of a race for the same buying power with its own refusal again on replay', async () => {
    await putLimits(host, { max_order_quantity: 1_000, max_concentration: 10 });
    // Each order needs most of the cash: one can be reserved, the others are refused either
    // before their order is written or at the reservation, whichever the race makes them meet.
    const bodies = Array.from({ length: 4 }, (_, index) => ({
      symbol: 'MSFT',
      side: 'buy',
      quantity: 150,
      order_type: 'limit',
      price: 1,
      time_in_force: 'gtc',
      client_order_id: `race-${index}`,
    }));
    const portfolio = (await call(`${host.url}/api/portfolio`)).body as { buying_power: number };
    const quote = (await call(`${host.url}/api/market/quotes?symbols=MSFT`)).body as {
      quotes: { ask: number }[];
    };
    const shares = Math.floor((portfolio.buying_power * 0.6) / quote.quotes[0]!.ask);
    const answers = await Promise.all(
      bodies.map((body) => post({ ...body, quantity: shares, price: quote.quotes[0]!.ask })),
    );
    const refused = answers
      .map((answer, index) => ({
        answer,
        body: { ...bodies[index]!, quantity: shares, price: quote.quotes[0]!.ask },
      }))
      .filter(({ answer }) => answer.status === 422);
    expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const { answer, body } of refused) {
      const replay = await post(body);
      expect(replay.status).toBe(422);
      expect(errorOf(replay).code).toBe(errorOf(answer).code);
    }
  });
});
