import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../lib/adapters/alpaca/token-bucket';

function virtualBucket(capacity: number, perSecond: number) {
  let now = 0;
  const waits: number[] = [];
  const bucket = new TokenBucket(
    capacity,
    perSecond,
    () => now,
    async (ms) => {
      waits.push(ms);
      now += ms;
    },
  );
  return { bucket, waits, elapsed: () => now };
}

describe('TokenBucket (Alpaca request budget)', () => {
  it('lets a burst of `capacity` through at once, then paces calls at the refill rate', async () => {
    const { bucket, waits, elapsed } = virtualBucket(3, 2);
    for (let i = 0; i < 3; i++) await bucket.take();
    expect(waits).toEqual([]);
    for (let i = 0; i < 4; i++) await bucket.take();
    expect(elapsed()).toBe(2000); // 4 more tokens at 2 per second
  });

  it('serves waiting callers in order and never lets more through than the budget allows', async () => {
    const { bucket, elapsed } = virtualBucket(2, 1);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(elapsed()).toBe(3000);
  });

  it('drain() empties it: the next call waits a full refill', async () => {
    const { bucket, waits } = virtualBucket(5, 4);
    bucket.drain();
    await bucket.take();
    expect(waits).toEqual([250]);
  });
});
