import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbBacktestStore } from '../../lib/adapters/dynamodb/dynamodb-backtest-store';
import { TABLES } from '../../lib/adapters/dynamodb/table-specs';
import type { LocalHost } from '../../lib/local/local-host';
import { arbitraryOf, type Context, type JsonSchema, resolverFor } from '../support/json-schema-arbitrary';
import { call, rawRequest, sendJson, startTestHost } from '../support/local-host';

/**
 * The API against its own published contract. Requests for every operation of the served
 * OpenAPI document are generated from the document alone (fast-check; fixed seed, CONFORMANCE_SEED
 * to explore, CONFORMANCE_RUNS for more per operation) and sent over real HTTP: the valid ones the
 * document describes, the same with one thing broken, and methods a path does not have. Every
 * answer must be documented for its operation, match the documented body, keep money to the cent
 * and prices to the sub-penny tick, and a 405 must list exactly the path's methods.
 */
const SEED = Number(process.env.CONFORMANCE_SEED ?? 20261206);
const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 30);
const NEVER_MS = 2_147_483_647;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, { content?: { 'application/json': { schema: JsonSchema } } }>;
}
interface Document {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, JsonSchema> };
}

interface Sent {
  method: string;
  path: string;
  body?: string;
  label: string;
  /** The query parameter or top-level body field the request broke, when it broke one. */
  broken?: { in: 'body' | 'query'; field: string };
}

/** Significant decimals of a number as JSON wrote it (545.2650000000001 has 13). */
function decimalsOf(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

function validatorsFor(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('dollars', { type: 'number', validate: (value: number) => decimalsOf(value) <= 2 });
  ajv.addFormat('price', { type: 'number', validate: (value: number) => decimalsOf(value) <= 4 });
  const base = 'https://stratus.invalid/components';
  const rewrite = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', `"${base}#/$defs/`));
  ajv.addSchema({ $id: base, $defs: rewrite(document.components.schemas) as object });
  const compiled = new Map<JsonSchema, ReturnType<typeof ajv.compile>>();
  return (schema: JsonSchema, body: unknown): string | null => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(rewrite(schema) as object);
      compiled.set(schema, validate);
    }
    return validate(body) ? null : ajv.errorsText(validate.errors, { separator: '; ' });
  };
}

describe('the API keeps its published contract (OpenAPI-driven, real HTTP)', () => {
  let host: LocalHost;
  let document: Document;
  let validate: (schema: JsonSchema, body: unknown) => string | null;
  let context: Context;
  /** Problems found, one example kept per operation and kind of problem. */
  const failures = new Map<string, string>();
  const report = () => [...failures.values()].join('\n');
  const statuses = new Map<string, Set<number | string>>();

  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: NEVER_MS, cycleIntervalMs: NEVER_MS });
    document = (await call(`${host.url}/api/openapi.json`)).body as Document;
    validate = validatorsFor(document);
    // Things that exist, so generated requests reach past "not found".
    const post = (path: string, body: unknown) => sendJson(host, 'POST', path, body);
    const order = await post('/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      quantity: 5,
      execution: 'immediate',
    });
    const resting = await post('/api/orders', RESTING_ORDER);
    const strategy = await post('/api/strategies/create', {
      type: 'ma_crossover',
      name: 'conformance',
      symbols: ['MSFT'],
    });
    const backtest = await post('/api/strategies/backtest', {
      type: 'ma_crossover',
      data: { synthetic: 'gbm:bars=500,seed=1' },
    });
    const ids = (response: { body: unknown }) => [(response.body as { id: string }).id];
    // A backtest that waits in the store with no message on the queue: the runner never takes it,
    // so a generated cancel finds it cancelable (whenever it comes), once.
    const operator = host.operatorEnvironment();
    const waiting = `bt-${'c0ffee'.repeat(2)}`;
    await new DynamoDbBacktestStore(createDocumentClient(operator), operator[TABLES.backtests.envVar]!).save({
      backtestId: waiting,
      accountId: 'paper',
      status: 'queued',
      createdAt: new Date().toISOString(),
      createdBy: 'conformance',
      request: { type: 'ma_crossover', data: { synthetic: 'gbm:bars=500,seed=1' } },
      runs: [],
    });
    await host.runScheduled('preMarket'); // the day's market-conditions report
    const health = (await call(`${host.url}/api/health`)).body as {
      time: string;
      market: { next_open: string };
    };
    await host.settle();
    context = {
      resolve: resolverFor(document.components.schemas),
      known: {
        symbol: ['AAPL', 'MSFT', 'SPY'],
        symbols: ['AAPL', 'MSFT', 'SPY'],
        config_id: ids(strategy),
        strategy_id: ids(strategy),
        'order:id': [...ids(order), ...ids(resting)],
        'strategy:id': ids(strategy),
        'backtest:id': [...ids(backtest), waiting],
        rank: ['1', '2'],
        benchmark: ['SPY', 'QQQ'],
        underlying: ['SPY', 'QQQ'],
        // The host's own calendar: the next session (a plan's day) and a period ending today.
        date: [health.market.next_open.slice(0, 10), health.time.slice(0, 10)],
        from: ['2026-01-01', health.time.slice(0, 10)],
        to: [health.time.slice(0, 10)],
      },
    };
  }, 120_000);

  beforeEach(() => failures.clear());

  afterAll(async () => {
    if (process.env.CONFORMANCE_REPORT)
      for (const [key, seen] of statuses) console.log(`${key}: ${[...seen].sort().join(' ')}`);
    await host?.stop();
  });

  /** Path parameters by their name, with stored ids for the path's kind of object. */
  function pathValue(path: string, parameter: Parameter): fc.Arbitrary<string> {
    const kind = path.startsWith('/api/orders')
      ? 'order'
      : path.includes('/backtest')
        ? 'backtest'
        : 'strategy';
    const scoped = parameter.name === 'id' ? `${kind}:id` : parameter.name;
    return arbitraryOf(parameter.schema, context, scoped).map(String);
  }

  function validRequest(path: string, method: string, operation: Operation): fc.Arbitrary<Sent> {
    const parameters = operation.parameters ?? [];
    const pathParameters = parameters.filter((p) => p.in === 'path');
    const query = parameters.filter((p) => p.in === 'query');
    const bodySchema = operation.requestBody?.content['application/json'].schema;
    return fc
      .record({
        pathValues: fc.tuple(...pathParameters.map((p) => pathValue(path, p))),
        query: fc.record(
          Object.fromEntries(query.map((p) => [p.name, arbitraryOf(p.schema, context, p.name).map(String)])),
          { requiredKeys: query.filter((p) => p.required).map((p) => p.name) },
        ),
        body: bodySchema ? arbitraryOf(bodySchema, context) : fc.constant(undefined),
      })
      .map(({ pathValues, query, body }) => ({
        method: method.toUpperCase(),
        path:
          fill(path, pathParameters, pathValues as string[]) + queryString(query as Record<string, string>),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        label: 'valid by the document',
      }));
  }

  /** A valid request with one top-level body field or query parameter made invalid. */
  function brokenRequest(path: string, method: string, operation: Operation): fc.Arbitrary<Sent> | null {
    const bodySchema = operation.requestBody?.content['application/json'].schema;
    const body = bodySchema ? context.resolve(bodySchema) : undefined;
    const bodyFields = Object.entries(body?.properties ?? {})
      .map(([field, schema]) => ({
        field,
        values: invalidValuesFor(context.resolve(schema), body?.required?.includes(field) ?? false),
      }))
      .filter((candidate) => candidate.values.length > 0);
    const queryFields = (operation.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => ({ field: p.name, values: invalidQueryValuesFor(context.resolve(p.schema)) }))
      .filter((candidate) => candidate.values.length > 0);
    const choices = [
      ...bodyFields.map((candidate) => ({ ...candidate, in: 'body' as const })),
      ...queryFields.map((candidate) => ({ ...candidate, in: 'query' as const })),
    ];
    if (choices.length === 0) return null;
    return fc
      .tuple(validRequest(path, method, operation), fc.constantFrom(...choices))
      .chain(([sent, choice]) =>
        fc.constantFrom(...choice.values).map((value): Sent => {
          if (choice.in === 'query') {
            const url = new URL(sent.path, 'http://x');
            url.searchParams.set(choice.field, String(value));
            return {
              ...sent,
              path: url.pathname + url.search,
              label: `query ${choice.field}=${String(value)}`,
              broken: { in: 'query', field: choice.field },
            };
          }
          const parsed = JSON.parse(sent.body ?? '{}') as Record<string, unknown>;
          if (value === ABSENT) delete parsed[choice.field];
          else parsed[choice.field] = value;
          return {
            ...sent,
            body: JSON.stringify(parsed),
            label: `body ${choice.field}=${value === ABSENT ? '(absent)' : JSON.stringify(value)}`,
            broken: { in: 'body', field: choice.field },
          };
        }),
      );
  }

  async function check(sent: Sent): Promise<void> {
    const response = await rawRequest(`${host.url}${sent.path}`, {
      method: sent.method,
      headers: sent.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(sent.body === undefined ? {} : { body: sent.body }),
    });
    const template = templateOf(new URL(sent.path, 'http://x').pathname);
    const operation = template ? document.paths[template]?.[sent.method.toLowerCase() as 'get'] : undefined;
    const where = `${sent.method} ${sent.path.slice(0, 140)} [${sent.label}] ${sent.body?.slice(0, 160) ?? ''} → ${response.status} ${response.text.slice(0, 240)}`;
    const problems: string[] = [];
    const key = `${sent.method} ${template ?? sent.path}`;
    const code = (response.body as { error?: { code?: string } } | undefined)?.error?.code;
    if (process.env.CONFORMANCE_REPORT && code && !statuses.get(key)?.has(`${response.status} ${code}`))
      console.log(`first ${response.status} ${code}: ${where}`);
    statuses.set(
      key,
      (statuses.get(key) ?? new Set()).add(code ? `${response.status} ${code}` : response.status),
    );
    if (response.status >= 500) problems.push('a server error');
    if (response.status === 405) {
      const expected = METHODS.filter((m) => template && document.paths[template]?.[m])
        .map((m) => m.toUpperCase())
        .sort();
      const allow = (response.headers.get('allow') ?? '').split(/,\s*/).filter(Boolean).sort();
      if (JSON.stringify(allow) !== JSON.stringify(expected))
        problems.push(`Allow "${response.headers.get('allow')}" is not exactly ${expected.join(', ')}`);
    }
    if (template && !operation && response.status !== 405)
      problems.push(`a method the path does not have was not a 405`);
    if (operation) {
      const documented = operation.responses[String(response.status)];
      if (!documented) problems.push(`status ${response.status} is not documented for the operation`);
      const schema = documented?.content?.['application/json'].schema;
      if (schema) {
        const error = validate(schema, response.body);
        if (error) problems.push(`the body does not match the documented schema: ${error.slice(0, 400)}`);
      }
    }
    if (sent.broken) {
      if (response.status !== 400) problems.push(`a broken ${sent.broken.in} field was not a 400`);
      else {
        const details = (response.body as { error?: { details?: { field: string }[] } }).error?.details ?? [];
        if (
          !details.some((d) => d.field === sent.broken?.field || d.field.startsWith(`${sent.broken?.field}.`))
        )
          problems.push(`the error does not name ${sent.broken.field}`);
      }
    }
    for (const problem of problems) {
      const kind = `${key} ${response.status}: ${problem.replace(/[:"].*$/, '')}`;
      if (!failures.has(kind)) failures.set(kind, `${kind}\n    e.g. ${where}\n    ${problem}`);
    }
  }

  function operations(): { path: string; method: string; operation: Operation }[] {
    return Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({
        path,
        method,
        operation: item[method] as Operation,
      })),
    );
  }

  function templateOf(pathname: string): string | undefined {
    const segments = pathname.split('/');
    const candidates = Object.keys(document.paths).filter((template) => {
      const parts = template.split('/');
      return (
        parts.length === segments.length &&
        parts.every((part, i) => part.startsWith('{') || part === segments[i])
      );
    });
    // The most literal template is the one a request is for (static segments win over {id}).
    return candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
  }

  it('answers generated valid requests to every operation as documented', async () => {
    // Round by round, every operation once in a seeded order: a session started in one round can
    // be paused, resumed or stopped in the next, the way a trader's requests interleave.
    const all = operations();
    const samples = all.map(({ path, method, operation }, index) =>
      fc.sample(validRequest(path, method, operation), { seed: SEED + index, numRuns: RUNS }),
    );
    const orders = fc.sample(
      fc.shuffledSubarray(
        all.map((_, index) => index),
        { minLength: all.length },
      ),
      {
        seed: SEED,
        numRuns: RUNS,
      },
    );
    for (let round = 0; round < RUNS; round++) {
      for (const index of orders[round] ?? []) await check(samples[index]![round]!);
    }
    await host.settle();
    expect([...failures.keys()], report()).toEqual([]);
  }, 600_000);

  it('refuses a request with one field broken with a 400 naming the field', async () => {
    for (const { path, method, operation } of operations()) {
      const broken = brokenRequest(path, method, operation);
      if (broken) await fc.assert(fc.asyncProperty(broken, check), { seed: SEED, numRuns: RUNS });
    }
    expect([...failures.keys()], report()).toEqual([]);
  }, 600_000);

  it('answers a method a path does not have with 405 and exactly its methods in Allow', async () => {
    for (const [path, item] of Object.entries(document.paths)) {
      const parameters = Object.values(item).flatMap((operation) =>
        (operation?.parameters ?? []).filter((p) => p.in === 'path'),
      );
      const unique = [...new Map(parameters.map((p) => [p.name, p])).values()];
      for (const method of METHODS.filter((m) => !item[m])) {
        await fc.assert(
          fc.asyncProperty(fc.tuple(...unique.map((p) => pathValue(path, p))), async (values) => {
            await check({
              method: method.toUpperCase(),
              path: fill(path, unique, values as string[]),
              label: 'method not on the path',
            });
          }),
          { seed: SEED, numRuns: Math.max(3, Math.floor(RUNS / 5)) },
        );
      }
    }
    expect([...failures.keys()], report()).toEqual([]);
  }, 600_000);

  it('cancels a working order, closes a position and resumes a session as documented', async () => {
    // Generated emergency stops cancel every open order, flatten every position and leave the
    // session halted, so these successes get the state they need here, in order, and are
    // checked the same way.
    const post = (path: string, body: unknown) => sendJson(host, 'POST', path, body);
    await post('/api/risk/emergency-stop/reset', { reason: 'conformance: trade again' });
    const resting = await post('/api/orders', RESTING_ORDER);
    expect(resting.status, resting.text).toBe(201);
    const bought = await post('/api/orders', {
      symbol: 'SPY',
      side: 'buy',
      quantity: 3,
      execution: 'immediate',
    });
    expect(bought.status, bought.text).toBe(201);
    await host.settle();
    await check({
      method: 'DELETE',
      path: `/api/orders/${(resting.body as { id: string }).id}`,
      label: 'working order',
    });
    await check({ method: 'POST', path: '/api/positions/SPY/close', body: '{}', label: 'open position' });
    // A paused session (started here unless the generated rounds left one live).
    await post('/api/strategies/start-execution', {
      strategies: [{ config_id: context.known.config_id![0] }],
    });
    await check({ method: 'POST', path: '/api/strategies/pause', body: '{}', label: 'running session' });
    await check({ method: 'POST', path: '/api/strategies/resume', body: '{}', label: 'paused session' });
    // A kept report: the archiver keeps the last closed session's, then it is downloaded.
    await host.runScheduled('reportArchiver');
    const kept = (await call(`${host.url}/api/reports`)).body as { reports: { key: string }[] };
    expect(kept.reports.length).toBeGreaterThan(0);
    await check({
      method: 'GET',
      path: `/api/reports/file?key=${encodeURIComponent(kept.reports[0]!.key)}`,
      label: 'a kept report',
    });
    // A day's plan, of a configuration made here (the generated rounds may have retired the
    // first): a generated body seldom names a live configuration with parameters it takes.
    const day = String(context.known.date![0]);
    const planned = await post('/api/strategies/create', {
      type: 'ma_crossover',
      name: 'planned',
      symbols: ['SPY'],
    });
    await check({
      method: 'PUT',
      path: '/api/sessions/plan',
      body: JSON.stringify({
        date: day,
        strategies: [{ config_id: (planned.body as { id: string }).id, allocation: 0.5 }],
      }),
      label: 'a day’s plan',
    });
    await check({ method: 'GET', path: `/api/sessions/plan?date=${day}`, label: 'the plan saved' });
    expect([...failures.keys()], report()).toEqual([]);
    expect(statuses.get('PUT /api/sessions/plan')).toContain(200);
    expect(statuses.get('GET /api/sessions/plan')).toContain(200);
    expect(statuses.get('DELETE /api/orders/{id}')).toContain(200);
    expect(statuses.get('POST /api/positions/{symbol}/close')).toContain(200);
    expect(statuses.get('POST /api/strategies/resume')).toContain(200);
    expect(statuses.get('GET /api/reports/file')).toContain(200);
  });

  it('reached a success on every operation', () => {
    const never = operations()
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`)
      .filter(
        (key) => ![...(statuses.get(key) ?? [])].some((status) => typeof status === 'number' && status < 300),
      );
    expect(never).toEqual([]);
  });
});

const ABSENT = Symbol('absent');

/** A buy limit far under the market: it rests, so it can be canceled. */
const RESTING_ORDER = {
  symbol: 'MSFT',
  side: 'buy',
  quantity: 1,
  order_type: 'limit',
  price: 1,
  time_in_force: 'gtc',
};

function fill(path: string, parameters: Parameter[], values: string[]): string {
  return parameters.reduce(
    (filled, parameter, index) =>
      filled.replace(`{${parameter.name}}`, encodeURIComponent(values[index] ?? 'x')),
    path,
  );
}

function queryString(query: Record<string, string>): string {
  const entries = Object.entries(query);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}

/** Values the schema refuses for a body field: absent when required, the wrong type, out of bounds. */
function invalidValuesFor(schema: JsonSchema, required: boolean): unknown[] {
  const values: unknown[] = required ? [ABSENT] : [];
  if (schema.anyOf || schema.oneOf || !schema.type) return values;
  const type = schema.type;
  values.push(
    type === 'string'
      ? 12345
      : type === 'object'
        ? 'not an object'
        : type === 'array'
          ? { not: 'a list' }
          : 'text',
  );
  if (type === 'integer') values.push(1.5);
  if (schema.maximum !== undefined) values.push(schema.maximum + 1);
  if (schema.minimum !== undefined) values.push(schema.minimum - 1);
  if (schema.exclusiveMinimum !== undefined) values.push(schema.exclusiveMinimum);
  if (schema.maxLength !== undefined) values.push('A'.repeat(schema.maxLength + 1));
  if (schema.enum) values.push('zz-not-a-choice');
  if (schema.maxItems !== undefined && schema.items)
    values.push(Array.from({ length: schema.maxItems + 1 }, () => null));
  return values;
}

/** Strings a query parameter refuses (query values are always strings). */
function invalidQueryValuesFor(schema: JsonSchema): string[] {
  const values: string[] = [];
  if (schema.pattern || schema.enum) values.push('\u0001zz');
  if (schema.type === 'integer' || schema.type === 'number') values.push('x1');
  if (schema.type === 'integer') values.push('1.5');
  if (schema.maximum !== undefined) values.push(String(schema.maximum + 1));
  if (schema.minimum !== undefined) values.push(String(schema.minimum - 1));
  if (schema.maxLength !== undefined) values.push('A'.repeat(schema.maxLength + 1));
  return values;
}
