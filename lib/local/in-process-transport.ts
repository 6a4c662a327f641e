import type { Worker } from 'node:worker_threads';
import type { HttpRequest, HttpResponse, HttpSigner, Identity } from '@smithy/types';
import type { InProcessTransport } from '../adapters/sdk-client';

/** A request for an embedded service, as an HTTP request would carry it. */
export interface ServiceRequest {
  method: string;
  /** Path and query string, as an HTTP request line carries them. */
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** The service's answer, as it would have come back over HTTP. */
export interface ServiceResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** Hands one request to an embedded service (its own request handler) and resolves with the answer. */
export type AnswerRequest = (request: ServiceRequest) => Promise<ServiceResponse>;

/** A request posted to a service's worker thread, and its answer posted back. */
export type WorkerRequest = ServiceRequest & { type: 'request'; id: number };
export type WorkerResponse = ServiceResponse & { type: 'response'; id: number };

/**
 * The transport to an embedded service of this process, whose own request handler answers
 * (`answer`): no socket, no HTTP parsing. SDK clients use it through `requestHandler`; the order
 * path's adapters send the JSON protocol through `exchange`, with the same headers an SDK
 * request has (`signingName` is the service's name in the SigV4 scope). The service's loopback
 * port stays open for everything else.
 */
export function inProcessTransport(answer: AnswerRequest, signingName: string): InProcessTransport {
  return {
    requestHandler: {
      handle: async (request: HttpRequest) => {
        const body: unknown = request.body;
        if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array))
          throw new Error(`${signingName}: a streamed request body cannot be handed over in process`);
        const response = await answer({
          method: request.method,
          url: requestUrl(request),
          headers: request.headers,
          body: body as ServiceRequest['body'],
        });
        const result: HttpResponse = {
          statusCode: response.statusCode,
          headers: response.headers,
          body: typeof response.body === 'string' ? Buffer.from(response.body) : response.body,
        };
        return { response: result };
      },
    },
    exchange: async (target: string, body: string, accessKeyId: string) => {
      const at = amzDate();
      const region = 'us-east-1';
      const response = await answer({
        method: 'POST',
        url: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': target,
          'x-amz-date': at,
          authorization: unsignedAuthorization(accessKeyId, at, region, signingName),
        },
        body,
      });
      const text =
        typeof response.body === 'string'
          ? response.body
          : Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength).toString(
              'utf8',
            );
      return { statusCode: response.statusCode, body: text };
    },
    httpAuthSchemes: [{ schemeId: 'aws.auth#sigv4', identityProvider, signer: unsignedSigV4 }],
  };
}

/**
 * Answers by posting each request to a service running on a worker thread (which hands it to
 * the service's request handler and posts the answer back). A worker that has exited fails the
 * calls waiting on it, and every later one, with `<service> has stopped`.
 */
export function workerAnswers(worker: Worker, service: string): AnswerRequest {
  const pending = new Map<
    number,
    { resolve: (response: WorkerResponse) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  let stopped: Error | undefined;
  worker.on('message', (message: WorkerResponse | { type: string }) => {
    if (message.type !== 'response') return;
    const response = message as WorkerResponse;
    pending.get(response.id)?.resolve(response);
    pending.delete(response.id);
  });
  worker.once('exit', () => {
    stopped = new Error(`${service} has stopped`);
    for (const { reject } of pending.values()) reject(stopped);
    pending.clear();
  });
  return (request) => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    const answer = new Promise<WorkerResponse>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage({ type: 'request', id, ...request } satisfies WorkerRequest);
    return answer;
  };
}

function requestUrl(request: HttpRequest): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) query.append(key, one ?? '');
  }
  const search = query.toString();
  return search ? `${request.path}?${search}` : request.path;
}

const identityProvider: InProcessTransport['httpAuthSchemes'][number]['identityProvider'] = (config) =>
  config.getIdentityProvider('aws.auth#sigv4');

/**
 * SigV4's headers without the signature. The embedded services check that a request carries
 * a well-formed SigV4 scope (dynalite refuses one without; fauxqs reads its region) but never
 * verify the signature, and nothing crosses a network here: the HMACs would be pure cost.
 */
const unsignedSigV4: HttpSigner = {
  async sign(request: HttpRequest, identity: Identity, properties: Record<string, unknown>) {
    const { accessKeyId } = identity as Identity & { accessKeyId?: string };
    const at = amzDate();
    request.headers['x-amz-date'] = at;
    request.headers.authorization = unsignedAuthorization(
      accessKeyId ?? 'local',
      at,
      String(properties.region),
      String(properties.name),
    );
    return request;
  },
};

/** `X-Amz-Date` (YYYYMMDD'T'HHMMSS'Z'): the same text for a whole second, so built once per second. */
function amzDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== lastAmzDate.second) {
    lastAmzDate.second = second;
    lastAmzDate.text = new Date(second * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
  }
  return lastAmzDate.text;
}

const lastAmzDate = { second: Number.NaN, text: '' };

function unsignedAuthorization(accessKeyId: string, at: string, region: string, signingName: string): string {
  const scope = `${at.slice(0, 8)}/${region}/${signingName}/aws4_request`;
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=host;x-amz-date, Signature=in-process`;
}
