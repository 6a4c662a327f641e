import { Rsi } from '../../indicators';
import { barSignal, perSymbol, quiet, type Strategy } from '../strategy';

export interface RsiParameters {
  period: number;
  oversold: number;
  exit_level: number;
}

interface SymbolState {
  rsi: Rsi;
  long: boolean;
}

/** RSI mean reversion, long only: buy when RSI closes below `oversold`; exit when it recovers above `exit_level`. */
export function rsiMeanReversion(parameters: RsiParameters): Strategy<Map<string, SymbolState>> {
  const symbolState = perSymbol<SymbolState>(() => ({ rsi: new Rsi(parameters.period), long: false }));
  return {
    type: 'rsi_mean_reversion',
    initialState: () => new Map(),
    onEvent(state, event) {
      if (event.kind !== 'bar') return quiet(state);
      const { bar } = event;
      const current = symbolState(state, bar.symbol);
      const rsi = current.rsi.next(bar.close);
      if (Number.isNaN(rsi)) return quiet(state); // still warming up
      if (!current.long && rsi < parameters.oversold) {
        current.long = true;
        return barSignal(
          state,
          bar,
          'long',
          Math.min(1, (parameters.oversold - rsi) / parameters.oversold + 0.5),
          `RSI(${parameters.period}) ${rsi.toFixed(1)} is below the oversold level ${parameters.oversold}`,
        );
      }
      if (current.long && rsi > parameters.exit_level) {
        current.long = false;
        return barSignal(
          state,
          bar,
          'flat',
          1,
          `RSI(${parameters.period}) ${rsi.toFixed(1)} recovered above ${parameters.exit_level}`,
        );
      }
      return quiet(state);
    },
  };
}
