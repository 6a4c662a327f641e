import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** JWT claims as API Gateway's authorizer would pass them (array claims flattened to "[a b]"). */
export type Claims = Record<string, string>;

/**
 * Builds the API Gateway HTTP API (payload 2.0) event for a request, exactly as Lambda
 * receives it in AWS: lower-cased headers, repeated values joined by commas, decoded query
 * parameters, text bodies as strings and anything else base64-encoded.
 */
export function toApiGatewayEvent(
  request: IncomingMessage,
  body: Buffer,
  route: { routeKey: string; pathParameters?: Record<string, string> },
  claims: Claims | null,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const text = isText(headers['content-type']) ? body.toString('utf8') : undefined;
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(route.pathParameters && Object.keys(route.pathParameters).length > 0
      ? { pathParameters: route.pathParameters }
      : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: (request.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
    },
    ...(body.length > 0
      ? text !== undefined
        ? { body: text, isBase64Encoded: false }
        : { body: body.toString('base64'), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  };
  if (!claims) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

function isText(contentType: string | undefined): boolean {
  if (!contentType) return true;
  return /^(text\/|application\/(?:[\w.+-]+\+)?(json|xml|x-www-form-urlencoded|javascript))/i.test(
    contentType.trim(),
  );
}
