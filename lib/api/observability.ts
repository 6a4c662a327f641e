import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One logger, metrics emitter and tracer per process, configured by the standard Powertools
 * variables (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_NAMESPACE…).
 */
export const logger = new Logger({ serviceName: 'stratus' });
export const metrics = new Metrics({ namespace: 'Stratus', serviceName: 'stratus' });
export const tracer = new Tracer({ serviceName: 'stratus' });
