import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What a route handler returns; the wrapper serialises it. */
export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown, headers?: Record<string, string>): ApiResult {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

export function created(body: unknown): ApiResult {
  return { status: 201, body };
}

/** Accepted for work that continues after the answer; `location` is where to follow it. */
export function accepted(body: unknown, location: string): ApiResult {
  return { status: 202, body, headers: { location } };
}

/** Headers on every API response: JSON, never cached, never sniffed. */
const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function toHttpResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}
