/** The options library: Black–Scholes–Merton pricing and greeks, implied volatility, OCC symbols, simulated chains. */
export {
  blackScholes,
  type OptionInputs,
  type OptionType,
  type OptionValuation,
  rhoPerPoint,
  thetaPerDay,
  vegaPerPoint,
} from './black-scholes';
export { impliedVolatility } from './implied-volatility';
export { type OptionContract, occSymbol, parseOccSymbol } from './occ-symbol';
export {
  type ChainParameters,
  expiryClose,
  findOptionQuote,
  listedExpiries,
  type OptionChain,
  type OptionQuote,
  portfolioGreeks,
  simulateChain,
  surfaceVolatility,
} from './option-chain';
export { maximumLoss, type ExpiringLeg } from './max-loss';
export {
  DEFAULT_OPTION_FILL,
  type DisplayedOptionQuote,
  fillSpread,
  type OptionFillModel,
  type OptionLeg as SpreadLeg,
  optionFillPrice,
  type SpreadFill,
} from './option-fill';
export {
  bookValue,
  type BookState,
  fullRevaluationVaR,
  type MarketScenario,
  type OptionHolding,
} from './options-var';
