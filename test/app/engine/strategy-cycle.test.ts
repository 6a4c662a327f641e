import { describe, expect, it } from 'vitest';
import { SimulatedMarketData } from '../../../lib/adapters/market-data/simulated-market-data';
import { SimulatedOptionChains } from '../../../lib/adapters/market-data/simulated-option-chains';
import { InMemoryEngineStore } from '../../../lib/adapters/memory/in-memory-engine-store';
import { InMemoryStrategyConfigRepository } from '../../../lib/adapters/memory/in-memory-strategy-config-repository';
import type { EngineDependencies } from '../../../lib/app/engine/engine-dependencies';
import { runEngineCycle } from '../../../lib/app/engine/run-cycle';
import { startSession } from '../../../lib/app/engine/sessions';
import { createStrategyConfig } from '../../../lib/app/strategies/strategy-configs';
import type { StrategyConfig } from '../../../lib/core/strategies/config';
import { expectBooksReconcile } from '../../support/books';
import { orderHarness } from '../../support/order-harness';

const ACCOUNT = 'acct-engine';
const CASH_CENTS = 100_000_000;

/**
 * The strategy engine's 15-second cycle on in-memory parts (the fast loop): a session of two
 * fast crossovers trades minute bars of the simulated market through the risk engine and the
 * paper venue; every signal is acted on once, and the books match the fills to the cent.
 */
describe('the strategy cycle on in-memory adapters', () => {
  async function engineHarness() {
    const h = orderHarness({ startingCash: CASH_CENTS / 100 });
    const market = h.deps.marketData;
    if (!(market instanceof SimulatedMarketData))
      throw new Error('the harness prices with the simulated market');
    const deps: EngineDependencies = {
      ...h.deps,
      engine: new InMemoryEngineStore(),
      strategies: new InMemoryStrategyConfigRepository(),
      bars: market,
      history: market,
      chains: new SimulatedOptionChains(market, h.clock),
      warmupBars: 120,
    };
    return { h, deps };
  }

  it('turns signals into orders once each, and ends with books that match the fills', async () => {
    const { h, deps } = await engineHarness();
    const configs: StrategyConfig[] = [];
    for (const symbols of [['AAPL'], ['MSFT', 'SPY']]) {
      configs.push(
        await createStrategyConfig(deps, ACCOUNT, 'trader', {
          type: 'ma_crossover',
          name: `fast ${symbols.join('+')}`,
          parameters: { fast_period: 2, slow_period: 5 },
          symbols,
        }),
      );
    }
    // $900 a position: orders under the $1,000 routing threshold go straight to the venue.
    const session = await startSession(deps, ACCOUNT, 'trader', {
      strategies: configs.map((config) => ({ configId: config.configId, allocation: 0.0009 })),
    });
    expect(session.state).toMatch(/created|running/);

    const process = { reconciled: false };
    let orders = 0;
    let exits = 0;
    for (let cycle = 0; cycle < 120; cycle++) {
      const run = await runEngineCycle(deps, 'test-holder', process);
      expect(run.ran).toBe(true);
      orders += run.sessions.reduce((sum, ran) => sum + ran.summary.orders, 0);
      exits += run.sessions.reduce((sum, ran) => sum + ran.summary.exits, 0);
      // The only refusals: the consecutive-loss breaker pausing a fast crossover that keeps losing.
      const errors = run.sessions.flatMap((ran) => ran.summary.errors.map((error) => error.message));
      expect(errors.filter((message) => !/in a row|circuit breaker/.test(message))).toEqual([]);
      // The same cycle again at the same time: every signal it saw was acted on already.
      const again = await runEngineCycle(deps, 'test-holder', process);
      expect(again.sessions.reduce((sum, ran) => sum + ran.summary.orders, 0)).toBe(0);
      await h.deliver();
      h.clock.advance(15_000);
    }
    expect(orders).toBeGreaterThan(2);

    const listed = (await deps.orders.list(ACCOUNT, {}, { limit: 500 })).orders;
    // Every order sent is stored; so is every refusal the risk engine gave (as `rejected`).
    expect(listed.filter((order) => order.status !== 'rejected')).toHaveLength(orders + exits);
    expect(new Set(listed.map((order) => order.clientOrderId)).size).toBe(listed.length);
    expect(listed.every((order) => configs.some((config) => config.configId === order.strategyId))).toBe(
      true,
    );
    // Each carries the price its cycle decided at (the mid as the cycle began), near its arrival.
    for (const order of listed.filter((placed) => placed.status !== 'rejected')) {
      expect(order.decisionPrice).toBeGreaterThan(0);
      expect(Math.abs(order.decisionPrice! / order.arrivalPrice - 1)).toBeLessThan(0.01);
    }
    const account = await expectBooksReconcile(deps.accounts, ACCOUNT, CASH_CENTS, expect);
    expect(account.openOrders).toEqual({});
    const stored = await deps.engine.currentSession(ACCOUNT);
    expect(stored?.cycles).toBe(240);
    expect(Object.keys(stored?.acted ?? {}).length).toBeGreaterThan(0);
  });
});
