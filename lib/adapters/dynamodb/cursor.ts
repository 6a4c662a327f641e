import { DomainError } from '../../core/errors';

/** Encodes DynamoDB's LastEvaluatedKey as an opaque URL-safe cursor. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

/** Decodes a cursor from a client; anything malformed is a 400 naming the parameter. */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new DomainError('INVALID_CURSOR', 'The page cursor is not one this API issued', 'invalid', [
    { field: 'cursor', in: 'query', problem: 'is not a valid page cursor' },
  ]);
}
