import { mkdirSync } from 'node:fs';
import { localClientConfig } from './local-client-config';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { TableSpec } from '../adapters/dynamodb/table-specs';

export interface EmbeddedDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts dynalite on loopback, persisting to `dataDir` (LevelDB) or memory, and creates the
 * tables that do not exist yet. Stopping closes the store so every acknowledged write is on disk.
 */
export async function startEmbeddedDynamoDb(options: {
  dataDir?: string;
  tables: readonly { spec: TableSpec; physicalName: string }[];
}): Promise<EmbeddedDynamoDb> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = dynalite({
    path: options.dataDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  await createMissingTables(endpoint, options.tables);
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error?: Error) => (error ? reject(error) : resolve())),
      ),
  };
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
