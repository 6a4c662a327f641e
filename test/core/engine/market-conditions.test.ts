import { describe, expect, it } from 'vitest';
import { assessSymbol, marketConditionsReport } from '../../../lib/core/engine/market-conditions';
import type { Bar } from '../../../lib/core/strategies/strategy';

const bars = (closes: number[], volume = (i: number) => 1_000_000 + i): Bar[] =>
  closes.map((close, i) => ({
    symbol: 'XYZ',
    time: new Date(Date.UTC(2026, 0, 1 + i, 21)).toISOString(),
    open: close,
    high: close,
    low: close,
    close,
    volume: volume(i),
  }));

describe('market conditions', () => {
  it('measures the gap, realised volatility (annualised, ddof 1), trend and relative volume', () => {
    const closes = Array.from({ length: 60 }, (_, i) => 100 * 1.01 ** i);
    const conditions = assessSymbol(
      'XYZ',
      bars(closes, (i) => (i === 59 ? 2_000_000 : 1_000_000)),
      closes[59]! * 1.02,
      0.3,
    );
    expect(conditions.gap).toBeCloseTo(0.02, 12);
    expect(conditions.realizedVolatility).toBeCloseTo(0, 12); // constant log returns
    expect(conditions.trend).toBe('uptrend');
    expect(conditions.relativeVolume).toBeCloseTo(2 / 1.05, 12);
    expect(conditions.impliedVolatility).toBe(0.3);

    const zigzag = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 100 : 101));
    const range = assessSymbol('XYZ', bars(zigzag), 100, null);
    expect(range.trend).toBe('range');
    const r = Math.log(1.01);
    // 20 returns alternating ±r: sample deviation r·sqrt(20/19)
    expect(range.realizedVolatility).toBeCloseTo(r * Math.sqrt(20 / 19) * Math.sqrt(252), 12);
  });

  it('recommends by regime and by implied against realised volatility', () => {
    const trending = Array.from({ length: 60 }, (_, i) => 100 * 1.01 ** i);
    const rich = assessSymbol('SPY', bars(trending), trending[59]!, 0.5);
    const report = marketConditionsReport('2026-11-18', new Date('2026-11-18T14:05:00Z'), [
      { ...rich, realizedVolatility: 0.2 },
    ]);
    expect(report.summary.regime).toBe('uptrend');
    const types = report.recommendations.map((r) => r.type);
    expect(types).toContain('ma_crossover');
    expect(types).toContain('iron_condor');
    expect(types).not.toContain('atm_straddle');
    const cheap = marketConditionsReport('2026-11-18', new Date(), [
      { ...rich, impliedVolatility: 0.1, realizedVolatility: 0.2, trend: 'range' },
    ]);
    expect(cheap.recommendations.map((r) => r.type)).toEqual(
      expect.arrayContaining(['rsi_mean_reversion', 'atm_straddle']),
    );
  });

  it('judges each options template on its own underlying’s figures, never the watchlist’s averages', () => {
    const flat = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 100 : 101));
    const spy = { ...assessSymbol('SPY', bars(flat), 100, 0.16), realizedVolatility: 0.203 };
    // A wild name on the watchlist lifts the averages: they would call SPY's options rich.
    const wild = { ...assessSymbol('TSLA', bars(flat), 100, 1.2), realizedVolatility: 0.5 };
    const report = marketConditionsReport('2026-11-18', new Date('2026-11-18T14:05:00Z'), [spy, wild]);
    const straddle = report.recommendations.find((r) => r.templateId === 'spy-straddle');
    expect(straddle?.reason).toBe(
      "SPY's implied volatility 16.0 % is cheap to its realised 20.3 %: buy movement",
    );
    expect(report.recommendations.map((r) => r.type)).not.toContain('iron_condor');
    // Without SPY on the watchlist there are no figures for its templates.
    const withoutSpy = marketConditionsReport('2026-11-18', new Date(), [wild]);
    expect(withoutSpy.recommendations.map((r) => r.templateId)).not.toContain('spy-straddle');
  });
});
