import { TokenBucket } from './token-bucket';

export interface AlpacaCredentials {
  keyId: string;
  secretKey: string;
}

/**
 * Where an Alpaca account is and how to reach it. The keys are fetched on first use (Secrets
 * Manager in AWS, the environment locally), kept in memory, and never logged or put in an error.
 */
export interface AlpacaConnection {
  tradingUrl: string;
  dataUrl: string;
  credentials: () => Promise<AlpacaCredentials>;
  /** Per request, milliseconds (default 5,000). */
  timeoutMs?: number;
  /** Retries after a 429 before giving up (default 4). */
  maxRetries?: number;
  /** Requests per minute the account may make (Alpaca's default is 200). */
  requestsPerMinute?: number;
}

/** The request did not answer in time, or the connection failed: the outcome is unknown. */
export class AlpacaUnavailableError extends Error {
  constructor(readonly operation: string) {
    super(`Alpaca did not answer ${operation} in time`);
  }
}

/** Alpaca answered with an error status; `message` is Alpaca's own (it never contains the keys). */
export class AlpacaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface AlpacaResponse {
  status: number;
  body: unknown;
}

export const staticCredentials =
  (keyId: string, secretKey: string): (() => Promise<AlpacaCredentials>) =>
  async () => ({ keyId, secretKey });

// One bucket per trading endpoint: every client of one Alpaca account in this process shares its budget.
const buckets = new Map<string, TokenBucket>();

/**
 * Alpaca's REST API over fetch: the key headers, a timeout per request, the shared token
 * bucket before every call, and backoff on 429 (Retry-After when given, else doubling from
 * 250 ms). Direct REST rather than `@alpacahq/alpaca-trade-api`: that client (axios, its own
 * retries) offers no per-call timeout or shared rate budget and would double a Lambda bundle.
 */
export class AlpacaRest {
  readonly bucket: TokenBucket;
  private readonly sleep: (ms: number) => Promise<void>;
  private credentials: Promise<AlpacaCredentials> | null = null;

  constructor(
    private readonly connection: AlpacaConnection,
    options: { bucket?: TokenBucket; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    const perMinute = connection.requestsPerMinute ?? 200;
    this.bucket =
      options.bucket ??
      buckets.get(connection.tradingUrl) ??
      buckets
        .set(connection.tradingUrl, new TokenBucket(perMinute, perMinute / 60))
        .get(connection.tradingUrl)!;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  trading(method: string, path: string, options: { query?: Record<string, string>; body?: unknown } = {}) {
    return this.request(this.connection.tradingUrl, method, path, options);
  }

  data(path: string, query: Record<string, string>) {
    return this.request(this.connection.dataUrl, 'GET', path, { query });
  }

  private async request(
    base: string,
    method: string,
    path: string,
    options: { query?: Record<string, string>; body?: unknown },
  ): Promise<AlpacaResponse> {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const operation = `${method} ${url.pathname}`;
    this.credentials ??= this.connection.credentials().catch((error: unknown) => {
      this.credentials = null; // try again next call
      throw error;
    });
    const { keyId, secretKey } = await this.credentials;
    for (let attempt = 0; ; attempt++) {
      await this.bucket.take();
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            'APCA-API-KEY-ID': keyId,
            'APCA-API-SECRET-KEY': secretKey,
            accept: 'application/json',
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
          signal: AbortSignal.timeout(this.connection.timeoutMs ?? 5_000),
        });
      } catch {
        throw new AlpacaUnavailableError(operation);
      }
      if (response.status === 429 && attempt < (this.connection.maxRetries ?? 4)) {
        await response.body?.cancel();
        this.bucket.drain();
        const retryAfter = Number(response.headers.get('retry-after'));
        await this.sleep(
          Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 250 * 2 ** attempt,
        );
        continue;
      }
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      if (response.status >= 500) throw new AlpacaUnavailableError(operation);
      if (
        response.status >= 400 &&
        response.status !== 404 &&
        response.status !== 422 &&
        response.status !== 403
      )
        throw errorOf(response.status, body);
      return { status: response.status, body };
    }
  }
}

export function errorOf(status: number, body: unknown): AlpacaHttpError {
  const payload = (body && typeof body === 'object' ? body : {}) as { code?: unknown; message?: unknown };
  return new AlpacaHttpError(
    status,
    typeof payload.code === 'number' ? payload.code : null,
    typeof payload.message === 'string' ? payload.message : `Alpaca answered ${status}`,
  );
}
