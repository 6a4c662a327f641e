import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideOnSignal, type StanceInput } from '../../../lib/core/engine/signal-orders';
import { exitReason } from '../../../lib/core/engine/exits';
import type { Signal } from '../../../lib/core/strategies/strategy';

const signal = (direction: Signal['direction'], at = '2026-11-18T15:00:00.000Z'): Signal => ({
  at,
  symbol: 'AAPL',
  direction,
  strength: 1,
  rationale: 'test',
});

const base: StanceInput = {
  signal: signal('long'),
  acted: undefined,
  held: 0,
  orderWorking: false,
  price: 200,
  equityDollars: 100_000,
  allocation: 0.25,
  lotSize: 1,
};

describe('signals to orders', () => {
  it('buys the allocation in whole lots on a new long signal', () => {
    expect(decideOnSignal(base)).toMatchObject({ kind: 'order', side: 'buy', quantity: 125 });
    expect(decideOnSignal({ ...base, lotSize: 100 })).toMatchObject({
      kind: 'order',
      side: 'buy',
      quantity: 100,
    });
  });

  it('sells what the strategy holds on flat, and on short (the engine opens no shorts)', () => {
    expect(decideOnSignal({ ...base, signal: signal('flat'), held: 40 })).toMatchObject({
      side: 'sell',
      quantity: 40,
    });
    expect(decideOnSignal({ ...base, signal: signal('short'), held: 40 })).toMatchObject({
      side: 'sell',
      quantity: 40,
    });
    expect(decideOnSignal({ ...base, signal: signal('short'), held: 0 })).toMatchObject({
      kind: 'none',
      record: true,
    });
  });

  it('acts on a signal once; waits while an order works; records what needs no order', () => {
    const acted = { at: base.signal!.at, direction: 'long' as const, outcome: 'ordered' as const };
    expect(decideOnSignal({ ...base, acted })).toMatchObject({ kind: 'none', record: false });
    expect(decideOnSignal({ ...base, orderWorking: true })).toMatchObject({ kind: 'none', record: false });
    expect(decideOnSignal({ ...base, held: 10 })).toMatchObject({
      kind: 'none',
      record: true,
      reason: 'already long',
    });
    expect(decideOnSignal({ ...base, signal: null })).toMatchObject({ kind: 'none', record: false });
    expect(decideOnSignal({ ...base, price: 1_000_000 })).toMatchObject({ kind: 'none', record: true });
  });

  it('leaves option signals to be recorded, never sent as equity orders', () => {
    const legs = [
      {
        symbol: 'SPY261218C00500000',
        type: 'call' as const,
        strike: 500,
        expiry: '2026-12-18',
        quantity: 1,
        price: 5,
      },
    ];
    expect(decideOnSignal({ ...base, signal: { ...signal('long'), legs } })).toMatchObject({
      kind: 'none',
      record: true,
    });
  });

  it('never buys more than the allocation nor sells more than is held (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Signal['direction']>('long', 'flat', 'short'),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0.01, max: 5_000, noNaN: true }),
        fc.double({ min: 0, max: 10_000_000, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.constantFrom(1, 10, 100),
        (direction, held, price, equity, allocation, lotSize) => {
          const decision = decideOnSignal({
            ...base,
            signal: signal(direction),
            held,
            price,
            equityDollars: equity,
            allocation,
            lotSize,
          });
          if (decision.kind !== 'order') return;
          if (decision.side === 'buy') {
            expect(decision.quantity * price).toBeLessThanOrEqual(allocation * equity + 1e-6);
            expect(decision.quantity % lotSize).toBe(0);
            expect(held).toBe(0);
          } else {
            expect(decision.quantity).toBe(held);
          }
        },
      ),
    );
  });
});

describe('exits', () => {
  const now = new Date('2026-11-18T16:00:00Z');
  const position = { entryPrice: 100, openedAt: '2026-11-18T15:00:00Z' };

  it('takes profit, stops out and times out at their thresholds, not before', () => {
    expect(exitReason({ takeProfit: 0.05 }, position, 105, now)).toMatch(/take profit/);
    expect(exitReason({ takeProfit: 0.05 }, position, 104.99, now)).toBeNull();
    expect(exitReason({ stopLoss: 0.02 }, position, 98, now)).toMatch(/stop loss/);
    expect(exitReason({ stopLoss: 0.02 }, position, 98.01, now)).toBeNull();
    expect(exitReason({ maxHoldMinutes: 60 }, position, 100, now)).toMatch(/time exit/);
    expect(exitReason({ maxHoldMinutes: 61 }, position, 100, now)).toBeNull();
    expect(exitReason(undefined, position, 1, now)).toBeNull();
  });
});
