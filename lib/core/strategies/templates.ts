/** Ready-made configurations to start from: a type, sensible parameters and symbols. */
export interface StrategyTemplate {
  templateId: string;
  name: string;
  description: string;
  type: string;
  parameters: Record<string, unknown>;
  symbols: string[];
}

export const STRATEGY_TEMPLATES: readonly StrategyTemplate[] = [
  {
    templateId: 'golden-cross-spy',
    name: 'Golden cross on SPY',
    description: 'The classic 50/200-day simple moving-average crossover on the S&P 500 ETF.',
    type: 'ma_crossover',
    parameters: { fast_period: 50, slow_period: 200, average: 'sma' },
    symbols: ['SPY'],
  },
  {
    templateId: 'fast-ema-tech',
    name: 'Fast EMA crossover, megacap tech',
    description: '9/21 EMA crossover on AAPL, MSFT and NVDA.',
    type: 'ma_crossover',
    parameters: { fast_period: 9, slow_period: 21, average: 'ema' },
    symbols: ['AAPL', 'MSFT', 'NVDA'],
  },
  {
    templateId: 'rsi2-etfs',
    name: 'RSI(2) pullbacks in index ETFs',
    description: 'Buy short, sharp pullbacks (RSI(2) under 10) in SPY and QQQ; exit above 70.',
    type: 'rsi_mean_reversion',
    parameters: { period: 2, oversold: 10, exit_level: 70 },
    symbols: ['SPY', 'QQQ'],
  },
  {
    templateId: 'bollinger-breakout-tsla',
    name: 'Bollinger breakout on TSLA',
    description: '20-day, 2σ band breakout on a high-volatility name.',
    type: 'bollinger_breakout',
    parameters: { period: 20, deviations: 2 },
    symbols: ['TSLA'],
  },
  {
    templateId: 'sector-momentum',
    name: 'Momentum rotation, large caps',
    description: 'Hold the 3 strongest of 8 large caps by 20-day rate of change.',
    type: 'momentum_rotation',
    parameters: {
      lookback: 20,
      top: 3,
      watchlist: ['AAPL', 'MSFT', 'NVDA', 'GOOGL', 'META', 'AMZN', 'JPM', 'XOM'],
    },
    symbols: ['AAPL', 'MSFT', 'NVDA', 'GOOGL', 'META', 'AMZN', 'JPM', 'XOM'],
  },
  {
    templateId: 'spy-straddle',
    name: 'SPY straddle before volatility',
    description: 'Buy the 30-day ATM SPY straddle when realised volatility runs 20% above implied.',
    type: 'atm_straddle',
    parameters: { underlying: 'SPY', target_dte: 30, lookback: 20, entry_ratio: 1.2 },
    symbols: ['SPY'],
  },
  {
    templateId: 'spy-condor-45',
    name: 'SPY 45-day iron condor',
    description:
      'Sell 16-delta SPY condors with $10 wings at 45 days; take half the credit, exit at 21 days.',
    type: 'iron_condor',
    parameters: { underlying: 'SPY', target_dte: 45, short_delta: 0.16, wing_width: 10, exit_dte: 21 },
    symbols: ['SPY'],
  },
];
