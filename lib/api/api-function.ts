import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { FunctionName } from '../platform/function-catalog';
import { hasRole, type Principal } from '../app/principal';
import { DomainError } from '../core/errors';
import { toErrorResponse } from './http-errors';
import { logger, metrics, publishRecordedMetrics, withTracing } from './observability';
import { principalFromEvent } from './principal-from-event';
import { parseRequest } from './request-parser';
import { type ApiResult, toHttpResponse } from './responses';
import { matchRoute, routeByKey } from './route-matcher';
import type { Route } from './routes';
import type * as z from './zod';

type RoutesOf<F extends FunctionName> = Extract<Route, { function: F }>;
type KeyOf<R extends Route> = `${R['method']} ${R['path']}`;
type Input<R, Part extends string> = R extends { request: { [P in Part]: infer S extends z.ZodMiniType } }
  ? z.output<S>
  : undefined;

/** What a route handler receives: validated input and, except on public routes, the caller. */
export interface ApiRequest<R extends Route> {
  principal: R['auth'] extends 'public' ? Principal | null : Principal;
  body: Input<R, 'body'>;
  query: Input<R, 'query'>;
  params: Input<R, 'params'>;
  requestId: string;
}

export type RouteHandlers<F extends FunctionName> = {
  [R in RoutesOf<F> as KeyOf<R>]: (request: ApiRequest<R>) => Promise<ApiResult>;
};

export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The one wrapper every HTTP function uses: Powertools logging, metrics and tracing through
 * middy; route resolution; authentication and role checks; strict request validation; and
 * error mapping (4xx with a code and the fields at fault, 5xx that never leaks the cause).
 */
export function apiFunction<F extends FunctionName>(handlers: RouteHandlers<F>): LambdaHttpHandler {
  const table = handlers as unknown as Record<string, (request: ApiRequest<Route>) => Promise<ApiResult>>;

  async function handle(
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> {
    const requestId = context.awsRequestId;
    metrics.addMetric('Requests', MetricUnit.Count, 1);
    try {
      const { route, params } = resolve(event);
      const handler = table[`${route.method} ${route.path}`];
      if (!handler)
        throw new DomainError(
          'NOT_FOUND',
          `No route for ${event.requestContext.http.method} ${event.rawPath}`,
          'not_found',
        );
      const principal = authorize(route, event);
      const input = parseRequest(route, event, params);
      const result = await handler({ principal, ...input, requestId } as ApiRequest<Route>);
      return toHttpResponse(result.status, result.body, { ...result.headers, 'x-request-id': requestId });
    } catch (error) {
      const { statusCode, body } = toErrorResponse(error);
      if (statusCode >= 500) {
        metrics.addMetric('ServerErrors', MetricUnit.Count, 1);
        logger.error('request failed', { error: error as Error, route: event.routeKey });
      } else {
        metrics.addMetric('ClientErrors', MetricUnit.Count, 1);
      }
      // Refusals by the pre-trade risk engine (by name: this module stays free of the engine's code).
      if (error instanceof Error && error.name === 'RiskRejectedError') {
        metrics.addMetric('RiskRejects', MetricUnit.Count, 1);
      }
      const extra: Record<string, string> = { 'x-request-id': requestId };
      if (error instanceof MethodNotAllowed) extra.allow = error.allowed.join(', ');
      return toHttpResponse(statusCode, body, extra);
    }
  }

  return withTracing(
    middy(handle)
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(publishRecordedMetrics()),
  );
}

class MethodNotAllowed extends DomainError {
  constructor(readonly allowed: string[]) {
    super('METHOD_NOT_ALLOWED', `This path accepts ${allowed.join(', ')} only`, 'method_not_allowed');
  }
}

/** The route API Gateway matched, or, for the `$default` route, the one the path names. */
function resolve(event: APIGatewayProxyEventV2): { route: Route; params: Record<string, string> } {
  const known = event.routeKey === '$default' ? undefined : routeByKey(event.routeKey);
  const match = matchRoute(event.requestContext.http.method, event.rawPath);
  // API Gateway reads GET /api/strategies/backtest as GET /api/strategies/{id}; the literal path
  // has no GET, so the answer is the 405 the local host gives, not "strategy backtest not found".
  if (known && match.kind === 'method_not_allowed') throw new MethodNotAllowed(match.allowed);
  if (known) return { route: known, params: { ...(event.pathParameters ?? {}) } as Record<string, string> };
  if (match.kind === 'matched') return match;
  if (match.kind === 'method_not_allowed') throw new MethodNotAllowed(match.allowed);
  throw new DomainError(
    'NOT_FOUND',
    `No route for ${event.requestContext.http.method} ${event.rawPath}`,
    'not_found',
  );
}

function authorize(route: Route, event: APIGatewayProxyEventV2): Principal | null {
  const principal = principalFromEvent(event as APIGatewayProxyEventV2WithJWTAuthorizer);
  if (route.auth === 'public') return principal;
  if (!principal)
    throw new DomainError('UNAUTHENTICATED', 'Sign in: this route needs a valid token', 'unauthenticated');
  if (!hasRole(principal, route.auth)) {
    throw new DomainError('FORBIDDEN', `This route needs the ${route.auth} role`, 'forbidden');
  }
  return principal;
}
