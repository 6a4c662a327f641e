import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preTradeCheck, PRE_TRADE_CHECKS } from '../../../lib/core/risk/pre-trade/pre-trade-check';
import type { PreTradeCheck, RiskContext } from '../../../lib/core/risk/pre-trade/types';
import { buy, riskContext, sell } from '../../support/risk-context';

describe('preTradeCheck', () => {
  it('approves an ordinary order', () => {
    expect(preTradeCheck(buy(10), riskContext())).toEqual({ outcome: 'approve', quantity: 10 });
  });

  it('runs the checks in the documented order: the halt wins over everything', () => {
    const context = riskContext(
      { tradingState: { state: 'HALTED', reason: 'stop' }, buyingPowerCents: 0 },
      { maxOrderQuantity: 1, restrictedSymbols: ['AAPL'] },
    );
    expect(preTradeCheck(buy(10), context)).toMatchObject({
      outcome: 'reject',
      code: 'TRADING_HALTED',
      check: 'trading_state',
    });
    expect(PRE_TRADE_CHECKS.map((check) => check.name)).toEqual([
      'trading_state',
      'restricted_symbol',
      'order_size',
      'price_collar',
      'duplicate_order',
      'order_rate',
      'daily_loss',
      'consecutive_losses',
      'position_limit',
      'concentration',
      'var_limit',
      'buying_power',
    ]);
  });

  it('carries an adjustment into later checks: cut by concentration, then judged by buying power at the new size', () => {
    const context = riskContext(
      { equityCents: 10_000_000, buyingPowerCents: 50 * 10_002, buyCostCents: (q) => q * 10_002 },
      { maxConcentration: 0.1 },
    );
    // Concentration allows 99; buying power only 50 → rejected at 99.
    expect(preTradeCheck(buy(200), context)).toMatchObject({
      outcome: 'reject',
      code: 'INSUFFICIENT_BUYING_POWER',
    });
    const richer = { ...context, buyingPowerCents: 100 * 10_002 };
    expect(preTradeCheck(buy(200), richer)).toEqual({
      outcome: 'adjust',
      quantity: 99,
      requestedQuantity: 200,
      code: 'CONCENTRATION_LIMIT',
      detail: expect.stringContaining('reduced to 99'),
      check: 'concentration',
    });
  });

  it('never throws: a failing check rejects the order (fail closed)', () => {
    const broken: PreTradeCheck = {
      name: 'broken',
      evaluate: () => {
        throw new Error('boom');
      },
    };
    expect(preTradeCheck(buy(1), riskContext(), [broken])).toMatchObject({
      outcome: 'reject',
      code: 'RISK_CHECK_FAILED',
    });
  });

  const arbitraryContext: fc.Arbitrary<RiskContext> = fc
    .record({
      held: fc.integer({ min: 0, max: 5_000 }),
      pending: fc.integer({ min: 0, max: 1_000 }),
      equity: fc.integer({ min: 0, max: 100_000_000 }),
      buyingPower: fc.integer({ min: 0, max: 100_000_000 }),
      concentration: fc.double({ min: 0.01, max: 1, noNaN: true }),
      maxPosition: fc.integer({ min: 0, max: 10_000 }),
      maxVar: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
      variance: fc.double({ min: 0, max: 1e9, noNaN: true }),
      covariance: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      minAdjust: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((r) =>
      riskContext(
        {
          heldQuantity: r.held,
          sellableQuantity: r.held,
          pendingBuyQuantity: r.pending,
          equityCents: r.equity,
          sessionOpenEquityCents: r.equity,
          buyingPowerCents: r.buyingPower,
          varModel: {
            portfolioVariance: r.variance,
            covarianceWithSymbol: r.covariance,
            symbolVariance: 0.0004,
          },
        },
        {
          maxConcentration: r.concentration,
          maxPositionQuantity: r.maxPosition,
          maxVarFraction: r.maxVar,
          minAdjustFraction: r.minAdjust,
        },
      ),
    );

  it('property: an adjusted order is smaller, whole lots, and itself approved by every check', () => {
    fc.assert(
      fc.property(
        arbitraryContext,
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(1, 10, 100),
        fc.boolean(),
        (context, lots, lotSize, isBuy) => {
          const order = (isBuy ? buy : sell)(lots * lotSize, { lotSize });
          const decision = preTradeCheck(order, context);
          if (decision.outcome !== 'adjust') return;
          expect(decision.quantity).toBeGreaterThan(0);
          expect(decision.quantity).toBeLessThan(order.quantity);
          expect(decision.quantity % lotSize).toBe(0);
          expect(preTradeCheck({ ...order, quantity: decision.quantity }, context)).toEqual({
            outcome: 'approve',
            quantity: decision.quantity,
          });
        },
      ),
    );
  });

  it('property: whatever the inputs, a decision comes back (no throw) and an approval respects position and concentration', () => {
    fc.assert(
      fc.property(arbitraryContext, fc.integer({ min: 1, max: 20_000 }), (context, quantity) => {
        const decision = preTradeCheck(buy(quantity), context);
        expect(['approve', 'adjust', 'reject']).toContain(decision.outcome);
        if (decision.outcome === 'reject') return;
        const after = context.heldQuantity + context.pendingBuyQuantity + decision.quantity;
        expect(after).toBeLessThanOrEqual(context.limits.maxPositionQuantity);
        expect(after * context.quote.ask).toBeLessThanOrEqual(
          context.limits.maxConcentration * (context.equityCents / 100) + 1e-6,
        );
      }),
    );
  });
});
