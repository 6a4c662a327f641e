/** The event-driven backtester: columnar bars, CSV and synthetic data, the bar fill model, the engine. */
export { type BarSeries, emptySeries, seriesFromBars, sliceSeries } from './bar-series';
export { type BarFill, type BarOrder, fillOnBar, type SlippageModel } from './bar-fill';
export { formatBarsCsv, parseBarsCsv } from './csv';
export { type BacktestConfig, type BacktestResult, dailyReturnsOf, runBacktest } from './engine';
export { generateBars, MAX_SYNTHETIC_YEARS, seeded, syntheticYears, type SyntheticSpec } from './synthetic';
export { chainFromRows, type OptionRow, parseOptionsCsv } from './option-csv';
export {
  type WalkForwardPlan,
  type WalkForwardResult,
  type WalkForwardWindow,
  walkForward,
  walkForwardWindows,
} from './walk-forward';
