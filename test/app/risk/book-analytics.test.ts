import { describe, expect, it } from 'vitest';
import { bookAnalytics } from '../../../lib/app/risk/book-analytics';
import { returnsModel } from '../../../lib/app/risk/risk-model';
import type { Account } from '../../../lib/core/portfolio/account';

/** Closes of three symbols over 60 days: two that move together, one that partly hedges them. */
function closes(): Map<string, number[]> {
  const a: number[] = [100];
  const b: number[] = [50];
  const c: number[] = [20];
  for (let t = 1; t < 60; t++) {
    const shock = Math.sin(t * 1.3) * 0.01;
    const own = Math.cos(t * 2.1) * 0.004;
    a.push(a.at(-1)! * (1 + shock + own));
    b.push(b.at(-1)! * (1 + shock * 1.5 - own));
    c.push(c.at(-1)! * (1 - shock * 0.5 + Math.sin(t * 0.7) * 0.006));
  }
  return new Map([
    ['AAA', a],
    ['BBB', b],
    ['CCC', c],
  ]);
}

const position = (symbol: string, quantity: number) => ({ symbol, quantity, costBasisCents: 0 }) as never;
const strategyPosition = (quantity: number) => ({
  quantity,
  costBasisCents: 0,
  openedAt: '2026-11-18T15:00:00Z',
});

describe('book analytics on the account', () => {
  it('shares the VaR out among the strategies that hold the book, the rest to nobody; it all adds up', () => {
    const account = {
      positions: { AAA: position('AAA', 100), BBB: position('BBB', 300), CCC: position('CCC', 500) },
      strategyPositions: {
        trend: { AAA: strategyPosition(60), BBB: strategyPosition(300) },
        hedge: { CCC: strategyPosition(500) },
      },
    } as unknown as Account;
    const values = new Map([
      ['AAA', 100 * 100],
      ['BBB', 300 * 50],
      ['CCC', 500 * 20],
    ]);
    const result = bookAnalytics(account, returnsModel(closes()), values);
    const bySymbol = result.bySymbol.reduce((sum, part) => sum + part.component, 0);
    const byStrategy = result.byStrategy.reduce((sum, part) => sum + part.component, 0);
    expect(bySymbol).toBeCloseTo(result.var95, 9);
    expect(byStrategy).toBeCloseTo(result.var95, 9);
    // 40 of the 100 AAA are the account's own: that part goes to no strategy.
    const aaa = result.bySymbol.find((part) => part.symbol === 'AAA')!;
    expect(result.byStrategy.find((part) => part.strategyId === null)!.component).toBeCloseTo(
      aaa.component * 0.4,
      9,
    );
    // The hedge lowers the book's risk: its component is negative, its correlation with the others too.
    expect(result.byStrategy.find((part) => part.strategyId === 'hedge')!.component).toBeLessThan(0);
    const i = result.symbols.indexOf('AAA');
    const k = result.symbols.indexOf('CCC');
    expect(result.correlation[i]![k]).toBeLessThan(0);
    expect(result.diversificationRatio).toBeGreaterThan(1);
  });

  it('measures the book’s beta to the benchmark in dollars and suggests the trade that neutralises it', () => {
    const series = closes();
    // A benchmark that is AAA's path: AAA's beta is 1.
    series.set(
      'SPY',
      series.get('AAA')!.map((price) => price * 6),
    );
    const account = {
      positions: { AAA: position('AAA', 100), BBB: position('BBB', 300) },
    } as unknown as Account;
    const values = new Map([
      ['AAA', 10_000],
      ['BBB', 15_000],
    ]);
    const model = returnsModel(series);
    const result = bookAnalytics(account, model, values, { symbol: 'SPY', price: 600 });
    const n = model.symbols.length;
    const cov = (a: string, b: string) => model.covariance[model.index.get(a)! * n + model.index.get(b)!]!;
    const expected = (10_000 * cov('AAA', 'SPY') + 15_000 * cov('BBB', 'SPY')) / cov('SPY', 'SPY');
    expect(result.beta!.dollars).toBeCloseTo(expected, 6);
    expect(cov('AAA', 'SPY') / cov('SPY', 'SPY')).toBeCloseTo(1, 9);
    expect(result.beta!.hedge).toEqual({ side: 'sell', quantity: Math.round(expected / 600) });
    // The benchmark is not held: it is not in the book's matrix.
    expect(result.symbols).not.toContain('SPY');
    expect(bookAnalytics(account, model, values, null).beta).toBeNull();
  });
});
