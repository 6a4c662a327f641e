import { SimulatedInstruments } from '../adapters/market-data/simulated-instruments';
import type { VenueFills } from '../core/backtest/engine';
import type { Liquidity } from '../core/execution/impact-book';
import { SIMULATED_SPREAD } from '../core/market/quote-model';
import { paperBook, type Settings } from './settings';

/**
 * How a backtest fills to trade as this platform's paper venue fills the live engine
 * (`BacktestConfig.venue`): its book (the impact model and each simulated instrument's
 * liquidity, or the flat book), the simulated market's spread and tick, the slippage collar.
 */
export function venueFills(settings: Settings): VenueFills {
  const liquidity: Record<string, Liquidity> = {};
  for (const instrument of new SimulatedInstruments().all())
    if (instrument.liquidity) liquidity[instrument.symbol] = instrument.liquidity;
  return {
    book: paperBook(settings),
    ...(settings.paper.impact ? { impact: settings.paper.impact, liquidity } : {}),
    spread: SIMULATED_SPREAD,
    tickSize: 0.01,
    maxSlippageBps: settings.maxSlippageBps,
  };
}
