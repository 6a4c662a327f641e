import { localClientConfig } from '../../lib/local/local-client-config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import {
  createDocumentClient,
  DocumentClient,
  dynamoDbInProcessChannel,
} from '../../lib/adapters/dynamodb/document-client';
import { ALL_TABLES } from '../../lib/adapters/dynamodb/table-specs';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../lib/local/embedded-dynamodb';

/**
 * Starts an in-memory dynalite with every table for the file's tests; gives a client to it
 * over HTTP (an SDK client, as in AWS) and one by the in-process channel (as the local host's
 * functions reach it).
 */
export function useDynalite(): {
  documents: () => DocumentClient;
  inProcessDocuments: () => DocumentClient;
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
  return {
    documents: () => documents,
    inProcessDocuments: () =>
      new DocumentClient(dynamoDbInProcessChannel(server.transport.exchange, 'local')),
    tableName: (name) => `test-${name}`,
  };
}
