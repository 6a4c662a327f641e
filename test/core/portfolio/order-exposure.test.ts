import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../lib/core/errors';
import {
  type Account,
  buyingPowerCents,
  openPaperAccount,
  sellableQuantity,
} from '../../../lib/core/portfolio/account';
import {
  type AccountFill,
  applyFill,
  releaseOrder,
  reserveForOrder,
} from '../../../lib/core/portfolio/order-exposure';

const NOW = new Date('2026-11-23T15:00:00Z');

function funded(cents = 10_000_000): Account {
  return openPaperAccount('a-1', cents, NOW).account;
}

function buyExposure(orderId: string, quantity: number, reservedCents: number) {
  return {
    orderId,
    symbol: 'AAPL',
    side: 'buy' as const,
    quantity,
    reservedCents,
    reservedQuantity: 0,
    openedAt: NOW.toISOString(),
  };
}

function fill(
  orderId: string,
  fillId: string,
  side: 'buy' | 'sell',
  quantity: number,
  priceCents: number,
  commissionCents = 100,
): AccountFill {
  return {
    fillId,
    exposureId: orderId,
    orderId,
    symbol: 'AAPL',
    side,
    quantity,
    notionalCents: quantity * priceCents,
    commissionCents,
    at: NOW,
  };
}

function applied(account: Account, f: AccountFill): Account {
  const outcome = applyFill(account, f);
  if (outcome.kind !== 'applied') throw new Error(`expected applied, got ${outcome.kind}`);
  return outcome.account;
}

describe('reserveForOrder', () => {
  it('takes buying power and refuses an order it cannot cover', () => {
    const account = reserveForOrder(funded(1_000_000), buyExposure('o-1', 10, 600_000), NOW);
    expect(buyingPowerCents(account)).toBe(400_000);
    expect(() => reserveForOrder(account, buyExposure('o-2', 10, 400_001), NOW)).toThrow(DomainError);
    expect(buyingPowerCents(reserveForOrder(account, buyExposure('o-2', 10, 400_000), NOW))).toBe(0);
  });

  it('is idempotent for the same order', () => {
    const once = reserveForOrder(funded(), buyExposure('o-1', 10, 600_000), NOW);
    expect(reserveForOrder(once, buyExposure('o-1', 10, 600_000), NOW)).toBe(once);
  });

  it('refuses to sell shares not held (no accidental shorts)', () => {
    const account = funded();
    expect(() =>
      reserveForOrder(account, { ...buyExposure('s-1', 5, 0), side: 'sell', reservedQuantity: 5 }, NOW),
    ).toThrow(/short selling is disabled/);
  });
});

describe('applyFill', () => {
  it('moves cash and the position, releases the reservation in proportion, and writes the ledger', () => {
    let account = reserveForOrder(funded(), buyExposure('o-1', 100, 1_910_000), NOW);
    account = applied(account, fill('o-1', 'f-1', 'buy', 40, 19_000));
    expect(account.cashCents).toBe(10_000_000 - 760_000 - 100);
    expect(account.positions.AAPL).toMatchObject({
      quantity: 40,
      costBasisCents: 760_000,
      realizedPnlCents: -100,
    });
    expect(account.openOrders['o-1']).toMatchObject({
      filledQuantity: 40,
      reservedCents: 1_910_000 - 764_000,
    });
    expect(account.reservedCents).toBe(1_146_000);
  });

  it('applies a fill once: the same fill id again is a duplicate and changes nothing', () => {
    const reserved = reserveForOrder(funded(), buyExposure('o-1', 100, 1_910_000), NOW);
    const once = applied(reserved, fill('o-1', 'f-1', 'buy', 40, 19_000));
    expect(applyFill(once, fill('o-1', 'f-1', 'buy', 40, 19_000))).toEqual({ kind: 'duplicate' });
  });

  it('refuses an overfill', () => {
    const reserved = reserveForOrder(funded(), buyExposure('o-1', 10, 200_000), NOW);
    expect(() => applyFill(reserved, fill('o-1', 'f-1', 'buy', 11, 19_000))).toThrow(/exceeds/);
  });

  it('realises P&L against average cost on a sell', () => {
    let account = reserveForOrder(funded(), buyExposure('b', 100, 2_000_000), NOW);
    account = applied(account, fill('b', 'f-b', 'buy', 100, 19_000, 0));
    account = releaseOrder(account, 'b', NOW)!;
    account = reserveForOrder(
      account,
      { ...buyExposure('s', 30, 0), side: 'sell', reservedQuantity: 30 },
      NOW,
    );
    expect(sellableQuantity(account, 'AAPL')).toBe(70);
    const outcome = applyFill(account, fill('s', 'f-s', 'sell', 30, 20_000, 100));
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.realizedPnlCents).toBe(30 * 1_000 - 100);
    expect(outcome.account.positions.AAPL).toMatchObject({ quantity: 70, costBasisCents: 1_330_000 });
  });

  it('keeps the books exact under any sequence of fills: opening cash + realised P&L = cash + cost basis', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            side: fc.constantFrom('buy', 'sell'),
            quantity: fc.integer({ min: 1, max: 500 }),
            priceCents: fc.integer({ min: 100, max: 100_000 }),
            commission: fc.integer({ min: 0, max: 500 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (steps) => {
          const opening = 1_000_000_000;
          let account = funded(opening);
          steps.forEach((step, i) => {
            const id = `o-${i}`;
            const held = account.positions.AAPL?.quantity ?? 0;
            const quantity = step.side === 'sell' ? Math.min(step.quantity, held) : step.quantity;
            if (quantity === 0) return;
            const exposure =
              step.side === 'buy'
                ? buyExposure(id, quantity, quantity * step.priceCents + step.commission)
                : { ...buyExposure(id, quantity, 0), side: 'sell' as const, reservedQuantity: quantity };
            account = reserveForOrder(account, exposure, NOW);
            account = applied(
              account,
              fill(id, `f-${i}`, step.side as 'buy' | 'sell', quantity, step.priceCents, step.commission),
            );
            account = releaseOrder(account, id, NOW)!;
          });
          const basis = Object.values(account.positions).reduce((sum, p) => sum + p.costBasisCents, 0);
          expect(opening + account.realizedPnlCents).toBe(account.cashCents + basis);
          expect(account.reservedCents).toBe(0);
          expect(Object.keys(account.openOrders)).toEqual([]);
          expect(account.cashCents).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
