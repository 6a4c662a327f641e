import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, startTestHost } from '../support/local-host';

type Child = { id: string; status: string; created_at: string; status_history: { reason: string }[] };
type OrderBody = { id: string; status: string; filled_quantity: number; children: Child[] };

/** Polls until `ready` holds, for at most `attempts` looks `everyMs` apart: waiting on an observed condition. */
async function until<T>(
  look: () => Promise<T>,
  ready: (value: T) => boolean,
  attempts = 100,
  everyMs = 100,
): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await look();
    if (ready(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error('condition not reached');
}

describe('cancelling a TWAP mid-flight (real state machine, real waits)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ startingCash: 5_000_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('stops the slices: no child is created or sent after the cancel is acknowledged', async () => {
    const placed = await call(`${host.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        symbol: 'NVDA',
        side: 'buy',
        quantity: 2_000,
        execution: 'twap',
        twap: { duration_seconds: 40, slices: 20 },
      }),
    });
    expect(placed.status).toBe(201);
    const id = (placed.body as OrderBody).id;
    const look = async () => (await call(`${host.url}/api/orders/${id}`)).body as OrderBody;
    await until(look, (order) => order.children.length >= 1);

    const canceled = await call(`${host.url}/api/orders/${id}`, { method: 'DELETE' });
    expect(canceled.status).toBe(200);
    // Order times are on the market clock: compare with the parent's own pending_cancel stamp.
    const history = (canceled.body as { status_history: { status: string; at: string }[] }).status_history;
    const acknowledgedAt = history.find((change) => change.status === 'pending_cancel')!.at;
    const childrenAtCancel = (canceled.body as OrderBody).children.length;
    expect(childrenAtCancel).toBeLessThan(20);

    await host.settle();
    const final = await look();
    expect(final.status).toBe('canceled');
    expect(final.children.length).toBe(childrenAtCancel);
    for (const child of final.children) {
      // A slice already on its way when the cancel came is refused by the venue, which the cancel
      // told first: it never trades.
      const refusedByTheCancel =
        child.status === 'rejected' &&
        child.status_history.at(-1)!.reason.includes('canceled before it arrived');
      expect(['filled', 'canceled'].includes(child.status) || refusedByTheCancel, child.status).toBe(true);
      expect(child.created_at <= acknowledgedAt).toBe(true);
    }
    expect(final.filled_quantity).toBeLessThan(2_000);
    const portfolio = (await call(`${host.url}/api/portfolio`)).body as {
      positions: { symbol: string; quantity: number }[];
      buying_power: number;
      cash: number;
    };
    expect(portfolio.positions.find((position) => position.symbol === 'NVDA')?.quantity ?? 0).toBe(
      final.filled_quantity,
    );
    expect(portfolio.buying_power).toBe(portfolio.cash);
  });
});
