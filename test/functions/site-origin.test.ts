import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { runInFunctionScope } from '../../lib/platform/function-scope';
import type { LocalHost } from '../../lib/local/local-host';
import { startTestHost } from '../support/local-host';

/**
 * In AWS the site (CloudFront) calls the API from its own origin, cross-origin, with a bearer
 * token: API Gateway's CORS allows exactly that origin (a CDK assertion in stratus-stack.test.ts)
 * and the handler wrapper must not refuse it — the loopback origin guard belongs to the local
 * host's gateway alone. The risk function's real handler, in its own container, answers it.
 */
describe('the handler wrapper and the site’s origin', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('answers a request from the CloudFront site’s origin with the authorizer’s claims', async () => {
    const origin = 'https://d111111abcdef8.cloudfront.net';
    const event = gatewayEvent('GET /api/risk', 'GET', '/api/risk', { origin });
    // Loaded after the host has set the Powertools variables its singletons read (metrics off locally).
    const { handler } = await import('../../functions/http/risk');
    const result = (await runInFunctionScope({ name: 'risk', env: host.environmentOf('risk') }, () =>
      handler(event as never, {} as never),
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(String(result.body))).toMatchObject({ trading_state: 'ACTIVE' });
  });

  it('answers 405 with the literal path’s methods when API Gateway routed GET /api/strategies/backtest to {id}', async () => {
    // API Gateway picks the most specific route that has the method: GET /api/strategies/{id}.
    const event = gatewayEvent(
      'GET /api/strategies/{id}',
      'GET',
      '/api/strategies/backtest',
      {},
      { id: 'backtest' },
    );
    const { handler } = await import('../../functions/http/strategies');
    const result = (await runInFunctionScope(
      { name: 'strategies', env: host.environmentOf('strategies') },
      () => handler(event as never, {} as never),
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('POST');
  });
});

/** An HTTP API (payload 2.0) event as API Gateway sends it, with a Cognito trader's claims. */
function gatewayEvent(
  routeKey: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  pathParameters?: Record<string, string>,
) {
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', authorization: 'Bearer jwt', ...headers },
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'x' },
      requestId: 'r-1',
      routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      authorizer: {
        jwt: {
          claims: { sub: 'user-1', 'custom:account_id': 'main', 'cognito:groups': '[trader]' },
          scopes: [],
        },
      },
    },
    isBase64Encoded: false,
  };
}
