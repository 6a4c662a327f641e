import { csvInvalid, parseCsvTime } from './csv';
import {
  blackScholes,
  expiryClose,
  impliedVolatility,
  type OptionChain,
  type OptionQuote,
  occSymbol,
} from '../options';

/** One quoted option from an options CSV. */
export interface OptionRow {
  time: number;
  underlying: string;
  expiry: string;
  type: 'call' | 'put';
  strike: number;
  bid: number;
  ask: number;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Parses option quotes: header `datetime,underlying,expiry,type,strike,bid,ask` (type `call`/`put`
 * or `C`/`P`; expiry YYYY-MM-DD). Rows are grouped by underlying and time: each group is one chain.
 */
export function parseOptionsCsv(text: string): Map<string, Map<number, OptionRow[]>> {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = (lines[0] ?? '').split(',').map((name) => name.trim().toLowerCase());
  const column = (name: string) => {
    const at = header.indexOf(name);
    if (at === -1)
      throw csvInvalid(
        1,
        `the header has no "${name}" column (need datetime,underlying,expiry,type,strike,bid,ask)`,
      );
    return at;
  };
  const at = ['datetime', 'underlying', 'expiry', 'type', 'strike', 'bid', 'ask'].map(column);
  const chains = new Map<string, Map<number, OptionRow[]>>();
  lines.slice(1).forEach((line, index) => {
    const fields = line.split(',');
    const lineNumber = index + 2;
    const time = parseCsvTime(fields[at[0]!] ?? '');
    const typeText = (fields[at[3]!] ?? '').trim().toLowerCase();
    const type =
      typeText === 'c' || typeText === 'call'
        ? 'call'
        : typeText === 'p' || typeText === 'put'
          ? 'put'
          : null;
    const [strike, bid, ask] = [4, 5, 6].map((c) => Number(fields[at[c]!]));
    const expiry = (fields[at[2]!] ?? '').trim();
    if (Number.isNaN(time)) throw csvInvalid(lineNumber, `datetime "${fields[at[0]!]}" is not a date`);
    if (!type) throw csvInvalid(lineNumber, `type "${fields[at[3]!]}" must be call or put`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry))
      throw csvInvalid(lineNumber, `expiry "${expiry}" must be YYYY-MM-DD`);
    if (!(strike! > 0) || !(bid! >= 0) || !(ask! >= bid!))
      throw csvInvalid(lineNumber, 'strike must be > 0 and 0 ≤ bid ≤ ask');
    const underlying = (fields[at[1]!] ?? '').trim();
    const byTime = chains.get(underlying) ?? new Map<number, OptionRow[]>();
    chains.set(underlying, byTime);
    const rows = byTime.get(time) ?? [];
    byTime.set(time, rows);
    rows.push({ time, underlying, expiry, type, strike: strike!, bid: bid!, ask: ask! });
  });
  return chains;
}

/**
 * A chain from quoted rows: each option's volatility is implied from its mid, and its greeks
 * follow from that (Black–Scholes–Merton at `rate`); options whose mid no volatility explains
 * are left out.
 */
export function chainFromRows(rows: readonly OptionRow[], spot: number, rate: number): OptionChain {
  const asOf = rows[0]?.time ?? 0;
  const byExpiry = new Map<string, { calls: OptionQuote[]; puts: OptionQuote[] }>();
  for (const row of rows) {
    const timeToExpiry = (expiryClose(row.expiry).getTime() - asOf) / YEAR_MS;
    if (!(timeToExpiry > 0)) continue;
    const mid = (row.bid + row.ask) / 2;
    let volatility: number;
    try {
      volatility = impliedVolatility({
        type: row.type,
        price: mid,
        spot,
        strike: row.strike,
        rate,
        timeToExpiry,
      });
    } catch {
      continue;
    }
    const valuation = blackScholes({
      type: row.type,
      spot,
      strike: row.strike,
      rate,
      volatility,
      timeToExpiry,
    });
    const contract = { underlying: row.underlying, expiry: row.expiry, type: row.type, strike: row.strike };
    const quote: OptionQuote = {
      ...valuation,
      contract,
      symbol: occSymbol(contract),
      bid: row.bid,
      ask: row.ask,
      mid,
      impliedVolatility: volatility,
      timeToExpiry,
    };
    const entry = byExpiry.get(row.expiry) ?? { calls: [], puts: [] };
    byExpiry.set(row.expiry, entry);
    (row.type === 'call' ? entry.calls : entry.puts).push(quote);
  }
  const expiries = [...byExpiry]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([expiry, { calls, puts }]) => ({
      expiry,
      timeToExpiry: calls[0]?.timeToExpiry ?? puts[0]!.timeToExpiry,
      calls: calls.sort((a, b) => a.contract.strike - b.contract.strike),
      puts: puts.sort((a, b) => a.contract.strike - b.contract.strike),
    }));
  return { underlying: rows[0]?.underlying ?? '', spot, asOf: new Date(asOf).toISOString(), expiries };
}
