/** The risk library: VaR and expected shortfall, the normal distribution, the trading state. */
export {
  conditionalVaR,
  historicalVaR,
  monteCarloVaR,
  type NormalParameters,
  parametricCVaR,
  parametricVaR,
  portfolioReturns,
} from './var';
export { normalCdf, normalPdf, normalQuantile } from './normal';
export { type TradingState, type TradingStateName, tradingStateVerdict } from './trading-state';
