/** Alpaca's endpoints: paper and live trading, and market data (shared by both). */
export const ALPACA_URLS = {
  paper: 'https://paper-api.alpaca.markets',
  live: 'https://api.alpaca.markets',
  data: 'https://data.alpaca.markets',
} as const;
