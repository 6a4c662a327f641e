/**
 * How an adapter's calls reach an AWS service: through an SDK client (AWS, or any endpoint over
 * HTTP), or — for a service served inside this very process, the local host's embedded dynalite
 * and fauxqs — by the service's JSON protocol without an SDK client. Both speak the SDK's input
 * and output shapes (for DynamoDB and SQS these are the wire's own field names) and throw the
 * SDK's exception classes.
 *
 * Why the second: the SDK's client spends ~150 µs of the caller's CPU per call on endpoint
 * rules, user agent, retry tokens and schema-driven serde, around ~40 µs of real work; at ~10
 * calls per order that was the largest cost on the local host's main thread (docs/benchmarks.md).
 * In-process there is no network to retry over, no signature anyone verifies, and an endpoint
 * that never moves.
 */

import { withoutSdkLogging } from './sdk-client';

/** Operation name → [input, output] in the SDK's shapes. */
export type OperationTable = Record<string, [object, object]>;

export interface ServiceChannel<Operations extends OperationTable> {
  call<Name extends keyof Operations & string>(
    operation: Name,
    input: Operations[Name][0],
  ): Promise<Operations[Name][1]>;
  destroy(): void;
}

/**
 * Sends one JSON-protocol request to an in-process service, as the caller whose access key is
 * given (the service's IAM decides what it may do), and resolves with its answer.
 */
export type JsonExchange = (
  target: string,
  body: string,
  accessKeyId: string,
) => Promise<{ statusCode: number; body: string }>;

/** Builds the error an SDK client would throw for a service's error answer. */
export type ServiceErrorFactory = (code: string, message: string, statusCode: number) => Error;

interface SdkClient {
  send(command: never): Promise<unknown>;
  destroy(): void;
  middlewareStack: { remove(name: string): boolean };
}

/** Through an SDK client (without its logger middleware: sdk-client.ts): each operation is sent as its command class. */
export function sdkChannel<Operations extends OperationTable>(
  client: SdkClient,
  commands: { [Name in keyof Operations]: new (input: Operations[Name][0]) => unknown },
): ServiceChannel<Operations> {
  withoutSdkLogging(client);
  return {
    call: (operation, input) => client.send(new commands[operation](input) as never) as never,
    destroy: () => client.destroy(),
  };
}

/**
 * By the JSON protocol to a service in this process: `X-Amz-Target: <targetPrefix>.<Operation>`,
 * the input as the body, the answer's JSON as the output (with the `$metadata` an SDK output
 * carries). JSON has no bytes: binary values are not carried (Stratus sends none).
 */
export function inProcessChannel<Operations extends OperationTable>(
  exchange: JsonExchange,
  targetPrefix: string,
  toError: ServiceErrorFactory,
  accessKeyId: string,
): ServiceChannel<Operations> {
  return {
    call: async (operation, input) => {
      const answer = await exchange(`${targetPrefix}.${operation}`, JSON.stringify(input), accessKeyId);
      if (answer.statusCode !== 200) throw toError(...errorOf(answer.body), answer.statusCode);
      return { ...(JSON.parse(answer.body) as object), $metadata: { httpStatusCode: 200 } } as never;
    },
    destroy: () => undefined,
  };
}

/**
 * The error an SDK client throws for an error its service model does not name: the service's
 * base exception class, with the error code as its name.
 */
export function unmodeledError<E>(
  Base: new (options: {
    name: string;
    $fault: 'client' | 'server';
    message: string;
    $metadata: { httpStatusCode: number };
  }) => E,
  code: string,
  message: string,
  statusCode: number,
): E {
  return new Base({
    name: code,
    $fault: statusCode >= 500 ? 'server' : 'client',
    message,
    $metadata: { httpStatusCode: statusCode },
  });
}

/**
 * The error code and message of an AWS JSON error body: `__type` is the code, possibly
 * prefixed with the service's namespace (`com.amazonaws.dynamodb.v20120810#…`); the message
 * field is spelled `message` or `Message`.
 */
export function errorOf(body: string): [code: string, message: string] {
  let parsed: { __type?: unknown; message?: unknown; Message?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return ['UnknownError', body.slice(0, 200)];
  }
  const type = typeof parsed.__type === 'string' ? parsed.__type : 'UnknownError';
  const code = type.slice(type.lastIndexOf('#') + 1);
  const message = parsed.message ?? parsed.Message;
  return [code, typeof message === 'string' ? message : code];
}
