/** Performance analytics with empyrical's conventions, and trade statistics. */
export { computePerformance, type Performance, type PerformanceOptions } from './performance';
export { drawdownSeries, maxDrawdown } from './return-statistics';
export { type Trade, tradeBreakdown, type TradeStatistics, tradeStatistics } from './trades';
export {
  componentVaR,
  correlationMatrix,
  correlationOfCovariance,
  covarianceMatrix,
  diversificationRatio,
} from './portfolio-analytics';
