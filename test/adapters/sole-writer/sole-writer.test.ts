import { describe, expect, it, vi } from 'vitest';
import { DynamoDbAccountRepository } from '../../../lib/adapters/dynamodb/dynamodb-account-repository';
import { DynamoDbAlertStore } from '../../../lib/adapters/dynamodb/dynamodb-alert-store';
import { DynamoDbRiskLimitsRepository } from '../../../lib/adapters/dynamodb/dynamodb-risk-limits-repository';
import { DynamoDbTradingStateRepository } from '../../../lib/adapters/dynamodb/dynamodb-trading-state-repository';
import { InMemoryAccountRepository } from '../../../lib/adapters/memory/in-memory-account-repository';
import { InMemoryOrderRepository } from '../../../lib/adapters/memory/in-memory-order-repository';
import {
  InMemoryRiskLimitsRepository,
  InMemoryTradingStateRepository,
} from '../../../lib/adapters/memory/in-memory-risk-stores';
import { ItemCache } from '../../../lib/adapters/sole-writer/item-cache';
import { SoleWriterAccountRepository } from '../../../lib/adapters/sole-writer/sole-writer-account-repository';
import { SoleWriterOrderRepository } from '../../../lib/adapters/sole-writer/sole-writer-order-repository';
import { SoleWriterRiskProfiles } from '../../../lib/adapters/sole-writer/sole-writer-risk-profiles';
import { updateAccount } from '../../../lib/app/orders/retrying';
import type { AccountRepository } from '../../../lib/app/ports/account-repository';
import { ConcurrencyError } from '../../../lib/core/errors';
import { type Account, openPaperAccount } from '../../../lib/core/portfolio/account';
import { useDynalite } from '../../support/dynalite';
import { sampleOrder } from '../../support/sample-order';
import { accountRepositoryContract } from '../account-repository.contract';
import { riskStoresContract } from '../risk-stores.contract';

const NOW = new Date('2026-03-02T15:00:00Z');
const dynamo = useDynalite();

accountRepositoryContract(
  'SoleWriterAccountRepository over DynamoDB on dynalite',
  async () =>
    new SoleWriterAccountRepository(
      new DynamoDbAccountRepository(dynamo.documents(), dynamo.tableName('accounts')),
    ),
);

riskStoresContract('SoleWriterRiskProfiles over DynamoDB on dynalite', async () => {
  const now = () => new Date('2026-11-20T15:00:00Z');
  const shared = new SoleWriterRiskProfiles(
    new DynamoDbRiskLimitsRepository(dynamo.documents(), dynamo.tableName('risk'), now),
    new DynamoDbTradingStateRepository(dynamo.documents(), dynamo.tableName('risk'), now),
  );
  return {
    states: shared.tradingStates,
    limits: shared.limits,
    alerts: new DynamoDbAlertStore(dynamo.documents(), dynamo.tableName('risk')),
  };
});

/** The table under the cache, counting what reaches it; `holdReads` parks reads until released. */
class CountingAccounts extends InMemoryAccountRepository {
  reads = 0;
  saves = 0;
  private held: (() => void)[] = [];
  holdReads = false;

  override async get(accountId: string): Promise<Account | null> {
    this.reads++;
    const value = await super.get(accountId);
    if (this.holdReads) await new Promise<void>((resolve) => this.held.push(resolve));
    return value;
  }

  override async save(account: Account, entries: Parameters<AccountRepository['save']>[1]): Promise<void> {
    this.saves++;
    await super.save(account, entries);
  }

  release(): void {
    this.holdReads = false;
    for (const resolve of this.held.splice(0)) resolve();
  }
}

async function opened(table: AccountRepository, accountId = 'acct') {
  const { account, entries } = openPaperAccount(accountId, 10_000_000, NOW);
  await table.create(account, entries);
  return account;
}

describe('SoleWriterAccountRepository', () => {
  it('answers reads of what it wrote from memory, without reading the table', async () => {
    const table = new CountingAccounts();
    const accounts = new SoleWriterAccountRepository(table);
    const account = await opened(accounts);
    await accounts.save({ ...account, cashCents: 5_000_000, version: 2 }, []);

    expect((await accounts.get('acct'))?.cashCents).toBe(5_000_000);
    expect(table.reads).toBe(0);
  });

  it('forgets an account when a write loses a race, and reads the other writer’s version next', async () => {
    const table = new CountingAccounts();
    const accounts = new SoleWriterAccountRepository(table);
    const account = await opened(accounts);
    // Someone else (not through this process) writes version 2.
    await table.save({ ...account, cashCents: 1, version: 2 }, []);

    await expect(accounts.save({ ...account, cashCents: 2, version: 2 }, [])).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect(await accounts.get('acct')).toMatchObject({ cashCents: 1, version: 2 });
    expect(table.reads).toBe(1);
  });

  it('does not keep a read that a write overtook (the read is older than the write)', async () => {
    const table = new CountingAccounts();
    const account = await opened(table);
    const accounts = new SoleWriterAccountRepository(table);
    table.holdReads = true;
    const slowRead = accounts.get('acct');
    await accounts.save({ ...account, cashCents: 7, version: 2 }, []);
    table.release();

    expect((await slowRead)?.version).toBe(1); // it was read before the write: fine to return
    expect(await accounts.get('acct')).toMatchObject({ cashCents: 7, version: 2 }); // but not cached
  });

  it('hands out copies: neither the saver nor a reader can change what others see', async () => {
    const accounts = new SoleWriterAccountRepository(new CountingAccounts());
    const account = await opened(accounts);
    const next = { ...account, cashCents: 3, version: 2 };
    await accounts.save(next, []);
    next.cashCents = 999;
    const read = await accounts.get('acct');
    (read as Account).cashCents = 4;

    expect((await accounts.get('acct'))?.cashCents).toBe(3);
  });
});

describe('updateAccount with a stale account from the caller', () => {
  it('tries this process’s newer write first: one write, no lost race', async () => {
    const table = new CountingAccounts();
    const stale = await opened(table);
    await updateAccount(table, 'acct', (current) => ({
      account: { ...current, cashCents: current.cashCents - 100 },
      result: true,
    }));
    table.saves = 0;
    table.reads = 0;

    // The caller read version 1 before the write above; the process has written version 2 since.
    await updateAccount(
      table,
      'acct',
      (current) => ({ account: { ...current, cashCents: current.cashCents - 100 }, result: true }),
      stale,
    );

    expect(table.saves).toBe(1);
    expect(table.reads).toBe(0);
    expect(await table.get('acct')).toMatchObject({ cashCents: 10_000_000 - 200, version: 3 });
  });
});

describe('SoleWriterOrderRepository', () => {
  const order = sampleOrder('acct', 'o-1');

  it('reads the orders it created or saved from memory; a second create of the id is refused', async () => {
    const table = new InMemoryOrderRepository();
    let reads = 0;
    const get = table.get.bind(table);
    table.get = async (...args) => {
      reads++;
      return get(...args);
    };
    const orders = new SoleWriterOrderRepository(table);
    expect(await orders.create(order)).toBe(true);
    expect(await orders.create({ ...order, quantity: 5 })).toBe(false);
    await orders.save({ ...order, status: 'accepted', version: order.version + 1 });

    expect(await orders.get('acct', 'o-1')).toMatchObject({ status: 'accepted', quantity: 10 });
    expect(await orders.get('acct', 'o-2')).toBeNull();
    expect(reads).toBe(1); // only the order it never wrote
  });

  it('forgets an order whose save lost a race', async () => {
    const table = new InMemoryOrderRepository();
    const orders = new SoleWriterOrderRepository(table);
    await orders.create(order);
    await table.save({ ...order, status: 'canceled', version: order.version + 1 });

    await expect(orders.save({ ...order, status: 'accepted', version: order.version + 1 })).rejects.toThrow();
    expect((await orders.get('acct', 'o-1'))?.status).toBe('canceled');
  });
});

describe('SoleWriterRiskProfiles', () => {
  it('shows a halt to the very next profile read, however many reads were served from memory', async () => {
    const states = new InMemoryTradingStateRepository();
    const risk = new SoleWriterRiskProfiles(new InMemoryRiskLimitsRepository(states), states);
    expect((await risk.limits.profile('acct')).tradingState.state).toBe('ACTIVE');
    expect((await risk.limits.profile('acct')).tradingState.state).toBe('ACTIVE');

    const active = await risk.tradingStates.get('acct');
    await risk.tradingStates.save({ ...active, state: 'HALTED', reason: 'emergency stop', version: 1 });

    expect((await risk.limits.profile('acct')).tradingState.state).toBe('HALTED');
  });

  it('does not keep a profile read that a halt overtook', async () => {
    const states = new InMemoryTradingStateRepository();
    const limits = new InMemoryRiskLimitsRepository(states);
    // The first read is parked after reading ACTIVE, until the halt has been written.
    let park: (() => void) | undefined;
    let reads = 0;
    const slowLimits = {
      profile: async (accountId: string) => {
        const profile = await limits.profile(accountId);
        if (++reads === 1) await new Promise<void>((resolve) => (park = resolve));
        return profile;
      },
      save: limits.save.bind(limits),
    };
    const risk = new SoleWriterRiskProfiles(slowLimits, states);
    const slowRead = risk.limits.profile('acct');
    await vi.waitFor(() => expect(park).toBeDefined());
    await risk.tradingStates.save({
      ...(await states.get('acct')),
      state: 'HALTED',
      reason: 'emergency stop',
      version: 1,
    });
    park?.();
    expect((await slowRead).tradingState.state).toBe('ACTIVE'); // read before the halt landed

    expect((await risk.limits.profile('acct')).tradingState.state).toBe('HALTED');
    expect(reads).toBe(2); // the parked ACTIVE was not kept: the table was read again
  });
});

describe('ItemCache', () => {
  it('drops the least recently used item past its capacity', async () => {
    const cache = new ItemCache<{ n: number }>(2);
    cache.set('a', { n: 1 });
    cache.set('b', { n: 2 });
    cache.get('a');
    cache.set('c', { n: 3 });

    expect(cache.get('a')).toEqual({ n: 1 });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toEqual({ n: 3 });
  });
});
