import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { type LocalHost, type LocalHostOptions, startLocalHost } from '../../lib/local/local-host';

/** A throwaway local host on a free loopback port, state in memory. */
export async function startTestHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  return startLocalHost({ port: 0, inMemory: true, logLevel: 'ERROR', onError: () => undefined, ...options });
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** One real HTTP call; the body is parsed as JSON when it is JSON. */
export async function call(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body, text };
}

/** One JSON request over real HTTP: `method path` with `body` as JSON. */
export function sendJson(
  host: { url: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonResponse> {
  return call(`${host.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The shape every error body must have: `{ error: { code, message, details? } }`. */
export function errorOf(response: JsonResponse): {
  code: string;
  message: string;
  details?: { field: string; problem: string }[];
} {
  const body = response.body as { error?: { code?: unknown; message?: unknown } };
  if (
    !body ||
    typeof body !== 'object' ||
    !body.error ||
    typeof body.error.code !== 'string' ||
    typeof body.error.message !== 'string'
  ) {
    throw new Error(`not an error body (status ${response.status}): ${response.text}`);
  }
  return body.error as { code: string; message: string };
}

/** A request fetch cannot make (a GET with a body), over node:http. */
export function rawRequest(
  url: string,
  options: { method: string; body?: string; headers?: Record<string, string> },
): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...(options.headers ?? {}) };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const request = httpRequest(url, { method: options.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const received = new Headers();
        for (const [name, value] of Object.entries(response.headers))
          if (typeof value === 'string') received.set(name, value);
        const isJson = (response.headers['content-type'] ?? '').includes('application/json');
        resolve({
          status: response.statusCode ?? 0,
          headers: received,
          body: isJson ? JSON.parse(text) : text,
          text,
        });
      });
    });
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** Writes bytes straight onto a TCP connection and returns everything the server sends back. */
export function sendRaw(url: string, wire: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(wire));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

/** Replaces the account's risk limits over HTTP (PUT /api/risk/limits); account fields over the defaults. */
export async function putLimits(
  host: { url: string },
  account: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const response = await call(`${host.url}/api/risk/limits`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, ...extra }),
  });
  if (response.status !== 200) throw new Error(`PUT /api/risk/limits: ${response.status} ${response.text}`);
  return response.body as { version: number; account: Record<string, unknown> };
}
