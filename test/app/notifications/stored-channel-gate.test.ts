import { describe, expect, it } from 'vitest';
import type { ChannelStateStore } from '../../../lib/app/ports/channel-gate';
import { StoredChannelGate } from '../../../lib/app/notifications/stored-channel-gate';
import { EMPTY_GATE, type GateState } from '../../../lib/core/notifications/digest-gate';
import type { RiskAlert } from '../../../lib/core/risk/alerts';

/** A versioned store as DynamoDB keeps it, with a hook that lets a rival write slip in between a read and a write. */
class VersionedStore implements ChannelStateStore {
  items = new Map<string, { state: GateState; version: number }>();
  beforeWrite: () => void = () => undefined;
  async read(channel: string) {
    return structuredClone(this.items.get(channel) ?? { state: EMPTY_GATE, version: 0 });
  }
  async write(channel: string, state: GateState, version: number) {
    this.beforeWrite();
    if ((this.items.get(channel)?.version ?? 0) !== version) return false;
    this.items.set(channel, { state: structuredClone(state), version: version + 1 });
    return true;
  }
}

const policy = { minimumLevel: 'info' as const, maxPerWindow: 5, windowSeconds: 60 };
const T0 = Date.parse('2026-12-04T15:00:00Z');
const alert = (n: number, accountId = 'paper'): RiskAlert => ({
  accountId,
  alertId: `a${n}`,
  level: 'warning',
  code: n % 2 ? 'ORDER_REJECTED' : 'VAR_LIMIT',
  message: 'x',
  at: new Date(T0 + n * 100).toISOString(),
});

describe('StoredChannelGate: one rate limit for every container, held alerts never lost', () => {
  it('two containers (two gates on one store) share the window: five sent in all, the rest in one digest', async () => {
    const store = new VersionedStore();
    const containers = [0, 1].map(() => new StoredChannelGate(store, 'webhook', policy));
    const decisions = await Promise.all(
      Array.from({ length: 20 }, (_, n) => containers[n % 2]!.offer(alert(n), T0 + n * 100)),
    );
    expect(decisions.filter((d) => d === 'send')).toHaveLength(5);
    expect(decisions.filter((d) => d === 'held')).toHaveLength(15);
    // A third container, started later by the schedule, sends the digest once the window closed.
    const scheduled = new StoredChannelGate(store, 'webhook', policy);
    expect(await scheduled.flush(T0 + 30_000)).toBeNull();
    const digest = await scheduled.flush(T0 + 61_000);
    expect(digest).toMatchObject({ accountId: 'paper', count: 15 });
    expect(digest!.byCode.reduce((sum, entry) => sum + entry.count, 0)).toBe(15);
    expect(await containers[0]!.flush(T0 + 62_000)).toBeNull(); // sent once
  });

  it('a rival write between its read and its write makes it read again, not overwrite', async () => {
    const store = new VersionedStore();
    const gate = new StoredChannelGate(store, 'webhook', policy);
    const rival = new StoredChannelGate(store, 'webhook', policy);
    let slipped = false;
    store.beforeWrite = () => {
      if (slipped) return;
      slipped = true;
      store.items.set('webhook', { state: { windowStart: T0, sent: 5, held: null }, version: 1 });
    };
    expect(await gate.offer(alert(1), T0 + 1_000)).toBe('held'); // it saw the rival's five
    expect(await rival.flush(T0 + 61_000)).toMatchObject({ count: 1 });
  });
});
