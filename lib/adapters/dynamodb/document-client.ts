import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand as QueryItemsCommand,
  ScanCommand as ScanItemsCommand,
  type AttributeValue,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DeleteCommand,
  type DeleteCommandOutput,
  GetCommand,
  type GetCommandOutput,
  PutCommand,
  type PutCommandOutput,
  QueryCommand,
  type QueryCommandOutput,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { sdkClientSettings, withoutSdkLogging } from '../sdk-client';

type Native = Record<string, NativeAttributeValue>;
type Marshalled = Record<string, AttributeValue>;

const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;

const toAttributes = (item: Native | undefined): Marshalled | undefined =>
  item === undefined ? undefined : marshall(item, MARSHALL);
const fromAttributes = (item: Marshalled | undefined): Native | undefined =>
  item === undefined ? undefined : unmarshall(item);

/** The document commands Stratus sends. */
export type DocumentCommand =
  GetCommand | PutCommand | QueryCommand | ScanCommand | DeleteCommand | BatchWriteCommand;

/**
 * A DynamoDB document client configured from the SDK's standard settings only (AWS_REGION,
 * AWS_ENDPOINT_URL_DYNAMODB…), so the same code reaches AWS or the local host. The client's
 * middleware stack is resolved once and kept (`cacheMiddleware`): nothing here changes it
 * after the first call.
 */
export function createDocumentClient(
  client: DynamoDBClient = new DynamoDBClient({ ...sdkClientSettings('DYNAMODB'), cacheMiddleware: true }),
): DocumentClient {
  return new DocumentClient(withoutSdkLogging(client));
}

/**
 * lib-dynamodb's document client, for the six commands Stratus sends, over a DynamoDB client
 * that may cache its middleware stack — which lib-dynamodb's own client refuses (it resolves
 * two stacks per call: its marshalling one and the client's). Values are converted by
 * util-dynamodb's `marshall` / `unmarshall`, the functions lib-dynamodb uses, with the options
 * Stratus gave it. Why: resolving the stacks was the largest single cost on the local host's
 * main thread at 100 orders/s; a call now costs ~40 % less CPU (docs/benchmarks.md).
 */
export class DocumentClient {
  constructor(readonly client: DynamoDBClient) {}

  send(command: GetCommand): Promise<GetCommandOutput>;
  send(command: PutCommand): Promise<PutCommandOutput>;
  send(command: QueryCommand): Promise<QueryCommandOutput>;
  send(command: ScanCommand): Promise<ScanCommandOutput>;
  send(command: DeleteCommand): Promise<DeleteCommandOutput>;
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
  async send(command: DocumentCommand): Promise<unknown> {
    if (command instanceof GetCommand) {
      const { Key, ...rest } = command.input;
      const output = await this.client.send(new GetItemCommand({ ...rest, Key: toAttributes(Key) }));
      return { ...output, Item: fromAttributes(output.Item) };
    }
    if (command instanceof PutCommand) {
      const { Item, ExpressionAttributeValues, ...rest } = command.input;
      const output = await this.client.send(
        new PutItemCommand({
          ...rest,
          Item: toAttributes(Item),
          ExpressionAttributeValues: toAttributes(ExpressionAttributeValues),
        }),
      );
      return { ...output, Attributes: fromAttributes(output.Attributes) };
    }
    if (command instanceof DeleteCommand) {
      const { Key, ExpressionAttributeValues, ...rest } = command.input;
      const output = await this.client.send(
        new DeleteItemCommand({
          ...rest,
          Key: toAttributes(Key),
          ExpressionAttributeValues: toAttributes(ExpressionAttributeValues),
        }),
      );
      return { ...output, Attributes: fromAttributes(output.Attributes) };
    }
    if (command instanceof QueryCommand || command instanceof ScanCommand) {
      const { ExclusiveStartKey, ExpressionAttributeValues, ...rest } = command.input;
      const input = {
        ...rest,
        ExclusiveStartKey: toAttributes(ExclusiveStartKey),
        ExpressionAttributeValues: toAttributes(ExpressionAttributeValues),
      };
      const output = await this.client.send(
        command instanceof QueryCommand ? new QueryItemsCommand(input) : new ScanItemsCommand(input),
      );
      return {
        ...output,
        Items: output.Items?.map((item) => unmarshall(item)),
        LastEvaluatedKey: fromAttributes(output.LastEvaluatedKey),
      };
    }
    if (command instanceof BatchWriteCommand) {
      const { RequestItems, ...rest } = command.input;
      const output = await this.client.send(
        new BatchWriteItemCommand({ ...rest, RequestItems: mapRequests(RequestItems, toAttributes) }),
      );
      return { ...output, UnprocessedItems: mapRequests(output.UnprocessedItems, fromAttributes) };
    }
    throw new TypeError(`the document client does not send ${(command as object).constructor.name}`);
  }

  destroy(): void {
    this.client.destroy();
  }
}

type Requests<T> = Record<
  string,
  { PutRequest?: { Item: T | undefined }; DeleteRequest?: { Key: T | undefined } }[]
>;

function mapRequests<From, To>(
  requests: Requests<From> | undefined,
  convert: (item: From | undefined) => To | undefined,
): Record<string, WriteRequest[]> | undefined {
  if (requests === undefined) return undefined;
  const mapped: Requests<To> = {};
  for (const [table, writes] of Object.entries(requests)) {
    mapped[table] = writes.map((write) => ({
      ...(write.PutRequest ? { PutRequest: { Item: convert(write.PutRequest.Item) } } : {}),
      ...(write.DeleteRequest ? { DeleteRequest: { Key: convert(write.DeleteRequest.Key) } } : {}),
    }));
  }
  return mapped as Record<string, WriteRequest[]>;
}
