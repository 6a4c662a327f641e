import type { OptionType } from './black-scholes';

/**
 * OCC option symbols (the 21-character OSI format, without padding): root, expiry YYMMDD,
 * C or P, strike × 1000 in 8 digits — e.g. AAPL260116C00190000 for the AAPL 16 Jan 2026 190 call.
 */
export interface OptionContract {
  underlying: string;
  expiry: string; // YYYY-MM-DD
  type: OptionType;
  strike: number;
}

export function occSymbol(contract: OptionContract): string {
  const [year, month, day] = contract.expiry.split('-');
  const strike = String(Math.round(contract.strike * 1000)).padStart(8, '0');
  if (strike.length > 8) throw new RangeError(`strike too large for an OCC symbol: ${contract.strike}`);
  return `${contract.underlying}${year!.slice(2)}${month}${day}${contract.type === 'call' ? 'C' : 'P'}${strike}`;
}

const OCC = /^([A-Z.]{1,6})(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;

export function parseOccSymbol(symbol: string): OptionContract | null {
  const match = OCC.exec(symbol);
  if (!match) return null;
  const [, underlying, yy, mm, dd, cp, strike] = match;
  return {
    underlying: underlying!,
    expiry: `20${yy}-${mm}-${dd}`,
    type: cp === 'C' ? 'call' : 'put',
    strike: Number(strike) / 1000,
  };
}
