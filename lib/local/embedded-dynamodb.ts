import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { TableSpec } from '../adapters/dynamodb/table-specs';
import { localClientConfig } from './local-client-config';
import type { InProcessTransport } from '../adapters/sdk-client';
import { workerTransport } from './worker-transport';

export interface EmbeddedDynamoDb {
  endpoint: string;
  /** The same service without a socket, for SDK clients in this process. */
  transport: InProcessTransport;
  stop(): Promise<void>;
}

/**
 * Starts dynalite on loopback, on a worker thread of its own (its per-request work would
 * otherwise share the API's event loop), persisting to `dataDir` (LevelDB) or memory, and
 * creates the tables that do not exist yet. Stopping closes the store so every acknowledged
 * write is on disk. A thread, not a process: if the host dies, the store dies with it and
 * never outlives it holding the data folder's lock.
 */
export async function startEmbeddedDynamoDb(options: {
  dataDir?: string;
  tables: readonly { spec: TableSpec; physicalName: string }[];
}): Promise<EmbeddedDynamoDb> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const worker = new Worker(new URL('./dynalite-worker.mjs', import.meta.url), {
    workerData: { path: options.dataDir },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: { type: string; port?: number; message?: string }) => {
      if (message.type === 'listening') resolve(message.port!);
      if (message.type === 'error') reject(new Error(`dynalite: ${message.message}`));
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const closed = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: { type: string; error?: string | null }) => {
        if (message.type !== 'closed') return;
        if (message.error) reject(new Error(message.error));
        else resolve();
      });
    });
    worker.postMessage({ type: 'close' });
    await closed;
    await worker.terminate();
  };
  try {
    await createMissingTables(endpoint, options.tables);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, transport: workerTransport(worker, 'the embedded DynamoDB', 'dynamodb'), stop };
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
