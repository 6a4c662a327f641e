import { createStrategy } from '../../core/strategies/registry';
import {
  type MarketEvent,
  mergeBarsByTime,
  newestSignals,
  type Signal,
} from '../../core/strategies/strategy';
import type { OptionChains } from '../ports/option-chains';
import type { IntradayBars } from '../ports/price-history';
import type { StrategyDependencies } from './strategy-configs';

export interface SignalDependencies extends StrategyDependencies {
  bars: IntradayBars;
  chains: OptionChains;
  /** Minute bars the engine replays each strategy over per cycle: what the signals are read from too. */
  warmupBars: number;
}

export interface LatestSignal {
  configId: string;
  version: number;
  type: string;
  signal: Signal;
}

/**
 * The current stance of every active configuration, as a session trading it sees the market: its
 * strategy replayed over the minute bars the engine's cycle replays now (the last `warmupBars`,
 * every symbol interleaved by time, as a feed delivers them), options strategies then shown
 * today's chain; the latest signal per configuration and symbol. The same strategy code the
 * engine and the backtester run.
 */
export async function latestSignals(deps: SignalDependencies, accountId: string): Promise<LatestSignal[]> {
  const now = deps.clock.now();
  const latest: LatestSignal[] = [];
  for (const config of await deps.strategies.list(accountId)) {
    if (config.archived) continue;
    const bars = await deps.bars.minuteBars(config.symbols, deps.warmupBars, now);
    const events: MarketEvent[] = mergeBarsByTime(bars).map((bar) => ({ kind: 'bar', bar }));
    if (typeof config.parameters.underlying === 'string') {
      const chain = await deps.chains.chain(config.parameters.underlying);
      if (chain) events.push({ kind: 'chain', chain });
    }
    const bySymbol = newestSignals(createStrategy(config.type, config.parameters), events);
    for (const signal of bySymbol.values()) {
      latest.push({ configId: config.configId, version: config.version, type: config.type, signal });
    }
  }
  return latest.sort((a, b) => b.signal.at.localeCompare(a.signal.at));
}
