import type { OptionType } from './black-scholes';
import { keptAnswers } from '../kept-answers';

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
  return occRoot(contract) + occStrike(contract.strike);
}

/** Everything before the strike — the same for all strikes of an expiry and type (chains build it once). */
export function occRoot(contract: Pick<OptionContract, 'underlying' | 'expiry' | 'type'>): string {
  const [year, month, day] = contract.expiry.split('-');
  return `${contract.underlying}${year!.slice(2)}${month}${day}${contract.type === 'call' ? 'C' : 'P'}`;
}

/** The strike part: the strike × 1000 in eight digits. */
export function occStrike(strike: number): string {
  return strikeText(strike);
}

// A chain's strikes recur day after day: a simulated backtest asks for the same few hundred
// strikes hundreds of thousands of times.
const strikeText = keptAnswers(10_000, (strike: number) => {
  const digits = String(Math.round(strike * 1000)).padStart(8, '0');
  if (digits.length > 8) throw new RangeError(`strike too large for an OCC symbol: ${strike}`);
  return digits;
});

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

/** Shares one contract of an OCC symbol delivers (standard equity options). */
export const OPTION_MULTIPLIER = 100;

/**
 * Shares per unit of a symbol: 100 for an option contract, 1 for a share. Quantities are
 * contracts and prices per share, as the OCC and brokers quote them; notional is price × quantity × this.
 */
export function contractMultiplier(symbol: string): number {
  return isOptionSymbol(symbol) ? OPTION_MULTIPLIER : 1;
}

/** Whether a symbol is an OCC option contract (an equity ticker is at most 8 characters). */
export function isOptionSymbol(symbol: string): boolean {
  return symbol.length > 14 && OCC.test(symbol);
}
