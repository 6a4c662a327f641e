import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TABLES } from '../../lib/adapters/dynamodb/table-specs';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, rawRequest, sendRaw, startTestHost } from '../support/local-host';

describe('the API on the local host (real HTTP, real handlers, dynalite)', () => {
  let host: LocalHost;

  beforeAll(async () => {
    host = await startTestHost({ startingCash: 250_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('GET /api/health answers 200 with every dependency checked', async () => {
    const response = await call(`${host.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', version: host.version, market: { is_open: true } });
    const checks = (response.body as { checks: { name: string; status: string }[] }).checks;
    expect(checks.map((check) => check.name)).toEqual(ALL_TABLES.map((table) => `dynamodb:${table.name}`));
    expect(checks.every((check) => check.status === 'ok')).toBe(true);
  });

  it('GET /api/portfolio opens the paper account with the configured cash, in snake_case', async () => {
    const response = await call(`${host.url}/api/portfolio`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toMatchObject({
      account_id: 'paper',
      mode: 'paper',
      currency: 'USD',
      cash: 250_000,
      buying_power: 250_000,
      equity: 250_000,
      positions: [],
    });
  });

  it('GET /api/portfolio/ledger lists the opening deposit, paged', async () => {
    const response = await call(`${host.url}/api/portfolio/ledger?limit=1`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      entries: [
        expect.objectContaining({ sequence: 1, kind: 'deposit', amount: 250_000, balance_after: 250_000 }),
      ],
      next_after: 1,
    });
    const next = await call(`${host.url}/api/portfolio/ledger?after=1`);
    expect(next.body).toEqual({ entries: [], next_after: null });
  });

  it('GET /api/openapi.json serves the document of this very API', async () => {
    const response = await call(`${host.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ openapi: '3.1.0', info: { version: host.version } });
    expect(Object.keys((response.body as { paths: object }).paths)).toContain('/api/portfolio');
  });

  it('serves the web UI outside /api', async () => {
    const response = await fetch(`${host.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  describe('bad input gets a 4xx with the error body, never a 5xx, and changes nothing', () => {
    const huge = JSON.stringify({ padding: 'x'.repeat(70 * 1024) });
    const cases: {
      name: string;
      method: string;
      path: string;
      body?: string;
      headers?: Record<string, string>;
      status: number;
      code: string;
      field?: string;
    }[] = [
      {
        name: 'a wrong type in the query',
        method: 'GET',
        path: '/api/portfolio/ledger?limit=ten',
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'limit',
      },
      {
        name: 'an out-of-range number',
        method: 'GET',
        path: '/api/portfolio/ledger?limit=100000',
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'limit',
      },
      {
        name: 'a negative number',
        method: 'GET',
        path: '/api/portfolio/ledger?after=-1',
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'after',
      },
      {
        name: 'a NaN string',
        method: 'GET',
        path: '/api/portfolio/ledger?limit=NaN',
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'limit',
      },
      {
        name: 'an unknown query field',
        method: 'GET',
        path: '/api/portfolio/ledger?sort=desc',
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'sort',
      },
      {
        name: 'a query on a route that takes none',
        method: 'GET',
        path: '/api/portfolio?debug=1',
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'debug',
      },
      { name: 'an unknown route', method: 'GET', path: '/api/nothing-here', status: 404, code: 'NOT_FOUND' },
      {
        name: 'an injection string in the path',
        method: 'GET',
        path: "/api/portfolio/'%3B%20DROP%20TABLE",
        status: 404,
        code: 'NOT_FOUND',
      },
      {
        name: 'a wrong method',
        method: 'DELETE',
        path: '/api/portfolio',
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
      },
      {
        name: 'an oversized body',
        method: 'POST',
        path: '/api/portfolio',
        body: huge,
        headers: { 'content-type': 'application/json' },
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
    ];

    it.each(cases)('$name → $status $code', async ({ method, path, body, headers, status, code, field }) => {
      const before = await call(`${host.url}/api/portfolio/ledger`);
      const response = await call(`${host.url}${path}`, {
        method,
        ...(body === undefined ? {} : { body }),
        ...(headers ? { headers } : {}),
      });
      expect(response.status).toBe(status);
      const error = errorOf(response);
      expect(error.code).toBe(code);
      if (field) expect(error.details?.map((detail) => detail.field)).toContain(field);
      const after = await call(`${host.url}/api/portfolio/ledger`);
      expect(after.body).toEqual(before.body);
    });

    it.each([
      ['malformed JSON', '{"symbol":', 'application/json'],
      ['valid JSON', '{"symbol":"AAPL"}', 'application/json'],
      ['a form body', 'symbol=AAPL', 'application/x-www-form-urlencoded'],
    ])('refuses %s sent to a route that takes no body, naming the body', async (_name, body, contentType) => {
      const response = await rawRequest(`${host.url}/api/portfolio`, {
        method: 'GET',
        body,
        headers: { 'content-type': contentType },
      });
      expect(response.status).toBe(400);
      expect(errorOf(response)).toMatchObject({
        code: 'UNEXPECTED_BODY',
        details: [{ field: '(body)', problem: 'must be empty' }],
      });
    });

    it.each([
      ['a malformed request line', 'GARBAGE\r\n\r\n', 400, 'MALFORMED_REQUEST'],
      [
        'an oversized header',
        `GET /api/portfolio HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        'HEADERS_TOO_LARGE',
      ],
    ])('answers %s with the error body too', async (_name, wire, status, code) => {
      const reply = await sendRaw(host.url, wire as string);
      expect(reply).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code } });
    });

    it('answers 405 with an Allow header naming the accepted methods', async () => {
      const response = await call(`${host.url}/api/portfolio`, {
        method: 'PUT',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    });
  });
});
