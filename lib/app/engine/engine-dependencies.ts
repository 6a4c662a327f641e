import type { OrderDependencies } from '../orders/order-dependencies';
import type { EngineStore } from '../ports/engine-store';
import type { OptionChains } from '../ports/option-chains';
import type { IntradayBars, PriceHistory } from '../ports/price-history';
import type { StrategyConfigRepository } from '../ports/strategy-config-repository';

/** What the engine needs beyond the order path: its own store, the configurations and market history. */
export interface EngineDependencies extends OrderDependencies {
  engine: EngineStore;
  strategies: StrategyConfigRepository;
  bars: IntradayBars;
  history: PriceHistory;
  chains: OptionChains;
  /** Minute bars each strategy is replayed over per cycle (its warm-up). */
  warmupBars: number;
}
