import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError, type FieldProblem } from '../core/errors';
import type { Route } from './routes';
import type * as z from './zod';

/** Bodies larger than this are refused with 413 before parsing (API Gateway's own cap is 10 MB). */
export const MAX_BODY_BYTES = 64 * 1024;

type Location = 'body' | 'query' | 'path';

export interface ParsedRequest {
  body: unknown;
  query: unknown;
  params: unknown;
}

/**
 * Validates a request against its route's schemas. Everything is checked before any use case
 * runs, so a rejected request changes nothing. Routes without a schema for a part refuse any
 * input in that part (no silently ignored fields).
 */
export function parseRequest(
  route: Route,
  event: APIGatewayProxyEventV2,
  pathParams: Record<string, string>,
): ParsedRequest {
  const request: { body?: z.ZodMiniType; query?: z.ZodMiniType; params?: z.ZodMiniType } =
    'request' in route ? route.request : {};
  const rawBody = readBody(event);
  const body =
    request.body === undefined
      ? refuseBody(rawBody)
      : validate(request.body, parseJson(rawBody, event), 'body');
  const query = validate(request.query, collectQuery(event), 'query');
  const params = validate(request.params, pathParams, 'path');
  return { body, query, params };
}

function readBody(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined || event.body === null) return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `The body is larger than ${MAX_BODY_BYTES} bytes`,
      'too_large',
    );
  }
  return text;
}

function refuseBody(rawBody: string): undefined {
  if (rawBody.trim().length > 0) {
    throw new DomainError('UNEXPECTED_BODY', 'This route takes no request body', 'invalid', [
      { field: '(body)', problem: 'must be empty' },
    ]);
  }
  return undefined;
}

function parseJson(rawBody: string, event: APIGatewayProxyEventV2): unknown {
  if (rawBody.trim().length === 0) return {};
  const contentType = headerValue(event, 'content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'The body must be JSON (Content-Type: application/json)',
      'unsupported_media_type',
    );
  }
  try {
    return JSON.parse(rawBody);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unparseable';
    throw new DomainError('INVALID_JSON', `The body is not valid JSON: ${reason}`, 'invalid');
  }
}

function collectQuery(event: APIGatewayProxyEventV2): Record<string, string> {
  return { ...(event.queryStringParameters ?? {}) } as Record<string, string>;
}

function validate(schema: z.ZodMiniType | undefined, value: unknown, location: Location): unknown {
  if (schema === undefined) {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    if (keys.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Unexpected ${location} parameter${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`,
        'invalid',
        keys.map((key) => ({ field: key, in: location, problem: 'is not a recognised parameter' })),
      );
    }
    return undefined;
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.flatMap((issue) => describeIssue(issue, location, value));
  const first = details[0];
  const message = first ? `${location}: ${first.field} ${first.problem}` : `Invalid ${location}`;
  throw new DomainError('VALIDATION_FAILED', message, 'invalid', details);
}

function describeIssue(
  issue: z.core.$ZodIssue,
  location: Location,
  input: unknown,
): (FieldProblem & { in: Location })[] {
  const path = issue.path.map(String).join('.');
  // A field that is not there at all: say so, as a person would ("is required"), not as a type check would.
  if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(input, issue.path) === undefined)
    return [{ field: path, in: location, problem: 'is required' }];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      field: path ? `${path}.${key}` : key,
      in: location,
      problem: 'is not a recognised field',
    }));
  }
  return [{ field: path || `(${location})`, in: location, problem: issue.message }];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function headerValue(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
