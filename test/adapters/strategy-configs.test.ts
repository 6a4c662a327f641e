import { describe, expect, it } from 'vitest';
import { DynamoDbStrategyConfigRepository } from '../../lib/adapters/dynamodb/dynamodb-strategy-config-repository';
import { InMemoryStrategyConfigRepository } from '../../lib/adapters/memory/in-memory-strategy-config-repository';
import type { StrategyConfigRepository } from '../../lib/app/ports/strategy-config-repository';
import { ConcurrencyError } from '../../lib/core/errors';
import type { StrategyConfig } from '../../lib/core/strategies/config';
import { useDynalite } from '../support/dynalite';

const config = (configId: string, version: number, change: Partial<StrategyConfig> = {}): StrategyConfig => ({
  accountId: 'acct-1',
  configId,
  version,
  type: 'ma_crossover',
  name: 'Crossover',
  parameters: { fast_period: 10, slow_period: 30, average: 'sma' },
  symbols: ['AAPL'],
  archived: false,
  note: `v${version}`,
  createdAt: `2026-11-23T15:00:0${version}.000Z`,
  createdBy: 'trader-1',
  ...change,
});

function contract(name: string, make: () => Promise<StrategyConfigRepository>) {
  describe(name, () => {
    it('creates once, versions in order, reads the latest or any version, lists the latest of each', async () => {
      const repository = await make();
      expect(await repository.create(config('c1', 1))).toBe(true);
      expect(await repository.create(config('c1', 1, { name: 'other' }))).toBe(false);
      await repository.addVersion(
        config('c1', 2, { parameters: { fast_period: 5, slow_period: 30, average: 'ema' } }),
      );
      await expect(
        repository.addVersion(config('c1', 2, { createdBy: 'someone-else' })),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(repository.addVersion(config('c1', 4))).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await repository.get('acct-1', 'c1'))?.version).toBe(2);
      expect((await repository.get('acct-1', 'c1', 1))?.parameters).toEqual({
        fast_period: 10,
        slow_period: 30,
        average: 'sma',
      });
      expect(await repository.get('acct-1', 'c1', 9)).toBeNull();
      expect((await repository.versions('acct-1', 'c1')).map((v) => v.note)).toEqual(['v1', 'v2']);
      await repository.create(config('c2', 1));
      expect((await repository.list('acct-1')).map((c) => [c.configId, c.version]).sort()).toEqual([
        ['c1', 2],
        ['c2', 1],
      ]);
      expect(await repository.get('acct-1', 'missing')).toBeNull();
    });

    it('keeps each account’s configurations to itself, even under the same id', async () => {
      const repository = await make();
      await repository.create(config('shared-id', 1, { name: 'mine' }));
      expect(await repository.create(config('shared-id', 1, { accountId: 'acct-2', name: 'theirs' }))).toBe(
        true,
      );
      await repository.addVersion(config('shared-id', 2, { accountId: 'acct-2', name: 'theirs v2' }));
      expect((await repository.get('acct-1', 'shared-id'))?.name).toBe('mine');
      expect((await repository.get('acct-2', 'shared-id'))?.name).toBe('theirs v2');
      expect(await repository.get('acct-3', 'shared-id')).toBeNull();
      expect((await repository.versions('acct-1', 'shared-id')).map((c) => c.name)).toEqual(['mine']);
      expect((await repository.list('acct-2')).map((c) => c.name)).toEqual(['theirs v2']);
      expect(await repository.list('acct-3')).toEqual([]);
    });
  });
}

contract('in-memory strategy configurations', async () => new InMemoryStrategyConfigRepository());
const dynamo = useDynalite();
contract(
  'DynamoDB strategy configurations on dynalite',
  async () => new DynamoDbStrategyConfigRepository(dynamo.documents(), dynamo.tableName('strategies')),
);
