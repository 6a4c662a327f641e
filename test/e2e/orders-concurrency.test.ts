import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbAccountRepository } from '../../lib/adapters/dynamodb/dynamodb-account-repository';
import type { LocalHost } from '../../lib/local/local-host';
import { expectBooksReconcile } from '../support/books';
import { call, errorOf, putLimits, startTestHost } from '../support/local-host';

describe('100 concurrent buys against limited buying power (HTTP, DynamoDB conditional writes)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ startingCash: 30_000, waitOverrideMs: 0 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('never overspends: every buy is either reserved and filled or refused, and the books reconcile', async () => {
    // Identical orders on purpose, so only buying power decides (not the duplicate guard or concentration).
    await putLimits(host, { duplicate_window_seconds: 0, max_concentration: 10 });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(`${host.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            symbol: 'JNJ',
            side: 'buy',
            quantity: 5,
            execution: 'immediate',
            client_order_id: `burst-${i}`,
          }),
        }),
      ),
    );
    const statuses = responses.map(
      (response) => `${response.status} ${response.status >= 400 ? errorOf(response).code : ''}`,
    );
    expect(statuses.filter((status) => !status.startsWith('201') && !status.startsWith('422'))).toEqual([]);
    const created = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status === 422);
    expect(created.length + refused.length).toBe(100);
    expect(created.length).toBeGreaterThan(10);
    expect(refused.length).toBeGreaterThan(10);
    for (const response of refused) expect(errorOf(response).code).toBe('INSUFFICIENT_BUYING_POWER');
    await host.settle();
    const portfolio = (await call(`${host.url}/api/portfolio`)).body as {
      cash: number;
      buying_power: number;
      positions: { quantity: number }[];
    };
    expect(portfolio.cash).toBeGreaterThanOrEqual(0);
    expect(portfolio.buying_power).toBe(portfolio.cash);
    expect(portfolio.positions[0]?.quantity).toBe(created.length * 5);
    const accounts = new DynamoDbAccountRepository(
      createDocumentClient(host.operatorEnvironment()),
      host.operatorEnvironment().STRATUS_TABLE_ACCOUNTS!,
    );
    await expectBooksReconcile(accounts, 'paper', 3_000_000, expect);
  });
});
