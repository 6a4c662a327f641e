import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../lib/api/request-parser';
import { ROUTES, type RouteSpec } from '../../lib/api/routes';
import { localClientConfig } from '../../lib/local/local-client-config';
import type { LocalHost } from '../../lib/local/local-host';
import { rawRequest, startTestHost } from '../support/local-host';

/**
 * Property-based fuzzing of every route over real HTTP: each generated request is invalid by
 * construction (malformed or mistyped JSON, unknown fields and parameters, wrong content types,
 * oversized bodies, hostile path parameters, unknown routes and methods). Every answer must be a
 * 4xx with the API's error body, quickly, and the stored state must be byte-for-byte what it was.
 * The seed is fixed so a failure reproduces; FUZZ_SEED explores others.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const NEVER_MS = 2_147_483_647;

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A valid body per route that takes one: the fuzzer breaks one thing in it. */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/orders': { symbol: 'AAPL', side: 'buy', quantity: 10 },
  'PUT /api/risk/limits': { account: { max_order_quantity: 1000 }, note: 'fuzz' },
  'PUT /api/notifications/settings': { large_fill_notional: 25_000, rejection_alert_count: 3 },
  'POST /api/risk/emergency-stop': { reason: 'fuzz', flatten: false },
  'POST /api/risk/emergency-stop/reset': { reason: 'fuzz' },
  'POST /api/strategies/create': { type: 'ma_crossover', name: 'fuzz', symbols: ['AAPL'] },
  'PUT /api/strategies/{id}': { name: 'fuzz', note: 'fuzz' },
  'POST /api/strategies/backtest': { type: 'ma_crossover', data: { synthetic: 'gbm:bars=100' } },
  'POST /api/strategies/start-execution': { strategies: [{ config_id: 'abc-def' }] },
  'POST /api/strategies/stop-execution': { close_positions: false, reason: 'fuzz' },
  'POST /api/strategies/pause': { config_id: 'abc-def' },
  'POST /api/strategies/resume': { config_id: 'abc-def' },
  'PUT /api/sessions/plan': { strategies: [{ config_id: 'abc-def', allocation: 0.5 }] },
  'POST /api/positions/{symbol}/close': { quantity: 1 },
};

const HOSTILE_STRINGS = [
  "'; DROP TABLE orders; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  'ＡＡＰＬ',
  '🚀🚀🚀',
  '\u0000\u0001',
  'a'.repeat(5000),
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '__proto__',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** A value of a different JSON type than `value` (so the field can never validate). */
function wrongTypeFor(value: unknown): fc.Arbitrary<unknown> {
  const others: fc.Arbitrary<unknown>[] = [fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })];
  if (typeof value !== 'string') others.push(hostileString);
  if (typeof value !== 'number')
    others.push(fc.oneof(fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER * 4, -1, 0.5), fc.integer()));
  if (typeof value !== 'boolean') others.push(fc.boolean());
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    others.push(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));
  return fc.oneof(...others);
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  label: string;
}

const pathParam = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 100)),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
);

function pathOf(route: RouteSpec, params: string[]): string {
  let index = 0;
  return route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[index++] ?? 'x') || 'x');
}

/** One invalid request aimed at `route`. */
function invalidRequest(route: RouteSpec): fc.Arbitrary<FuzzRequest> {
  const key = `${route.method} ${route.path}`;
  const valid = VALID_BODIES[key];
  const json = { 'content-type': 'application/json' };
  const params = fc.array(pathParam, { minLength: 2, maxLength: 2 });
  const breakages: fc.Arbitrary<Omit<FuzzRequest, 'method' | 'path'> & { params: string[] }>[] = [
    // An unknown query parameter: every route's query is strict.
    fc
      .record({
        params,
        name: fc.string({ minLength: 1, maxLength: 12 }).map((s) => `zz_${s}`),
        value: hostileString,
      })
      .map(({ params, name, value }) => ({
        params,
        headers: {},
        label: `unknown query ${name}`,
        query: `?${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
      })),
    // JSON that does not parse.
    fc.record({ params, text: fc.string({ maxLength: 60 }) }).map(({ params, text }) => ({
      params,
      headers: json,
      body: `{"symbol": ${JSON.stringify(text)}, ${text.replace(/[{}]/g, '')}`,
      label: 'malformed JSON',
    })),
    // A body of the wrong content type.
    fc
      .record({
        params,
        type: fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'image/png',
        ),
      })
      .map(({ params, type }) => ({
        params,
        headers: { 'content-type': type },
        body: JSON.stringify(valid ?? { a: 1 }),
        label: `content-type ${type}`,
      })),
    // An oversized body.
    fc
      .record({ params, size: fc.integer({ min: MAX_BODY_BYTES + 1, max: MAX_BODY_BYTES * 3 }) })
      .map(({ params, size }) => ({
        params,
        headers: json,
        body: JSON.stringify({ ...(valid ?? {}), padding: 'x'.repeat(size) }),
        label: `oversized body ${size}`,
      })),
    // Valid JSON of the wrong shape: not an object, or an object with a field nobody declared.
    fc
      .record({
        params,
        value: fc.oneof(
          fc
            .jsonValue({ maxDepth: 2 })
            .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
          fc
            .dictionary(
              fc.string({ minLength: 1, maxLength: 10 }).map((s) => `zz_${s}`),
              fc.jsonValue({ maxDepth: 2 }),
              { minKeys: 1, maxKeys: 3 },
            )
            .map((extra) => ({ ...(valid ?? {}), ...extra })),
        ),
      })
      .map(({ params, value }) => ({
        params,
        headers: json,
        body: JSON.stringify(value),
        label: 'wrong-shaped JSON',
      })),
  ];
  if (valid) {
    // One declared field of the wrong type: huge numbers, NaN strings, negatives, hostile strings…
    const fields = Object.keys(valid);
    breakages.push(
      fc.constantFrom(...fields).chain((field) =>
        fc.record({ params, value: wrongTypeFor(valid[field]) }).map(({ params, value }) => ({
          params,
          headers: json,
          body: JSON.stringify({ ...valid, [field]: value }),
          label: `${field} of the wrong type`,
        })),
      ),
    );
  }
  return fc
    .oneof(...breakages)
    .map(
      ({
        params,
        query,
        ...rest
      }: { params: string[]; query?: string } & Omit<FuzzRequest, 'method' | 'path'>) => ({
        ...rest,
        method: route.method,
        path: `${pathOf(route, params)}${query ?? ''}`,
      }),
    );
}

const unknownRoute: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    path: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ method, path }) => ({
    method,
    path: `/api/zz-${path.map(encodeURIComponent).join('/')}`,
    headers: {},
    label: 'unknown route',
  }));

/** Methods a path does not answer to. */
const wrongMethod: fc.Arbitrary<FuzzRequest> = fc
  .constantFrom(...ROUTES.filter((route) => !route.path.includes('{')))
  .chain((route) => {
    const taken = new Set<string>(
      ROUTES.filter((other) => other.path === route.path).map((other) => other.method),
    );
    const free = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((method) => !taken.has(method));
    return fc
      .constantFrom(...free)
      .map((method) => ({ method, path: route.path, headers: {}, label: 'wrong method' }));
  });

describe('fuzzing every route with invalid requests (real HTTP, dynalite)', () => {
  let host: LocalHost;
  let dynamodb: DynamoDBClient;
  const counted = { requests: 0 };

  async function snapshot(): Promise<string> {
    const tables = (await dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];
    const dump: Record<string, string[]> = {};
    for (const table of tables.sort()) {
      const items: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamodb.send(
          new ScanCommand({ TableName: table, ExclusiveStartKey: start as never }),
        );
        for (const item of page.Items ?? []) items.push(JSON.stringify(item));
        start = page.LastEvaluatedKey;
      } while (start);
      dump[table] = items.sort();
    }
    return JSON.stringify(dump);
  }

  async function send(request: FuzzRequest): Promise<void> {
    counted.requests++;
    // node:http, not fetch: a GET with a body is one of the things to send.
    const response = await withTimeout(
      rawRequest(`${host.url}${request.path}`, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      }),
      10_000,
      `${request.method} ${request.path.slice(0, 120)} hung`,
    );
    const text = response.text;
    const where = `${request.method} ${request.path.slice(0, 120)} (${request.label}) → ${response.status} ${text.slice(0, 200)}`;
    expect(response.status, where).toBeGreaterThanOrEqual(400);
    expect(response.status, where).toBeLessThan(500);
    expect(response.headers.get('content-type') ?? '', where).toContain('application/json');
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, where).toBe('string');
    expect(typeof body.error?.message, where).toBe('string');
  }

  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: NEVER_MS, cycleIntervalMs: NEVER_MS });
    dynamodb = new DynamoDBClient(localClientConfig(host.endpoints.dynamodb));
    // Some state to protect: an order, a strategy, a filled position.
    for (const [path, body] of [
      ['/api/orders', { symbol: 'AAPL', side: 'buy', quantity: 5, execution: 'immediate' }],
      ['/api/strategies/create', { type: 'ma_crossover', name: 'protected', symbols: ['MSFT'] }],
    ] as const) {
      const response = await fetch(`${host.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
    }
    await host.settle();
  });
  afterAll(async () => {
    dynamodb?.destroy();
    await host?.stop();
  });

  it('has a valid body to break for every route that takes one', () => {
    const withBody = (ROUTES as readonly RouteSpec[]).filter((route) => route.request?.body !== undefined);
    expect(withBody.map((route) => `${route.method} ${route.path}`).sort()).toEqual(
      Object.keys(VALID_BODIES).sort(),
    );
  });

  it('answers ≥ 5,000 invalid requests with 4xx and the error body, and changes nothing stored', async () => {
    const before = await snapshot();
    const perRoute = 140;
    for (const route of ROUTES as readonly RouteSpec[]) {
      await fc.assert(fc.asyncProperty(invalidRequest(route), send), {
        seed: SEED,
        numRuns: perRoute,
        endOnFailure: true,
      });
    }
    await fc.assert(fc.asyncProperty(unknownRoute, send), { seed: SEED, numRuns: 300, endOnFailure: true });
    await fc.assert(fc.asyncProperty(wrongMethod, send), { seed: SEED, numRuns: 200, endOnFailure: true });
    expect(counted.requests).toBeGreaterThanOrEqual(5_000);
    await host.settle();
    expect(await snapshot()).toBe(before);
  }, 600_000);
});
