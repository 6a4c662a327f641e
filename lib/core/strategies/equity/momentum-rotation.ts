import { Roc } from '../../indicators';
import { quiet, type Signal, type Strategy } from '../strategy';

export interface MomentumParameters {
  lookback: number;
  top: number;
  watchlist: string[];
}

interface MomentumState {
  roc: Map<string, Roc>;
  /** Rate of change per symbol at the bar time being assembled. */
  pending: Map<string, Map<string, number>>;
  holdings: Set<string>;
}

/**
 * Momentum rotation across a watchlist: once every symbol has its bar for a time, rank them by
 * rate of change over `lookback` bars and hold the `top` with positive momentum — long for those
 * that enter, flat for those that drop out.
 */
export function momentumRotation(parameters: MomentumParameters): Strategy<MomentumState> {
  const watchlist = new Set(parameters.watchlist);
  return {
    type: 'momentum_rotation',
    initialState: () => ({ roc: new Map(), pending: new Map(), holdings: new Set() }),
    onEvent(state, event) {
      if (event.kind !== 'bar' || !watchlist.has(event.bar.symbol)) return quiet(state);
      const { bar } = event;
      const roc = state.roc.get(bar.symbol) ?? new Roc(parameters.lookback);
      state.roc.set(bar.symbol, roc);
      const atTime = state.pending.get(bar.time) ?? new Map<string, number>();
      state.pending.set(bar.time, atTime);
      atTime.set(bar.symbol, roc.next(bar.close));
      if (atTime.size < watchlist.size) return quiet(state);
      state.pending.delete(bar.time);
      const ranked = [...atTime]
        .filter((entry) => !Number.isNaN(entry[1]))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (ranked.length < watchlist.size) return quiet(state); // still warming up
      const chosen = ranked.slice(0, parameters.top).filter(([, value]) => value > 0);
      const target = new Set(chosen.map(([symbol]) => symbol));
      const signals: Signal[] = [];
      for (const symbol of [...state.holdings].sort()) {
        if (target.has(symbol)) continue;
        const value = atTime.get(symbol)!;
        signals.push({
          at: bar.time,
          symbol,
          direction: 'flat',
          strength: 1,
          rationale: `${symbol} left the top ${parameters.top} (ROC(${parameters.lookback}) ${value.toFixed(2)}%)`,
        });
      }
      chosen.forEach(([symbol, value], rank) => {
        if (state.holdings.has(symbol)) return;
        signals.push({
          at: bar.time,
          symbol,
          direction: 'long',
          strength: Math.min(1, value / 10),
          rationale: `${symbol} ranks #${rank + 1} of ${ranked.length} by ROC(${parameters.lookback}) ${value.toFixed(2)}%`,
        });
      });
      state.holdings = target;
      return { state, signals };
    },
  };
}
