/**
 * Equity tickers as the US venues print them: 1–5 capital letters, optionally a class
 * suffix after a dot (BRK.B). Option contracts use OCC symbols (lib/core/options).
 */
export const EQUITY_SYMBOL_PATTERN = /^[A-Z]{1,5}(\.[A-Z]{1,2})?$/;
