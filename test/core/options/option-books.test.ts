import { describe, expect, it } from 'vitest';
import { maximumLoss } from '../../../lib/core/options/max-loss';
import { occSymbol } from '../../../lib/core/options/occ-symbol';
import { settleExpiredOptions } from '../../../lib/core/options/option-expiry';
import {
  levelNeeded,
  netQuote,
  type OptionOrderLeg,
  optionOrderReservationCents,
} from '../../../lib/core/options/option-order';
import { optionsRequirementCents } from '../../../lib/core/options/option-requirement';
import { type Account, buyingPowerCents, openPaperAccount } from '../../../lib/core/portfolio/account';
import { applyFill, reserveForOrder } from '../../../lib/core/portfolio/order-exposure';

const NOW = new Date('2026-12-07T15:00:00Z');
const EXPIRY = '2026-12-18';
const call = (strike: number) => occSymbol({ underlying: 'SPY', expiry: EXPIRY, type: 'call', strike });
const put = (strike: number) => occSymbol({ underlying: 'SPY', expiry: EXPIRY, type: 'put', strike });

function leg(
  symbol: string,
  side: 'buy' | 'sell',
  intent: OptionOrderLeg['positionIntent'] = side === 'buy' ? 'buy_to_open' : 'sell_to_open',
): OptionOrderLeg {
  return { symbol, side, ratio: 1, positionIntent: intent };
}

const CONDOR = [leg(put(580), 'buy'), leg(put(590), 'sell'), leg(call(610), 'sell'), leg(call(625), 'buy')];

function funded(cents = 10_000_000): Account {
  return openPaperAccount('a-1', cents, NOW).account;
}

function filled(
  account: Account,
  legs: { symbol: string; side: 'buy' | 'sell'; quantity: number; price: number }[],
  units: number,
  commissionCents = 0,
): Account {
  const orderId = `o-${account.version}`;
  let next = reserveForOrder(
    account,
    {
      orderId,
      symbol: 'SPY',
      side: 'buy',
      quantity: units,
      reservedCents: 0,
      reservedQuantity: 0,
      openedAt: NOW.toISOString(),
      legs: legs.map((l) => ({ symbol: l.symbol, side: l.side, ratio: l.quantity / units, closing: false })),
    },
    NOW,
  );
  const outcome = applyFill(next, {
    fillId: `${orderId}:1`,
    exposureId: orderId,
    orderId,
    symbol: 'SPY',
    side: 'buy',
    quantity: units,
    notionalCents: 0,
    commissionCents,
    at: NOW,
    legs: legs.map((l) => ({
      symbol: l.symbol,
      side: l.side,
      quantity: l.quantity,
      notionalCents: Math.round(l.price * 100 * 100 * l.quantity),
    })),
  });
  if (outcome.kind !== 'applied') throw new Error(outcome.kind);
  next = outcome.account;
  return next;
}

describe('options in the books', () => {
  it('reserves an iron condor’s maximum loss: the wider wing less the credit', () => {
    // Credit 3.10 a share: wings 10 (puts) and 15 (calls) wide; the worst is the call wing.
    const reservation = optionOrderReservationCents([], CONDOR, 2, -3.1);
    const legs = [
      { type: 'put' as const, strike: 580, quantity: 2 },
      { type: 'put' as const, strike: 590, quantity: -2 },
      { type: 'call' as const, strike: 610, quantity: -2 },
      { type: 'call' as const, strike: 625, quantity: 2 },
    ];
    expect(reservation).toBe(Math.round(maximumLoss(legs, -3.1 * 2) * 100));
    expect(reservation).toBe((15 - 3.1) * 100 * 2 * 100);
  });

  it('reserves a long straddle’s premium, and nothing for closing a spread the account holds', () => {
    expect(optionOrderReservationCents([], [leg(call(600), 'buy'), leg(put(600), 'buy')], 3, 12.4)).toBe(
      12.4 * 100 * 3 * 100,
    );
    const held = [
      { symbol: put(590), quantity: -1 },
      { symbol: put(580), quantity: 1 },
    ];
    const close = [leg(put(590), 'buy', 'buy_to_close'), leg(put(580), 'sell', 'sell_to_close')];
    expect(optionOrderReservationCents(held, close, 1, 2.5)).toBe(0);
    expect(optionOrderReservationCents([], [leg(call(610), 'sell')], 1, -4)).toBe(Number.POSITIVE_INFINITY);
  });

  it('holds the worst payoff of short options against buying power after the fill, so the condor costs its maximum loss', () => {
    const account = funded();
    const after = filled(
      account,
      [
        { symbol: put(580), side: 'buy', quantity: 1, price: 1.2 },
        { symbol: put(590), side: 'sell', quantity: 1, price: 2.9 },
        { symbol: call(610), side: 'sell', quantity: 1, price: 2.6 },
        { symbol: call(625), side: 'buy', quantity: 1, price: 1.2 },
      ],
      1,
      260,
    );
    expect(after.cashCents).toBe(account.cashCents + 310 * 100 - 260);
    expect(optionsRequirementCents(Object.values(after.positions))).toBe(1_500_00);
    // Buying power falls by the maximum loss (15 − 3.10) × 100 and the commission.
    expect(buyingPowerCents(account) - buyingPowerCents(after)).toBe(1_190_00 + 260);
    expect(after.positions[call(610)]).toMatchObject({ quantity: -1, costBasisCents: -260_00 });
    // Books: opening cash + realised = cash + cost basis of what is held.
    const basis = Object.values(after.positions).reduce((sum, p) => sum + p.costBasisCents, 0);
    expect(account.cashCents + after.realizedPnlCents).toBe(after.cashCents + basis);
  });

  it('asks for the level an order needs: long premium, covered spreads, or naked shorts', () => {
    expect(levelNeeded([leg(call(600), 'buy'), leg(put(600), 'buy')])).toBe('long');
    expect(levelNeeded(CONDOR)).toBe('spreads');
    expect(levelNeeded([leg(put(590), 'sell')])).toBe('naked');
    expect(levelNeeded([leg(call(610), 'sell'), leg(put(580), 'buy')])).toBe('naked');
    expect(levelNeeded([leg(call(610), 'sell', 'sell_to_close')])).toBe('long');
  });

  it('quotes a spread’s net market: buys at the bid and sells at the ask at best, across every leg at worst', () => {
    const quotes = new Map([
      [call(600), { bid: 5.0, ask: 5.2 }],
      [call(610), { bid: 2.0, ask: 2.1 }],
    ]);
    expect(netQuote([leg(call(600), 'buy'), leg(call(610), 'sell')], quotes)).toEqual({ bid: 2.9, ask: 3.2 });
  });

  it('settles an expiry: the out-of-the-money contracts expire worthless, the in-the-money one is exercised into shares at the strike', () => {
    let account = funded(100_000_000);
    account = filled(
      account,
      [
        { symbol: call(600), side: 'buy', quantity: 2, price: 4 },
        { symbol: put(590), side: 'buy', quantity: 1, price: 3 },
      ],
      1,
    );
    const before = account;
    const afterClose = new Date('2026-12-18T21:05:00Z');
    const result = settleExpiredOptions(account, afterClose, () => 607.5)!;
    expect(result.settlements.map((s) => [s.symbol, s.outcome, s.intrinsic])).toEqual([
      [call(600), 'exercised', 7.5],
      [put(590), 'expired', 0],
    ]);
    // 200 shares bought at the strike in all: the call's intrinsic in, the shares at the close out.
    expect(result.account.cashCents).toBe(before.cashCents - 600 * 200 * 100);
    expect(result.account.positions.SPY).toMatchObject({ quantity: 200, costBasisCents: 607.5 * 200 * 100 });
    expect(result.account.positions[call(600)]).toBeUndefined();
    expect(result.account.positions[put(590)]).toBeUndefined();
    // Realised: the call made 7.50 − 4.00 a share, the put lost its 3.00.
    expect(result.account.realizedPnlCents - before.realizedPnlCents).toBe(3.5 * 200 * 100 - 3 * 100 * 100);
    expect(result.entries.map((e) => e.kind)).toEqual(['exercise', 'expiry', 'trade']);
    const last = result.entries.at(-1)!;
    expect(last.balanceAfterCents).toBe(result.account.cashCents);
    const basis = Object.values(result.account.positions).reduce((sum, p) => sum + p.costBasisCents, 0);
    expect(100_000_000 + result.account.realizedPnlCents).toBe(result.account.cashCents + basis);
    // Before the expiration's close nothing happens.
    expect(settleExpiredOptions(account, new Date('2026-12-18T20:59:00Z'), () => 607.5)).toBeNull();
  });

  it('settles in cash the shares an assignment would sell short in a cash account', () => {
    let account = funded();
    account = filled(
      account,
      [
        { symbol: call(600), side: 'sell', quantity: 1, price: 5 },
        { symbol: call(610), side: 'buy', quantity: 1, price: 2 },
      ],
      1,
    );
    const result = settleExpiredOptions(account, new Date('2026-12-19T15:00:00Z'), () => 605)!;
    expect(result.deliveries).toEqual([{ underlying: 'SPY', close: 605, delivered: 0, cashSettled: -100 }]);
    expect(result.account.positions.SPY).toBeUndefined();
    // Credit 3.00 received, 5.00 intrinsic paid on assignment: 2.00 a share lost.
    expect(result.account.cashCents).toBe(10_000_000 - 200 * 100);
    expect(result.entries.map((e) => e.kind)).toEqual(['assignment', 'expiry', 'adjustment']);
    expect(result.entries.at(-1)!.note).toMatch(/settled in cash.*cannot sell shares it does not hold/);
    expect(optionsRequirementCents(Object.values(result.account.positions))).toBe(0);
  });
});
