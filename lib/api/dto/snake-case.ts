/** camelCase → snake_case for a key; keys that are not camelCase (tickers like AAPL, ids) stay as they are. */
export function snakeKey(key: string): string {
  return /^[a-z][a-zA-Z0-9]*$/.test(key)
    ? key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
    : key;
}

/**
 * A plain copy with snake_case keys all the way down; non-finite numbers (a ratio with a zero
 * denominator) become null, as JSON has no Infinity.
 */
export function toSnakeJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toSnakeJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [snakeKey(key), toSnakeJson(item)]));
  }
  return value;
}
