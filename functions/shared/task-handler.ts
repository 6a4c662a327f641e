import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, withTracing } from '../../lib/api/observability';

/** The wrapper of non-HTTP functions (queue, workflow, schedule): Powertools logging and tracing. */
export function taskHandler<E, R>(handle: (event: E, context: Context) => Promise<R>) {
  return withTracing(middy(handle).use(injectLambdaContext(logger, { resetKeys: true })));
}
