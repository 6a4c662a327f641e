import { createHash, randomUUID } from 'node:crypto';

/**
 * An order's id follows from its account and client order id, so storing the order is itself
 * the idempotency check (a conditional put): the same client id can never make two orders.
 * 26 base-32 characters of SHA-256 (130 bits).
 */
export function orderIdFor(accountId: string, clientOrderId: string): string {
  const digest = createHash('sha256').update(`${accountId}\u0000${clientOrderId}`).digest();
  return `o-${base32(digest).slice(0, 26)}`;
}

/** Child slice ids are `{parentId}-{n}`: deterministic, so a retried slice never trades twice. */
export function childOrderId(parentId: string, index: number): string {
  return `${parentId}-${index}`;
}

/** A client order id for callers who send none (Alpaca generates one too); ≤ 48 characters. */
export function newClientOrderId(): string {
  return `stratus-${randomUUID()}`;
}

/**
 * A client order id derived from what caused the order (the engine: session, strategy, symbol
 * and signal time), so the same cause can never send two orders — after a restart too.
 * `prefix` is one letter or word (≤ 6 characters); 40 characters of SHA-256 follow it.
 */
export function derivedClientOrderId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 40)}`;
}

/** A stable hash of a request, to tell an idempotent replay from a reuse of its client id. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('base64url').slice(0, 32);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return output;
}
