/**
 * Equity tickers as the US venues print them: 1–5 capital letters, optionally a class
 * suffix after a dot (BRK.B). Option contracts use OCC symbols (lib/core/options).
 */
export const EQUITY_SYMBOL_PATTERN = /^[A-Z]{1,5}(\.[A-Z]{1,2})?$/;

/** OCC option symbols: root, expiry YYMMDD, C or P, strike × 1000 in eight digits. */
export const OCC_SYMBOL_PATTERN = /^[A-Z.]{1,6}\d{6}[CP]\d{8}$/;

/** What an order or a position names: a ticker, or an option contract. */
export const TRADABLE_SYMBOL_PATTERN = /^(?:[A-Z]{1,5}(?:\.[A-Z]{1,2})?|[A-Z.]{1,6}\d{6}[CP]\d{8})$/;
