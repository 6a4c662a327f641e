// How numbers look everywhere in the UI: one place, so a dollar is always shown the same way.

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
// One precision per kind, so figures line up in a table: percentages and ratios to two decimals.
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const money = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : dollars.format(value);

export const signedMoney = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${dollars.format(value)}`;

export const number = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : plain.format(value);

/** A ratio (Sharpe, profit factor) or basis points: always two decimals. */
export const ratio = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : twoDecimals.format(value);

export const pct = (fraction: number | null | undefined): string =>
  fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : percent.format(fraction);

export const time = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) : '—';

/** A CSS class for a signed figure: gains green, losses red. */
export const tone = (value: number | null | undefined): string => (!value ? '' : value > 0 ? 'gain' : 'loss');

/** A date alone, in the reader's locale (a window's first and last bar). */
export const day = (iso: string | null | undefined): string =>
  iso
    ? new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
    : '—';
