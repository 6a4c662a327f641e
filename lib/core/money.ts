/**
 * Money is held as integer US cents (`Cents`) everywhere state is kept: cash, cost basis,
 * realized P&L, ledger entries. Floats appear only in prices, analytics and pricing models.
 * Integer cents stay exact up to Number.MAX_SAFE_INTEGER (about 90 trillion dollars).
 */
export type Cents = number;

/**
 * Converts a dollar amount to cents, rounding half away from zero at the cent.
 * The intermediate `toFixed(6)` removes binary noise (1.005 * 100 = 100.49999…) first.
 */
export function toCents(dollars: number): Cents {
  if (!Number.isFinite(dollars)) throw new RangeError(`not a finite amount: ${dollars}`);
  const raw = dollars * 100;
  const magnitude = Math.abs(raw);
  // toFixed(6) moves an amount by at most half a millionth of a cent, so it can only change the
  // rounding of one within a hair of half a cent; any other rounds the same without the string
  // round trip (the backtester asks twice per fill).
  // `+ 0`: an amount that rounds to nothing is 0 cents, never -0.
  if (Math.abs(magnitude - Math.floor(magnitude) - 0.5) > 1e-6)
    return Math.sign(raw) * Math.round(magnitude) + 0;
  const scaled = Number(raw.toFixed(6));
  return Math.sign(scaled) * Math.round(Math.abs(scaled)) + 0;
}

/** Converts cents to dollars for display and JSON; exact for every integer cent amount. */
export function toDollars(cents: Cents): number {
  return cents / 100;
}

/**
 * A price to the sub-penny tick ($0.0001), the finest US equities quote in: for prices the API
 * says (mids, marks, averages), where binary noise would otherwise show (545.2650000000001).
 */
export function toPriceTick(price: number): number {
  return Math.round(price * 10_000) / 10_000;
}

/** Value of `quantity` shares at `price` dollars, in cents (rounded half away from zero). */
export function notionalCents(price: number, quantity: number): Cents {
  return toCents(price * quantity);
}

/**
 * Splits `totalCents` in proportion `part / whole` so that the two pieces always add back
 * to the total exactly (used to take cost basis off a position on a partial close).
 */
export function prorateCents(totalCents: Cents, part: number, whole: number): Cents {
  if (whole === 0) return 0;
  if (part === whole) return totalCents;
  const share = (totalCents * part) / whole;
  return Math.sign(share) * Math.round(Math.abs(share));
}

const USD = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Dollars as a trader reads them in a message: `$16,829,100.00` (a loss as `-$3,700.00`). */
export function formatDollars(dollars: number): string {
  return `${dollars < 0 ? '-' : ''}$${USD.format(Math.abs(dollars))}`;
}
