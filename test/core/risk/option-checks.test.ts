import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../lib/core/risk/limits';
import {
  type OptionRiskContext,
  type OptionRiskOrder,
  optionPreTradeCheck,
} from '../../../lib/core/risk/option-checks';

const OPEN_SPREAD: OptionRiskOrder = {
  legs: [
    { symbol: 'SPY261218P00580000', side: 'buy', ratio: 1, positionIntent: 'buy_to_open' },
    { symbol: 'SPY261218P00590000', side: 'sell', ratio: 1, positionIntent: 'sell_to_open' },
  ],
  quantity: 5,
  underlying: 'SPY',
  maximumLossDollars: 3_500,
};
const CLOSE_SPREAD: OptionRiskOrder = {
  ...OPEN_SPREAD,
  legs: [
    { symbol: 'SPY261218P00580000', side: 'sell', ratio: 1, positionIntent: 'sell_to_close' },
    { symbol: 'SPY261218P00590000', side: 'buy', ratio: 1, positionIntent: 'buy_to_close' },
  ],
  maximumLossDollars: 0,
};

function context(
  overrides: Partial<OptionRiskContext> = {},
  limits: Partial<RiskLimits> = {},
): OptionRiskContext {
  return {
    tradingState: { state: 'ACTIVE', reason: '' },
    limits: { ...DEFAULT_RISK_LIMITS, ...limits },
    equityCents: 10_000_000,
    sessionOpenEquityCents: 10_000_000,
    lossStreak: { account: 0, strategy: 0 },
    greeks: { deltaBefore: 0, deltaAfter: 120, vegaBefore: 0, vegaAfter: -300 },
    ...overrides,
  };
}

const codeOf = (order: OptionRiskOrder, ctx: OptionRiskContext) => {
  const decision = optionPreTradeCheck(order, ctx);
  return decision.outcome === 'reject' ? decision.code : decision.outcome;
};

describe('pre-trade checks of option orders', () => {
  it('approve a covered spread within every limit', () => {
    expect(codeOf(OPEN_SPREAD, context())).toBe('approve');
  });

  it('let a halt stop everything but a flatten, and a reducing state or a daily loss pass only closes', () => {
    const halted = context({ tradingState: { state: 'HALTED', reason: 'stop' } });
    expect(codeOf(OPEN_SPREAD, halted)).toBe('TRADING_HALTED');
    expect(codeOf(CLOSE_SPREAD, halted)).toBe('TRADING_HALTED');
    expect(codeOf({ ...CLOSE_SPREAD, bypassHalt: true }, halted)).toBe('approve');
    const reducing = context({ tradingState: { state: 'REDUCING', reason: 'streak' } });
    expect(codeOf(OPEN_SPREAD, reducing)).toBe('REDUCING_ONLY');
    expect(codeOf(CLOSE_SPREAD, reducing)).toBe('approve');
    const down = context({ equityCents: 9_400_000 }, { dailyLossLimit: 5_000 });
    expect(codeOf(OPEN_SPREAD, down)).toBe('DAILY_LOSS_LIMIT');
    expect(codeOf(CLOSE_SPREAD, down)).toBe('approve');
    const streak = context({ lossStreak: { account: 0, strategy: 5 } });
    expect(codeOf({ ...OPEN_SPREAD, strategyId: 's-1' }, streak)).toBe('CONSECUTIVE_LOSSES');
  });

  it('hold the account to its options level, contracts per order and premium at risk', () => {
    expect(codeOf(OPEN_SPREAD, context({}, { optionsLevel: 'long' }))).toBe('OPTIONS_LEVEL');
    expect(codeOf(OPEN_SPREAD, context({}, { optionsLevel: 'none' }))).toBe('OPTIONS_LEVEL');
    expect(codeOf(CLOSE_SPREAD, context({}, { optionsLevel: 'long' }))).toBe('approve');
    expect(codeOf(OPEN_SPREAD, context({}, { maxOptionContracts: 9 }))).toBe('MAX_OPTION_CONTRACTS');
    expect(codeOf(OPEN_SPREAD, context({}, { maxOptionContracts: 10 }))).toBe('approve');
    expect(codeOf(OPEN_SPREAD, context({}, { maxOptionPremiumAtRisk: 3_499 }))).toBe(
      'MAX_OPTION_PREMIUM_AT_RISK',
    );
  });

  it('refuse greeks past their limits only when the order takes them further from zero', () => {
    expect(codeOf(OPEN_SPREAD, context({}, { maxOptionDeltaShares: 100 }))).toBe('MAX_OPTION_DELTA');
    const reducing = context(
      { greeks: { deltaBefore: 400, deltaAfter: 300, vegaBefore: 0, vegaAfter: 0 } },
      { maxOptionDeltaShares: 100 },
    );
    expect(codeOf(OPEN_SPREAD, reducing)).toBe('approve');
    expect(codeOf(OPEN_SPREAD, context({}, { maxOptionVegaPerPoint: 299 }))).toBe('MAX_OPTION_VEGA');
  });
});
