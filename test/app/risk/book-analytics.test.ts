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
});
