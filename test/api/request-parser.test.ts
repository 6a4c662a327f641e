import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, parseRequest } from '../../lib/api/request-parser';
import type { Route } from '../../lib/api/routes';
import * as z from '../../lib/api/zod';
import { DomainError } from '../../lib/core/errors';

/** A route shaped like the order routes to come: a strict JSON body, a query, a path parameter. */
const route = {
  method: 'POST',
  path: '/api/things/{id}',
  function: 'system',
  auth: 'viewer',
  tag: 'test',
  summary: 'test route',
  request: {
    body: z.strictObject({
      symbol: z.string().check(z.minLength(1)),
      quantity: z.number().check(z.positive()),
    }),
    query: z.strictObject({ dry_run: z.optional(z.enum(['true', 'false'])) }),
    params: z.strictObject({ id: z.string().check(z.regex(/^[a-z0-9-]+$/)) }),
  },
  response: { status: 200, schema: z.object({}), description: 'ok' },
} as unknown as Route;

function event(
  body: string | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  query?: Record<string, string>,
): APIGatewayProxyEventV2 {
  return {
    body,
    headers,
    isBase64Encoded: false,
    queryStringParameters: query,
  } as unknown as APIGatewayProxyEventV2;
}

function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parseRequest', () => {
  it('returns the validated body, query and path parameters', () => {
    const parsed = parseRequest(
      route,
      event('{"symbol":"AAPL","quantity":100}', undefined, { dry_run: 'true' }),
      { id: 'abc-1' },
    );
    expect(parsed).toEqual({
      body: { symbol: 'AAPL', quantity: 100 },
      query: { dry_run: 'true' },
      params: { id: 'abc-1' },
    });
  });

  it('says a missing field "is required", and a wrong one what it must be', () => {
    const error = failure(() => parseRequest(route, event('{"quantity":"lots"}'), { id: 'abc-1' }));
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'symbol', in: 'body', problem: 'is required' },
        expect.objectContaining({ field: 'quantity', problem: expect.stringMatching(/expected number/) }),
      ]),
    );
    expect(error.message).toBe('body: symbol is required');
  });

  it('decodes a base64-encoded body', () => {
    const encoded = Buffer.from('{"symbol":"AAPL","quantity":1}').toString('base64');
    const parsed = parseRequest(route, { ...event(encoded), isBase64Encoded: true }, { id: 'x' });
    expect(parsed.body).toEqual({ symbol: 'AAPL', quantity: 1 });
  });

  it.each([
    ['malformed JSON', '{"symbol":', 'INVALID_JSON', 'invalid', undefined],
    ['a wrong type', '{"symbol":"AAPL","quantity":"100"}', 'VALIDATION_FAILED', 'invalid', 'quantity'],
    ['a negative quantity', '{"symbol":"AAPL","quantity":-5}', 'VALIDATION_FAILED', 'invalid', 'quantity'],
    ['a missing field', '{"quantity":5}', 'VALIDATION_FAILED', 'invalid', 'symbol'],
    [
      'an unknown field',
      '{"symbol":"AAPL","quantity":5,"status":"filled"}',
      'VALIDATION_FAILED',
      'invalid',
      'status',
    ],
    ['a JSON array', '[1,2]', 'VALIDATION_FAILED', 'invalid', '(body)'],
    ['JSON null', 'null', 'VALIDATION_FAILED', 'invalid', '(body)'],
    ['a huge number', '{"symbol":"AAPL","quantity":1e400}', 'VALIDATION_FAILED', 'invalid', 'quantity'],
  ])('rejects %s with %s naming the field', (_name, body, code, kind, field) => {
    const error = failure(() => parseRequest(route, event(body), { id: 'x' }));
    expect(error.code).toBe(code);
    expect(error.kind).toBe(kind);
    if (field) expect(error.details?.map((detail) => detail.field)).toContain(field);
  });

  it('rejects a body that is not JSON by content type with 415', () => {
    const error = failure(() =>
      parseRequest(route, event('symbol=AAPL', { 'content-type': 'text/plain' }), { id: 'x' }),
    );
    expect(error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', kind: 'unsupported_media_type' });
  });

  it('accepts JSON media types with parameters and suffixes', () => {
    for (const type of ['application/json; charset=utf-8', 'application/vnd.api+json', 'APPLICATION/JSON']) {
      expect(
        parseRequest(route, event('{"symbol":"A","quantity":1}', { 'Content-Type': type }), { id: 'x' }).body,
      ).toBeDefined();
    }
  });

  it(`rejects a body over ${MAX_BODY_BYTES} bytes with 413 before parsing it`, () => {
    const body = JSON.stringify({ symbol: 'x'.repeat(MAX_BODY_BYTES), quantity: 1 });
    expect(failure(() => parseRequest(route, event(body), { id: 'x' }))).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      kind: 'too_large',
    });
  });

  it('rejects bad path parameters and unknown query parameters by name', () => {
    expect(
      failure(() => parseRequest(route, event('{"symbol":"A","quantity":1}'), { id: 'DROP TABLE' })).details,
    ).toEqual([expect.objectContaining({ field: 'id', in: 'path' })]);
    expect(
      failure(() =>
        parseRequest(route, event('{"symbol":"A","quantity":1}', undefined, { verbose: '1' }), { id: 'x' }),
      ).details,
    ).toEqual([
      expect.objectContaining({ field: 'verbose', in: 'query', problem: 'is not a recognised field' }),
    ]);
  });
});
