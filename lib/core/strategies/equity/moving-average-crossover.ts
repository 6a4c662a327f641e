import { Ema, type Indicator, Sma } from '../../indicators';
import { barSignal, perSymbol, quiet, type Strategy } from '../strategy';

export interface CrossoverParameters {
  fast_period: number;
  slow_period: number;
  average: 'sma' | 'ema';
}

interface SymbolState {
  fast: Indicator;
  slow: Indicator;
  above: boolean | undefined;
  long: boolean;
}

/**
 * Moving-average crossover, long only: long when the fast average crosses above the slow one,
 * flat when it crosses back below. The first comparison only sets the side (no signal), so a
 * strategy started mid-trend waits for a real cross.
 */
export function movingAverageCrossover(parameters: CrossoverParameters): Strategy<Map<string, SymbolState>> {
  const average = (period: number) => (parameters.average === 'ema' ? new Ema(period) : new Sma(period));
  const symbolState = perSymbol<SymbolState>(() => ({
    fast: average(parameters.fast_period),
    slow: average(parameters.slow_period),
    above: undefined,
    long: false,
  }));
  // The rationale's fixed words, written once: a minute-bar backtest emits tens of thousands of signals.
  const name = parameters.average.toUpperCase();
  const fastLabel = `${name}(${parameters.fast_period}) `;
  const crossedAbove = ` crossed above ${name}(${parameters.slow_period}) `;
  const crossedBelow = ` crossed below ${name}(${parameters.slow_period}) `;
  return {
    type: 'ma_crossover',
    initialState: () => new Map(),
    onEvent(state, event) {
      if (event.kind !== 'bar') return quiet(state);
      const { bar } = event;
      const current = symbolState(state, bar.symbol);
      const fast = current.fast.next(bar.close);
      const slow = current.slow.next(bar.close);
      if (Number.isNaN(fast) || Number.isNaN(slow)) return quiet(state); // still warming up
      const above = fast > slow;
      const crossed = current.above !== undefined && above !== current.above;
      current.above = above;
      if (!crossed || above === current.long) return quiet(state);
      current.long = above;
      return barSignal(
        state,
        bar,
        above ? 'long' : 'flat',
        Math.min(1, Math.abs(fast - slow) / slow / 0.01),
        fastLabel + fast.toFixed(2) + (above ? crossedAbove : crossedBelow) + slow.toFixed(2),
      );
    },
  };
}
