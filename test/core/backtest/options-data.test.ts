import { describe, expect, it } from 'vitest';
import { chainFromRows, generateBars, parseOptionsCsv, runBacktest } from '../../../lib/core/backtest';
import { listedExpiries, simulateChain } from '../../../lib/core/options';
import { createStrategy } from '../../../lib/core/strategies/registry';

/** Options quotes as a data vendor would ship them, here drawn from the simulated chain. */
function optionsCsv(days: ReturnType<typeof generateBars>): string {
  const lines = ['datetime,underlying,expiry,type,strike,bid,ask'];
  for (let i = 0; i < days.length; i++) {
    const asOf = new Date(days.time[i]!);
    const chain = simulateChain({
      underlying: 'SPY',
      spot: days.close[i]!,
      asOf,
      atmVolatility: 0.2,
      rate: 0.04,
      strikeStep: 5,
      strikesEachSide: 30,
      expiries: listedExpiries(asOf, 2, 2),
    });
    for (const expiry of chain.expiries) {
      for (const quote of [...expiry.calls, ...expiry.puts]) {
        lines.push(
          `${asOf.toISOString()},SPY,${expiry.expiry},${quote.contract.type === 'call' ? 'C' : 'P'},${quote.contract.strike},${quote.bid},${quote.ask}`,
        );
      }
    }
  }
  return lines.join('\n');
}

describe('options from data (CSV)', () => {
  const days = generateBars({
    symbol: 'SPY',
    bars: 60,
    start: Date.UTC(2026, 0, 5, 21),
    intervalMinutes: 1_440,
    initialPrice: 560,
    drift: 0,
    volatility: 0.18,
    seed: 8,
  });
  const data = parseOptionsCsv(optionsCsv(days));

  it('groups quotes into chains and implies each option’s volatility and greeks from its mid', () => {
    const rows = data.get('SPY')!.get(days.time[0]!)!;
    const chain = chainFromRows(rows, days.close[0]!, 0.04);
    expect(chain.expiries.length).toBeGreaterThanOrEqual(2);
    const atm = chain.expiries[1]!.calls.reduce((best, q) =>
      Math.abs(q.contract.strike - days.close[0]!) < Math.abs(best.contract.strike - days.close[0]!)
        ? q
        : best,
    );
    expect(atm.impliedVolatility).toBeCloseTo(0.2, 1);
    expect(atm.delta).toBeGreaterThan(0.4);
    expect(atm.delta).toBeLessThan(0.6);
  });

  it('an iron condor backtests on the quoted chains', () => {
    const result = runBacktest(
      createStrategy('iron_condor', { underlying: 'SPY', target_dte: 30, exit_dte: 5 }),
      [days],
      {
        capital: 100_000,
        commission: { kind: 'none' },
        slippage: { model: 'bps', bps: 0 },
        sizing: { kind: 'fixed', quantity: 0 },
        chainData: data,
      },
    );
    expect(result.trades.length + result.openOptions.length).toBeGreaterThan(0);
    expect(result.signals).toBeGreaterThan(0);
  });

  it('refuses a malformed row with its line', () => {
    expect(() =>
      parseOptionsCsv(
        'datetime,underlying,expiry,type,strike,bid,ask\n2026-01-05,SPY,2026-02-20,X,500,1,2\n',
      ),
    ).toThrow(/line 2: type "X"/);
  });
});
