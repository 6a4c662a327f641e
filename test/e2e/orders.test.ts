import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbAccountRepository } from '../../lib/adapters/dynamodb/dynamodb-account-repository';
import type { LocalHost } from '../../lib/local/local-host';
import { localClientConfig } from '../../lib/local/local-client-config';
import { expectBooksReconcile } from '../support/books';
import { call, errorOf, startTestHost, putLimits } from '../support/local-host';

type OrderBody = {
  id: string;
  status: string;
  execution: string;
  filled_quantity: number;
  children: { id: string; client_order_id: string; filled_quantity: number }[];
  fills: { fill_id: string }[];
};

describe('orders on the local host (real HTTP, real ASL, dynalite, fauxqs)', () => {
  let host: LocalHost;
  const post = (body: unknown) =>
    call(`${host.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const order = async (id: string) => (await call(`${host.url}/api/orders/${id}`)).body as OrderBody;

  beforeAll(async () => {
    host = await startTestHost({ startingCash: 5_000_000, waitOverrideMs: 0 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('fills the README market order and shows it in the portfolio', async () => {
    const placed = await post({ symbol: 'AAPL', side: 'buy', quantity: 100 });
    expect(placed.status).toBe(201);
    const id = (placed.body as OrderBody).id;
    await host.settle();
    expect(await order(id)).toMatchObject({ status: 'filled', filled_quantity: 100 });
    const portfolio = (await call(`${host.url}/api/portfolio`)).body as {
      positions: { symbol: string; quantity: number }[];
    };
    expect(portfolio.positions).toEqual([expect.objectContaining({ symbol: 'AAPL', quantity: 100 })]);
  });

  it('accepts the README limit order and rests it on the venue', async () => {
    const placed = await post({
      symbol: 'AAPL',
      side: 'buy',
      quantity: 100,
      order_type: 'limit',
      price: 150.0,
    });
    expect(placed.status).toBe(201);
    expect(['new', 'accepted']).toContain((placed.body as OrderBody).status);
    expect(placed.body).toMatchObject({
      execution: 'immediate',
      order_type: 'limit',
      limit_price: 150,
    });
    const id = (placed.body as OrderBody).id;
    const canceled = await call(`${host.url}/api/orders/${id}`, { method: 'DELETE' });
    expect(canceled.status).toBe(200);
    await host.settle();
    expect((await order(id)).status).toBe('canceled');
  });

  it('runs a TWAP of 10,000 shares through the real state machine: 10 slices {parent}-{n}, exactly 10,000 filled', async () => {
    await putLimits(host, { max_concentration: 10 }); // one symbol may be most of this account
    const placed = await post({
      symbol: 'MSFT',
      side: 'buy',
      quantity: 10_000,
      execution: 'twap',
      twap: { duration_seconds: 600, slices: 10 },
    });
    expect(placed.status).toBe(201);
    const id = (placed.body as OrderBody).id;
    await host.settle();
    const done = await order(id);
    expect(done).toMatchObject({ status: 'filled', filled_quantity: 10_000, execution: 'twap' });
    expect(done.children.map((child) => child.client_order_id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `${id}-${i + 1}`),
    );
    expect(done.children.reduce((sum, child) => sum + child.filled_quantity, 0)).toBe(10_000);
  });

  it('runs an iceberg through the real state machine: one clip at a time, then filled', async () => {
    const placed = await post({
      symbol: 'GOOGL',
      side: 'buy',
      quantity: 1_000,
      execution: 'iceberg',
      iceberg: { display_quantity: 300 },
    });
    expect(placed.status).toBe(201);
    const id = (placed.body as OrderBody).id;
    await host.settle();
    const done = await order(id);
    expect(done).toMatchObject({ status: 'filled', filled_quantity: 1_000, execution: 'iceberg' });
    expect(done.children.map((child) => (child as unknown as { quantity: number }).quantity)).toEqual([
      300, 300, 300, 100,
    ]);
  });

  it('creates one order from 50 identical concurrent requests', async () => {
    const body = { symbol: 'JPM', side: 'buy', quantity: 3, client_order_id: 'replay-under-load-1' };
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(body)));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(49);
    expect(new Set(responses.map((response) => (response.body as OrderBody).id)).size).toBe(1);
    const reuse = await post({ ...body, quantity: 4 });
    expect(reuse.status).toBe(409);
    expect(errorOf(reuse).code).toBe('CLIENT_ORDER_ID_REUSED');
    await host.settle();
    const listed = (await call(`${host.url}/api/orders?symbol=JPM`)).body as { orders: OrderBody[] };
    expect(listed.orders).toHaveLength(1);
  });

  it('applies a redelivered fill once', async () => {
    const placed = await post({ symbol: 'XOM', side: 'buy', quantity: 7 });
    const id = (placed.body as OrderBody).id;
    await host.settle();
    const filled = await order(id);
    const before = await call(`${host.url}/api/portfolio`);
    const sqs = new SQSClient({ ...localClientConfig(host.endpoints.sqs), useQueueUrlAsEndpoint: false });
    try {
      const fill = filled.fills[0]!;
      // The same execution report as the venue sent, delivered again under a new message id.
      const report = {
        kind: 'fill',
        reportId: fill.fill_id,
        accountId: 'paper',
        orderId: id,
        symbol: 'XOM',
        side: 'buy',
        quantity: 7,
        notionalCents: 1,
        commissionCents: 1,
        at: new Date().toISOString(),
      };
      for (const copy of [1, 2]) {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: host.operatorEnvironment().STRATUS_QUEUE_EXECUTION_REPORTS,
            MessageBody: JSON.stringify(report),
            MessageGroupId: 'paper',
            MessageDeduplicationId: `redelivery-${copy}`,
          }),
        );
      }
    } finally {
      sqs.destroy();
    }
    await host.settle();
    // The books, not the marks: the simulated price may tick between the two reads.
    type Book = {
      cash: number;
      buying_power: number;
      realized_pl: number;
      positions: Record<string, unknown>[];
    };
    const books = (body: unknown) => {
      const { cash, buying_power, realized_pl, positions } = body as Book;
      return {
        cash,
        buying_power,
        realized_pl,
        positions: positions.map(({ symbol, quantity, cost_basis, realized_pl: pl }) => ({
          symbol,
          quantity,
          cost_basis,
          pl,
        })),
      };
    };
    expect(books((await call(`${host.url}/api/portfolio`)).body)).toEqual(books(before.body));
  });

  it('reports execution metrics per order and in aggregate', async () => {
    const metrics = (await call(`${host.url}/api/orders/metrics`)).body as {
      orders: number;
      fill_rate: number;
      by_execution: Record<string, unknown>;
    };
    expect(metrics.orders).toBeGreaterThanOrEqual(4);
    expect(metrics.fill_rate).toBeGreaterThan(0);
    expect(Object.keys(metrics.by_execution)).toEqual(expect.arrayContaining(['immediate', 'twap']));
  });

  it('keeps the books exact after all of it', async () => {
    const accounts = new DynamoDbAccountRepository(
      createDocumentClient(host.operatorEnvironment()),
      host.operatorEnvironment().STRATUS_TABLE_ACCOUNTS!,
    );
    const account = await expectBooksReconcile(accounts, 'paper', 500_000_000, expect);
    expect(account.reservedCents).toBe(0);
  });

  it.each([
    ['a lowercase symbol', { symbol: 'aapl', side: 'buy', quantity: 1 }, 400, 'symbol'],
    [
      'an injection string as symbol',
      { symbol: "AAPL'; DROP TABLE orders;--", side: 'buy', quantity: 1 },
      400,
      'symbol',
    ],
    ['a fractional quantity', { symbol: 'AAPL', side: 'buy', quantity: 1.5 }, 400, 'quantity'],
    ['a negative quantity', { symbol: 'AAPL', side: 'buy', quantity: -5 }, 400, 'quantity'],
    ['a quantity as a string', { symbol: 'AAPL', side: 'buy', quantity: '100' }, 400, 'quantity'],
    [
      'a limit without a price',
      { symbol: 'AAPL', side: 'buy', quantity: 1, order_type: 'limit' },
      400,
      'price',
    ],
    ['an unknown field', { symbol: 'AAPL', side: 'buy', quantity: 1, status: 'filled' }, 400, 'status'],
    [
      'twap parameters on an iceberg',
      { symbol: 'AAPL', side: 'buy', quantity: 1, execution: 'iceberg', twap: { slices: 2 } },
      400,
      'twap',
    ],
    ['an unknown symbol', { symbol: 'ZZZZ', side: 'buy', quantity: 1 }, 422, 'symbol'],
  ])('refuses %s with %s naming %s, and changes nothing', async (_name, body, status, field) => {
    const before = await call(`${host.url}/api/orders?limit=500`);
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(errorOf(response).details?.map((detail) => detail.field)).toContain(field);
    expect((await call(`${host.url}/api/orders?limit=500`)).body).toEqual(before.body);
  });
});
