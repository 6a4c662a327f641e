import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FunctionName } from '../platform/function-catalog';
import { toErrorResponse } from '../api/http-errors';
import { MAX_BODY_BYTES } from '../api/request-parser';
import { toHttpResponse } from '../api/responses';
import { matchRoute } from '../api/route-matcher';
import { FALLBACK_FUNCTION } from '../api/routes';
import { DomainError } from '../core/errors';
import { type Claims, toApiGatewayEvent } from './api-gateway-event';
import { isLoopback, type LocalAuth } from './local-auth';
import { loopbackRefusal } from './loopback-origin-guard';
import { GROUPS_CLAIM } from '../api/principal-from-event';
import { BodyTooLargeError, readBody } from './read-body';
import type { WebAsset } from '../platform/web-assets';
import { serveStatic } from './static-files';

export interface LocalApiGateway {
  url: string;
  port: number;
  /** Stops accepting requests and waits for those in flight to finish. */
  stop(): Promise<void>;
}

/**
 * The local stand-in for API Gateway: routes `/api/*` requests by the shared route table to
 * the same Lambda handlers AWS runs, with the same event shape and authorizer claims; serves
 * the web UI for everything else.
 */
export async function startLocalApiGateway(options: {
  host: string;
  port: number;
  auth: LocalAuth;
  invoke: (fn: FunctionName, event: unknown) => Promise<unknown>;
  /** The built web UI, asked for on the first page request (tests that never load it never build it). */
  webAssets: () => ReadonlyMap<string, WebAsset>;
  onError: (error: unknown) => void;
  /** Test controls under /local/ (the clock, running a scheduled function); absent unless asked for. */
  controls?: (method: string, path: string, body: Buffer) => Promise<APIGatewayProxyStructuredResultV2>;
}): Promise<LocalApiGateway> {
  const inFlight = new Set<Promise<void>>();
  const boundToLoopback = isLoopback(options.host);
  let port = options.port;
  const server = createServer((request, response) => {
    const work = handle(request, response).catch((error: unknown) => {
      options.onError(error);
      if (!response.headersSent) send(response, toHttpResponse(500, toErrorResponse(error).body));
      else response.destroy();
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  server.keepAliveTimeout = 5_000;
  // Requests Node cannot even parse still get the API's error body, never a bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify(
      toErrorResponse(
        tooLarge
          ? new DomainError('HEADERS_TOO_LARGE', 'The request headers are too large', 'too_large')
          : new DomainError('MALFORMED_REQUEST', 'The request is not valid HTTP', 'invalid'),
      ).body,
    );
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = (request.method ?? 'GET').toUpperCase();
    // On loopback, before anything else: another site's page may not drive or read this host.
    const refusal = boundToLoopback ? loopbackRefusal(request.headers, port) : null;
    if (refusal) return send(response, errorResult(new DomainError('FOREIGN_ORIGIN', refusal, 'forbidden')));
    if (options.controls && url.pathname.startsWith('/local/')) {
      // Test controls move the clock and run jobs: with tokens configured they need an admin's.
      if (
        !options.auth.open &&
        options.auth.authenticate(request.headers.authorization)?.[GROUPS_CLAIM] !== '[admin]'
      )
        return send(
          response,
          errorResult(
            new DomainError('UNAUTHENTICATED', 'Test controls need an admin token', 'unauthenticated'),
          ),
          { 'www-authenticate': 'Bearer' },
        );
      return send(
        response,
        await options.controls(method, url.pathname, await readBody(request, MAX_BODY_BYTES)),
      );
    }
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
      if ((method === 'GET' || method === 'HEAD') && serveStatic(options.webAssets(), url.pathname, response))
        return;
      return send(
        response,
        errorResult(new DomainError('NOT_FOUND', `No page at ${url.pathname}`, 'not_found')),
      );
    }
    let body: Buffer;
    try {
      body = await readBody(request, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      response.setHeader('connection', 'close');
      return send(
        response,
        errorResult(
          new DomainError(
            'PAYLOAD_TOO_LARGE',
            `The body is larger than ${MAX_BODY_BYTES} bytes`,
            'too_large',
          ),
        ),
      );
    }
    const match = matchRoute(method, url.pathname);
    const target =
      match.kind === 'matched'
        ? {
            fn: match.route.function as FunctionName,
            routeKey: `${match.route.method} ${match.route.path}`,
            pathParameters: match.params,
            isPublic: match.route.auth === 'public',
          }
        : { fn: FALLBACK_FUNCTION, routeKey: '$default', pathParameters: {}, isPublic: false };
    let claims: Claims | null = null;
    if (!target.isPublic) {
      claims = options.auth.authenticate(request.headers.authorization);
      if (!claims) {
        return send(
          response,
          errorResult(
            new DomainError('UNAUTHENTICATED', 'Sign in: this route needs a valid token', 'unauthenticated'),
          ),
          { 'www-authenticate': 'Bearer' },
        );
      }
    }
    const event = toApiGatewayEvent(request, body, target, claims);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), INTEGRATION_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([options.invoke(target.fn, event), timedOut]);
      // What API Gateway answers when an integration outlasts its limit: the function may still be running.
      if (result === 'timeout')
        return send(response, {
          statusCode: 503,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'Service Unavailable' }),
        });
      send(response, result as APIGatewayProxyStructuredResultV2);
    } finally {
      clearTimeout(timer);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([...inFlight]);
      server.closeAllConnections();
      await closed;
    },
  };
}

/** API Gateway's hard limit on an integration (an HTTP API waits at most 30 s for its Lambda). */
const INTEGRATION_TIMEOUT_MS = 30_000;

function errorResult(error: DomainError): APIGatewayProxyStructuredResultV2 {
  const { statusCode, body } = toErrorResponse(error);
  return toHttpResponse(statusCode, body);
}

function send(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  extra: Record<string, string> = {},
): void {
  const headers: Record<string, string | string[]> = { ...extra };
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body ?? '';
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
