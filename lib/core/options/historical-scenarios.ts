import type { MarketScenario } from './options-var';

/** Sessions behind each realized-volatility estimate of the implied-volatility proxy. */
export const VOLATILITY_WINDOW = 20;

/**
 * One scenario per historical day: every symbol's return that day, and its implied volatility's
 * change — for which the history of daily closes has only a proxy: the day's change in the
 * symbol's realized volatility over the `window` sessions before it, annualised (implied
 * volatility rises when the market falls, and so does realized; both at once is the crash a
 * short straddle fears). The first `window` days only warm the estimate up.
 */
export function historicalScenarios(
  symbols: readonly string[],
  returns: readonly Float64Array[],
  window = VOLATILITY_WINDOW,
): MarketScenario[] {
  const days = Math.min(...returns.map((series) => series.length));
  const scenarios: MarketScenario[] = [];
  const volatility = returns.map((series) => rollingVolatility(series, days, window));
  for (let day = window; day < days; day++) {
    const dayReturns = new Map<string, number>();
    const volatilityChanges = new Map<string, number>();
    symbols.forEach((symbol, i) => {
      dayReturns.set(symbol, returns[i]![day]!);
      volatilityChanges.set(symbol, volatility[i]![day]! - volatility[i]![day - 1]!);
    });
    scenarios.push({ returns: dayReturns, volatilityChanges });
  }
  return scenarios;
}

/** Annualised standard deviation of the `window` returns ending at each day (NaN before there are enough). */
function rollingVolatility(series: Float64Array, days: number, window: number): Float64Array {
  const out = new Float64Array(days).fill(Number.NaN);
  for (let day = window - 1; day < days; day++) {
    let sum = 0;
    let squares = 0;
    for (let k = day - window + 1; k <= day; k++) {
      sum += series[k]!;
      squares += series[k]! * series[k]!;
    }
    const mean = sum / window;
    out[day] = Math.sqrt(Math.max(0, (squares - window * mean * mean) / (window - 1)) * 252);
  }
  return out;
}
