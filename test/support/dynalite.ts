import { localClientConfig } from '../../lib/local/local-client-config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { createDocumentClient, type DocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { ALL_TABLES } from '../../lib/adapters/dynamodb/table-specs';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../lib/local/embedded-dynamodb';

/** Starts an in-memory dynalite with every table for the file's tests; gives a client to it. */
export function useDynalite(): {
  documents: () => DocumentClient;
  tableName: (name: string) => string;
} {
  let server: EmbeddedDynamoDb;
  let documents: DocumentClient;
  beforeAll(async () => {
    server = await startEmbeddedDynamoDb({
      tables: ALL_TABLES.map((spec) => ({ spec, physicalName: `test-${spec.name}` })),
    });
    documents = createDocumentClient(new DynamoDBClient(localClientConfig(server.endpoint)));
  });
  afterAll(async () => {
    documents?.destroy();
    await server?.stop();
  });
  return { documents: () => documents, tableName: (name) => `test-${name}` };
}
