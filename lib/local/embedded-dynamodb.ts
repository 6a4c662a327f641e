import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { TableSpec } from '../adapters/dynamodb/table-specs';
import { localClientConfig } from './local-client-config';
import type { InProcessTransport } from '../adapters/sdk-client';
import {
  type AnswerRequest,
  inProcessTransport,
  type ServiceRequest,
  type ServiceResponse,
} from './in-process-transport';

export interface EmbeddedDynamoDb {
  endpoint: string;
  /** The same service without a socket, for clients in this process. */
  transport: InProcessTransport;
  stop(): Promise<void>;
}

/**
 * Starts dynalite in this thread — listening on loopback for tools and tests, answering this
 * process's clients through its request handler directly (`transport`) — persisting to `dataDir`
 * (LevelDB) or memory, and creates the tables that do not exist yet. Stopping closes the store,
 * so every acknowledged write is on disk; calls after that fail with "has stopped".
 *
 * Why in this thread and not a worker of its own (as until session 8): once the order path's
 * calls stopped going through the SDK client, dynalite's own work was most of what a store call
 * cost, and every call to a worker cost two thread wake-ups on top — more, on this 2-vCPU VM,
 * than the work it moved off the event loop. In this thread the host used ~10 % less CPU per
 * order at 100 orders/s (docs/benchmarks.md, session 8).
 */
export async function startEmbeddedDynamoDb(options: {
  dataDir?: string;
  tables: readonly { spec: TableSpec; physicalName: string }[];
  /** Puts the in-process answers behind a gate (the local IAM). */
  guard?: (answer: AnswerRequest) => AnswerRequest;
}): Promise<EmbeddedDynamoDb> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const handleHttp = server.listeners('request')[0] as DynaliteRequestHandler;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped: Error | undefined;
  const stop = async () => {
    stopped ??= new Error('the embedded DynamoDB has stopped');
    // Closing the server closes the LevelDB store: every acknowledged write is on disk.
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  };
  try {
    await createMissingTables(endpoint, options.tables);
  } catch (error) {
    await stop();
    throw error;
  }
  const answer: AnswerRequest = (request) =>
    stopped ? Promise.reject(stopped) : answerWithDynalite(handleHttp, request);
  return {
    endpoint,
    transport: inProcessTransport(options.guard ? options.guard(answer) : answer, 'dynamodb'),
    stop,
  };
}

/** dynalite's HTTP request handler: it reads only these parts of a request and a response. */
type DynaliteRequestHandler = (
  request: EventEmitter & Pick<ServiceRequest, 'method' | 'url' | 'headers'>,
  response: {
    statusCode: number;
    setHeader(name: string, value: unknown): void;
    end(payload?: string): void;
  },
) => void;

/** Hands a request to dynalite's own request handler as the request and response it reads and writes. */
function answerWithDynalite(
  handleHttp: DynaliteRequestHandler,
  request: ServiceRequest,
): Promise<ServiceResponse> {
  return new Promise((resolve) => {
    const incoming = Object.assign(new EventEmitter(), {
      method: request.method,
      url: request.url,
      headers: request.headers,
    });
    const headers: Record<string, string> = {};
    const response = {
      statusCode: 200,
      setHeader: (name: string, value: unknown) => {
        headers[name.toLowerCase()] = String(value);
      },
      end: (payload?: string) => resolve({ statusCode: response.statusCode, headers, body: payload ?? '' }),
    };
    handleHttp(incoming, response);
    if (request.body !== undefined && request.body.length > 0)
      incoming.emit('data', Buffer.from(request.body));
    incoming.emit('end');
  });
}

async function createMissingTables(
  endpoint: string,
  tables: readonly { spec: TableSpec; physicalName: string }[],
): Promise<void> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const { spec, physicalName } of tables) {
      if (existing.has(physicalName)) continue;
      const keys = [{ AttributeName: spec.partitionKey, KeyType: 'HASH' as const }];
      if (spec.sortKey) keys.push({ AttributeName: spec.sortKey, KeyType: 'RANGE' as const } as never);
      const indexes = spec.indexes ?? [];
      const attributes = new Set([
        spec.partitionKey,
        ...(spec.sortKey ? [spec.sortKey] : []),
        ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ]);
      await client.send(
        new CreateTableCommand({
          TableName: physicalName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: keys,
          AttributeDefinitions: [...attributes].map((name) => ({
            AttributeName: name,
            AttributeType: 'S' as const,
          })),
          ...(indexes.length > 0
            ? {
                GlobalSecondaryIndexes: indexes.map((index) => ({
                  IndexName: index.name,
                  KeySchema: [
                    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
                    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
                  ],
                  Projection: { ProjectionType: 'ALL' as const },
                })),
              }
            : {}),
        }),
      );
    }
  } finally {
    client.destroy();
  }
}
