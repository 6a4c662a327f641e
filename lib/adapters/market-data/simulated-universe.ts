/**
 * The instruments the simulated market quotes: a reference price (dollars) and an annualised
 * volatility (fraction, 252 trading days). Prices are illustrative, not market data.
 */
export interface SimulatedInstrument {
  symbol: string;
  name: string;
  sector: string;
  referencePrice: number;
  volatility: number;
}

export const SIMULATED_UNIVERSE: readonly SimulatedInstrument[] = [
  { symbol: 'AAPL', name: 'Apple Inc.', sector: 'Technology', referencePrice: 190, volatility: 0.26 },
  { symbol: 'MSFT', name: 'Microsoft Corp.', sector: 'Technology', referencePrice: 420, volatility: 0.24 },
  { symbol: 'NVDA', name: 'NVIDIA Corp.', sector: 'Technology', referencePrice: 120, volatility: 0.5 },
  {
    symbol: 'GOOGL',
    name: 'Alphabet Inc. Class A',
    sector: 'Communication',
    referencePrice: 170,
    volatility: 0.3,
  },
  {
    symbol: 'META',
    name: 'Meta Platforms Inc.',
    sector: 'Communication',
    referencePrice: 500,
    volatility: 0.38,
  },
  {
    symbol: 'AMZN',
    name: 'Amazon.com Inc.',
    sector: 'Consumer Discretionary',
    referencePrice: 185,
    volatility: 0.32,
  },
  {
    symbol: 'TSLA',
    name: 'Tesla Inc.',
    sector: 'Consumer Discretionary',
    referencePrice: 240,
    volatility: 0.6,
  },
  {
    symbol: 'JPM',
    name: 'JPMorgan Chase & Co.',
    sector: 'Financials',
    referencePrice: 200,
    volatility: 0.22,
  },
  { symbol: 'XOM', name: 'Exxon Mobil Corp.', sector: 'Energy', referencePrice: 115, volatility: 0.25 },
  { symbol: 'JNJ', name: 'Johnson & Johnson', sector: 'Health Care', referencePrice: 155, volatility: 0.16 },
  { symbol: 'SPY', name: 'SPDR S&P 500 ETF', sector: 'ETF', referencePrice: 560, volatility: 0.16 },
  { symbol: 'QQQ', name: 'Invesco QQQ Trust', sector: 'ETF', referencePrice: 480, volatility: 0.21 },
  { symbol: 'IWM', name: 'iShares Russell 2000 ETF', sector: 'ETF', referencePrice: 210, volatility: 0.22 },
];
