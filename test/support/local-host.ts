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
