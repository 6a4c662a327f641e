import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, startTestHost } from '../support/local-host';

describe('opening a paper account under concurrent first requests', () => {
  let host: LocalHost;

  beforeAll(async () => {
    host = await startTestHost({ accountId: 'racing', startingCash: 50_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('opens it exactly once: one deposit, every response the same cash', async () => {
    const responses = await Promise.all(Array.from({ length: 25 }, () => call(`${host.url}/api/portfolio`)));
    expect(responses.map((response) => response.status)).toEqual(Array(25).fill(200));
    expect(new Set(responses.map((response) => (response.body as { cash: number }).cash))).toEqual(
      new Set([50_000]),
    );
    const ledger = await call(`${host.url}/api/portfolio/ledger`);
    expect((ledger.body as { entries: { kind: string }[] }).entries.map((entry) => entry.kind)).toEqual([
      'deposit',
    ]);
  });
});
