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
export type SdkService = 'DYNAMODB' | 'SQS' | 'SFN' | 'SNS' | 'SECRETS_MANAGER' | 'S3';

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

/** What a client is configured with: the SDK's standard variables, read from the function's environment. */
export interface SdkClientSettings extends Partial<SdkTransport> {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Settings for a new SDK client of `service`, from the SDK's standard variables in `env` — the
 * function's own environment. In Lambda that is `process.env`, and these are exactly what the
 * SDK would read from it by itself (the runtime puts the function role's credentials there).
 * On the local host each function has an environment of its own, so reading them here is what
 * makes each client act as its own function (its credentials name it to the local IAM). When
 * the endpoint is served in this process, the client reaches it without a socket.
 */
export function sdkClientSettings(service: SdkService, env: NodeJS.ProcessEnv): SdkClientSettings {
  const endpoint = endpointOf(service, env);
  const transport = endpoint ? inProcessEndpoints.get(endpoint) : undefined;
  return {
    ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
    ...(transport
      ? { requestHandler: transport.requestHandler, httpAuthSchemes: transport.httpAuthSchemes }
      : {}),
  };
}

/** The in-process transport to `service`'s configured endpoint, if this process serves it. */
export function inProcessTransportFor(
  service: SdkService,
  env: NodeJS.ProcessEnv,
): InProcessTransport | undefined {
  const endpoint = endpointOf(service, env);
  return endpoint ? inProcessEndpoints.get(endpoint) : undefined;
}

function endpointOf(service: SdkService, env: NodeJS.ProcessEnv): string | undefined {
  return env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
}
