import type {
  HttpAuthScheme,
  HttpHandlerOptions,
  HttpRequest,
  HttpResponse,
  RequestHandler,
} from '@smithy/types';
import type { JsonExchange } from './service-channel';

/**
 * Drops the AWS SDK's logger middleware from a client. With no logger configured it still
 * builds a redacted copy of every request and response (walking the operation's schema) and
 * hands it to a logger that discards it — a measurable share of each call's CPU on the order
 * path (docs/benchmarks.md). Stratus logs what it needs itself; no SDK client here is given a
 * logger, so nothing that was logged is lost.
 */
export function withoutSdkLogging<T extends { middlewareStack: { remove(name: string): boolean } }>(
  client: T,
): T {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

/** A service whose endpoint the SDK reads from `AWS_ENDPOINT_URL_<service>`. */
export type SdkService = 'DYNAMODB' | 'SQS' | 'SFN' | 'SNS';

/**
 * What an SDK client needs to reach an endpoint served inside this very process (the local
 * host's embedded DynamoDB and SQS): a request handler that hands each request to the service
 * without a socket, and the auth scheme that goes with it.
 */
export interface SdkTransport {
  requestHandler: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions>;
  httpAuthSchemes: HttpAuthScheme[];
}

/**
 * An endpoint served inside this process: reachable by an SDK client (`SdkTransport`), and by
 * the service's JSON protocol directly (`exchange`) for the adapters whose calls are on the
 * order path — see service-channel.ts for why.
 */
export interface InProcessTransport extends SdkTransport {
  exchange: JsonExchange;
}

const inProcessEndpoints = new Map<string, InProcessTransport>();

/**
 * Declares that `endpoint` is served in this process; clients created afterwards for a
 * service configured with that endpoint use `transport`. Returns the undo. Nothing registers
 * in Lambda, where every client keeps the SDK's standard configuration.
 */
export function serveEndpointInProcess(endpoint: string, transport: InProcessTransport): () => void {
  inProcessEndpoints.set(endpoint, transport);
  return () => {
    if (inProcessEndpoints.get(endpoint) === transport) inProcessEndpoints.delete(endpoint);
  };
}

/**
 * Settings for a new SDK client of `service`: none — the SDK's standard configuration from
 * the environment — unless the endpoint it is configured with is served in this process.
 */
export function sdkClientSettings(service: SdkService): SdkTransport | Record<string, never> {
  const transport = inProcessTransportFor(service);
  return transport
    ? { requestHandler: transport.requestHandler, httpAuthSchemes: transport.httpAuthSchemes }
    : {};
}

/** The in-process transport to `service`'s configured endpoint, if this process serves it. */
export function inProcessTransportFor(service: SdkService): InProcessTransport | undefined {
  const endpoint = process.env[`AWS_ENDPOINT_URL_${service}`] ?? process.env.AWS_ENDPOINT_URL;
  return endpoint ? inProcessEndpoints.get(endpoint) : undefined;
}
