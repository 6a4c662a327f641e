import type { DocumentClient } from './document-client';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError } from '../../core/errors';

/** Puts an item only if none has its key; false (and nothing written) if one does. */
export async function putIfAbsent(
  client: DocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  try {
    await client.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Replaces an item only if its stored `version` is `version - 1` (optimistic concurrency);
 * otherwise throws ConcurrencyError naming `what`, and writes nothing.
 */
export async function putIfVersion(
  client: DocumentClient,
  tableName: string,
  item: Record<string, unknown> & { version: number },
  what: string,
): Promise<void> {
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': item.version - 1 },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrencyError(what);
    throw error;
  }
}

/** Every item a query matches, following LastEvaluatedKey across pages. */
export async function queryAll(
  client: DocumentClient,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
