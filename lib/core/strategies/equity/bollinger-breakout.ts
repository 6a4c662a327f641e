import { BollingerBands } from '../../indicators';
import { barSignal, perSymbol, quiet, type Strategy } from '../strategy';

export interface BollingerParameters {
  period: number;
  deviations: number;
}

interface SymbolState {
  bands: BollingerBands;
  long: boolean;
}

/**
 * Bollinger breakout, long only: long when a close reaches the upper band (bands over the last
 * `period` closes, this one included), flat when a close falls back below the middle band.
 */
export function bollingerBreakout(parameters: BollingerParameters): Strategy<Map<string, SymbolState>> {
  const symbolState = perSymbol<SymbolState>(() => ({
    bands: new BollingerBands(parameters.period, parameters.deviations),
    long: false,
  }));
  return {
    type: 'bollinger_breakout',
    initialState: () => new Map(),
    onEvent(state, event) {
      if (event.kind !== 'bar') return quiet(state);
      const { bar } = event;
      const current = symbolState(state, bar.symbol);
      const bands = current.bands.next(bar.close);
      if (!bands) return quiet(state);
      if (!current.long && bar.close >= bands.upper && bands.upper > bands.middle) {
        current.long = true;
        return barSignal(
          state,
          bar,
          'long',
          Math.min(1, (bar.close - bands.middle) / (bands.upper - bands.middle) / 2),
          `Close ${bar.close.toFixed(2)} broke above the upper band ${bands.upper.toFixed(2)} (${parameters.period}, ${parameters.deviations}σ)`,
        );
      }
      if (current.long && bar.close < bands.middle) {
        current.long = false;
        return barSignal(
          state,
          bar,
          'flat',
          1,
          `Close ${bar.close.toFixed(2)} fell below the middle band ${bands.middle.toFixed(2)}`,
        );
      }
      return quiet(state);
    },
  };
}
