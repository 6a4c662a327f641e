import { describe, expect, it } from 'vitest';
import { DynamoDbChannelStateStore } from '../../../lib/adapters/dynamodb/dynamodb-channel-state';
import { StoredChannelGate } from '../../../lib/app/notifications/stored-channel-gate';
import { EMPTY_GATE } from '../../../lib/core/notifications/digest-gate';
import { useDynalite } from '../../support/dynalite';

const dynamo = useDynalite();

describe('DynamoDbChannelStateStore on dynalite: a channel’s gate state, written only over the version read', () => {
  it('starts empty at version 0, takes one write per version, refuses a stale one', async () => {
    const store = new DynamoDbChannelStateStore(dynamo.documents(), dynamo.tableName('risk'));
    expect(await store.read('webhook')).toEqual({ state: EMPTY_GATE, version: 0 });
    const state = { windowStart: 1_000, sent: 1, held: null };
    expect(await store.write('webhook', state, 0)).toBe(true);
    expect(await store.write('webhook', { ...state, sent: 9 }, 0)).toBe(false);
    expect(await store.read('webhook')).toEqual({ state, version: 1 });
    expect(await store.write('webhook', { ...state, sent: 2 }, 1)).toBe(true);
    expect((await store.read('webhook')).state.sent).toBe(2);
  });

  it('holds a storm across gates and gives its digest once', async () => {
    const store = new DynamoDbChannelStateStore(dynamo.documents(), dynamo.tableName('risk'));
    const policy = { minimumLevel: 'info' as const, maxPerWindow: 2, windowSeconds: 60 };
    const [a, b] = [
      new StoredChannelGate(store, 'storm', policy),
      new StoredChannelGate(store, 'storm', policy),
    ];
    const at = Date.parse('2026-12-04T15:00:00Z');
    const alert = (n: number) => ({
      accountId: 'paper',
      alertId: `s${n}`,
      level: 'warning' as const,
      code: 'ORDER_REJECTED',
      message: 'refused',
      at: new Date(at + n).toISOString(),
    });
    const decisions = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((n) => (n % 2 ? a : b).offer(alert(n), at + n)),
    );
    expect(decisions.filter((d) => d === 'send')).toHaveLength(2);
    expect(await a.flush(at + 60_010)).toMatchObject({
      count: 4,
      byCode: [{ code: 'ORDER_REJECTED', count: 4 }],
    });
    expect(await b.flush(at + 60_020)).toBeNull();
  });
});
