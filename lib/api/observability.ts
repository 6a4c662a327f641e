import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type middy from '@middy/core';

/**
 * One logger, metrics emitter and tracer per process, configured by the standard Powertools
 * variables (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_NAMESPACE…).
 */
export const logger = new Logger({ serviceName: 'stratus' });
export const metrics = new Metrics({ namespace: 'Stratus', serviceName: 'stratus' });

/**
 * The tracer is loaded only when tracing is on (always in Lambda, off on the local host).
 * Importing the X-Ray SDK enables async hooks for the whole process, which taxes every promise
 * — worth it in Lambda, where X-Ray records the trace; pure overhead where nothing does.
 */
const tracingEnabled = (process.env.POWERTOOLS_TRACE_ENABLED ?? 'true').toLowerCase() !== 'false';

export const tracer: Tracer | undefined = tracingEnabled
  ? new (await import('@aws-lambda-powertools/tracer')).Tracer({ serviceName: 'stratus' })
  : undefined;

/** The tracing middleware, or none when tracing is off. */
export const tracing: middy.MiddlewareObj | undefined = tracer
  ? (await import('@aws-lambda-powertools/tracer/middleware')).captureLambdaHandler(tracer, {
      captureResponse: false,
    })
  : undefined;

/** Adds the tracing middleware to a handler when tracing is on. */
export function withTracing<T extends { use(middleware: middy.MiddlewareObj): T }>(handler: T): T {
  return tracing ? handler.use(tracing) : handler;
}

/**
 * Publishes the metrics a request recorded, if it recorded any. Powertools' own logMetrics
 * middleware warns on every invocation that recorded none — most requests — which floods the
 * logs (and, locally, stdout) with noise.
 */
export function publishRecordedMetrics(): middy.MiddlewareObj {
  const publish = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
}
