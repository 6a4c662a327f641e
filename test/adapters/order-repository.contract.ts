import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRepository } from '../../lib/app/ports/order-repository';
import { ConcurrencyError } from '../../lib/core/errors';
import type { Order } from '../../lib/core/orders/order';
import { transition } from '../../lib/core/orders/order-lifecycle';
import { sampleOrder } from '../support/sample-order';

const MINUTE = 60_000;
const START = Date.parse('2026-03-02T15:00:00Z');

/** A child slice of `parent`, numbered as the TWAP and iceberg workflows number theirs. */
function slice(parent: Order, index: number): Order {
  return {
    ...sampleOrder(parent.accountId, `${parent.orderId}-${index}`, { at: new Date(START + index * MINUTE) }),
    parentId: parent.orderId,
    childIndex: index,
  };
}

/** The behaviour every OrderRepository must have; run against each adapter. */
export function orderRepositoryContract(name: string, create: () => Promise<OrderRepository>): void {
  describe(`${name} (OrderRepository contract)`, () => {
    let repository: OrderRepository;
    let accountId: string;
    /** Five top-level orders a minute apart (o-0 … o-4), alternating AAPL and MSFT. */
    let placed: Order[];

    beforeEach(async () => {
      repository = await create();
      accountId = `acct-${Math.floor(Math.random() * 1e9)}`;
      placed = Array.from({ length: 5 }, (_, index) =>
        sampleOrder(accountId, `o-${index}`, {
          symbol: index % 2 === 0 ? 'AAPL' : 'MSFT',
          ...(index < 2 ? { strategyId: 'cfg-1' } : {}),
          at: new Date(START + index * MINUTE),
        }),
      );
      for (const order of placed) expect(await repository.create(order)).toBe(true);
    });

    it('reads back exactly what was created, and null for an order it does not hold', async () => {
      expect(await repository.get(accountId, 'o-3')).toEqual(placed[3]);
      expect(await repository.get(accountId, 'o-missing')).toBeNull();
      expect(await repository.get('another-account', 'o-3')).toBeNull();
    });

    it('refuses a second create under the same id and keeps the first', async () => {
      const other = { ...placed[0]!, quantity: 999 };
      expect(await repository.create(other)).toBe(false);
      expect(await repository.get(accountId, 'o-0')).toEqual(placed[0]);
    });

    it('saves the next version only; a stale save writes nothing and says so', async () => {
      const accepted = {
        ...transition(placed[0]!, 'accepted', 'venue', new Date(START + MINUTE)),
        version: 2,
      };
      await repository.save(accepted);
      expect(await repository.get(accountId, 'o-0')).toEqual(accepted);
      const stale = { ...transition(placed[0]!, 'canceled', 'late', new Date(START + MINUTE)), version: 2 };
      await expect(repository.save(stale)).rejects.toBeInstanceOf(ConcurrencyError);
      const skipped = { ...accepted, version: 4 };
      await expect(repository.save(skipped)).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await repository.get(accountId, 'o-0')).toEqual(accepted);
    });

    it('lists top-level orders newest first, filtered by status, symbol, strategy and time', async () => {
      await repository.create(slice(placed[4]!, 1));
      const ids = async (filter: Parameters<OrderRepository['list']>[1]) =>
        (await repository.list(accountId, filter, { limit: 50 })).orders.map((order) => order.orderId);
      expect(await ids({})).toEqual(['o-4', 'o-3', 'o-2', 'o-1', 'o-0']);
      expect(await ids({ symbol: 'MSFT' })).toEqual(['o-3', 'o-1']);
      expect(await ids({ strategyId: 'cfg-1', symbol: 'AAPL' })).toEqual(['o-0']);
      expect(await ids({ status: 'filled' })).toEqual([]);
      expect(await ids({ from: '2026-03-02T15:01:00.000Z', to: '2026-03-02T15:03:00.000Z' })).toEqual([
        'o-3',
        'o-2',
        'o-1',
      ]);
      // A bare date as `to` means the whole of that day.
      expect(await ids({ to: '2026-03-02' })).toHaveLength(5);
      expect(await ids({ from: '2026-03-03' })).toEqual([]);
      expect((await repository.list('another-account', {}, { limit: 50 })).orders).toEqual([]);
    });

    it('pages through the list with its cursor: every order once, in order, then no cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await repository.list(accountId, {}, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.orders.map((order) => order.orderId));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(['o-4', 'o-3', 'o-2', 'o-1', 'o-0']);
    });

    it('returns a parent’s slices in index order, and only its own', async () => {
      for (const index of [3, 1, 2]) await repository.create(slice(placed[2]!, index));
      await repository.create(slice(placed[1]!, 1));
      const children = await repository.children(accountId, 'o-2');
      expect(children.map((child) => [child.orderId, child.childIndex])).toEqual([
        ['o-2-1', 1],
        ['o-2-2', 2],
        ['o-2-3', 3],
      ]);
      expect(await repository.children(accountId, 'o-0')).toEqual([]);
      expect(await repository.children('another-account', 'o-2')).toEqual([]);
    });
  });
}
