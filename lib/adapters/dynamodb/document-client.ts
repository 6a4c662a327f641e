import {
  BatchWriteItemCommand,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DeleteItemCommandInput,
  DescribeTableCommand,
  type DescribeTableCommandInput,
  type DescribeTableCommandOutput,
  type DeleteItemCommandOutput,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  type GetItemCommandInput,
  type GetItemCommandOutput,
  InternalServerError,
  ItemCollectionSizeLimitExceededException,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  type PutItemCommandInput,
  type PutItemCommandOutput,
  QueryCommand as QueryItemsCommand,
  type QueryCommandInput,
  type QueryCommandOutput as QueryItemsCommandOutput,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ScanCommand as ScanItemsCommand,
  type ScanCommandInput,
  type ScanCommandOutput as ScanItemsCommandOutput,
  ThrottlingException,
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
import {
  inProcessChannel,
  type JsonExchange,
  sdkChannel,
  type ServiceChannel,
  unmodeledError,
} from '../service-channel';
import { inProcessTransportFor, sdkClientSettings } from '../sdk-client';

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

/** The low-level operations the document client sends, with the SDK's input and output shapes. */
type Operations = {
  GetItem: [GetItemCommandInput, GetItemCommandOutput];
  PutItem: [PutItemCommandInput, PutItemCommandOutput];
  DeleteItem: [DeleteItemCommandInput, DeleteItemCommandOutput];
  Query: [QueryCommandInput, QueryItemsCommandOutput];
  Scan: [ScanCommandInput, ScanItemsCommandOutput];
  BatchWriteItem: [BatchWriteItemCommandInput, BatchWriteItemCommandOutput];
  DescribeTable: [DescribeTableCommandInput, DescribeTableCommandOutput];
};

/** How a document client's low-level calls reach DynamoDB. */
export type DynamoDbChannel = ServiceChannel<Operations>;

/** Through an SDK client: AWS, or any endpoint reached over HTTP. */
function dynamoDbSdkChannel(client: DynamoDBClient): DynamoDbChannel {
  return sdkChannel<Operations>(client, {
    GetItem: GetItemCommand,
    PutItem: PutItemCommand,
    DeleteItem: DeleteItemCommand,
    Query: QueryItemsCommand,
    Scan: ScanItemsCommand,
    BatchWriteItem: BatchWriteItemCommand,
    DescribeTable: DescribeTableCommand,
  });
}

/** Straight to a DynamoDB served in this process (the local host's dynalite): service-channel.ts. */
export function dynamoDbInProcessChannel(exchange: JsonExchange, accessKeyId: string): DynamoDbChannel {
  return inProcessChannel<Operations>(exchange, 'DynamoDB_20120810', dynamoDbError, accessKeyId);
}

/** The errors Stratus handles or may meet, as the SDK's own classes; any other as the service's base class. */
const ERRORS: Record<
  string,
  new (options: { message: string; $metadata: object }) => DynamoDBServiceException
> = {
  ConditionalCheckFailedException,
  InternalServerError,
  ItemCollectionSizeLimitExceededException,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
};

function dynamoDbError(code: string, message: string, statusCode: number): DynamoDBServiceException {
  const Known = ERRORS[code];
  return Known
    ? new Known({ message, $metadata: { httpStatusCode: statusCode } })
    : unmodeledError(DynamoDBServiceException, code, message, statusCode);
}

/**
 * A DynamoDB document client configured from the SDK's standard settings only (AWS_REGION,
 * AWS_ENDPOINT_URL_DYNAMODB, the credentials…) in the function's environment `env`, so the same code reaches AWS or the local host: an SDK client
 * whose middleware stack is resolved once and kept (`cacheMiddleware`), or — when the
 * configured endpoint is served in this process — the in-process channel. A client given
 * here is used as it is.
 */
export function createDocumentClient(env: NodeJS.ProcessEnv | DynamoDBClient): DocumentClient {
  if (env instanceof DynamoDBClient) return new DocumentClient(dynamoDbSdkChannel(env));
  const inProcess = inProcessTransportFor('DYNAMODB', env);
  return new DocumentClient(
    inProcess
      ? dynamoDbInProcessChannel(inProcess.exchange, env.AWS_ACCESS_KEY_ID ?? 'anonymous')
      : dynamoDbSdkChannel(
          new DynamoDBClient({ ...sdkClientSettings('DYNAMODB', env), cacheMiddleware: true }),
        ),
  );
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
  constructor(private readonly channel: DynamoDbChannel) {}

  send(command: GetCommand): Promise<GetCommandOutput>;
  send(command: PutCommand): Promise<PutCommandOutput>;
  send(command: QueryCommand): Promise<QueryCommandOutput>;
  send(command: ScanCommand): Promise<ScanCommandOutput>;
  send(command: DeleteCommand): Promise<DeleteCommandOutput>;
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
  async send(command: DocumentCommand): Promise<unknown> {
    if (command instanceof GetCommand) {
      const { Key, ...rest } = command.input;
      const output = await this.channel.call('GetItem', { ...rest, Key: toAttributes(Key) });
      return { ...output, Item: fromAttributes(output.Item) };
    }
    if (command instanceof PutCommand) {
      const { Item, ExpressionAttributeValues, ...rest } = command.input;
      const output = await this.channel.call('PutItem', {
        ...rest,
        Item: toAttributes(Item),
        ExpressionAttributeValues: toAttributes(ExpressionAttributeValues),
      });
      return { ...output, Attributes: fromAttributes(output.Attributes) };
    }
    if (command instanceof DeleteCommand) {
      const { Key, ExpressionAttributeValues, ...rest } = command.input;
      const output = await this.channel.call('DeleteItem', {
        ...rest,
        Key: toAttributes(Key),
        ExpressionAttributeValues: toAttributes(ExpressionAttributeValues),
      });
      return { ...output, Attributes: fromAttributes(output.Attributes) };
    }
    if (command instanceof QueryCommand || command instanceof ScanCommand) {
      const { ExclusiveStartKey, ExpressionAttributeValues, ...rest } = command.input;
      const input = {
        ...rest,
        ExclusiveStartKey: toAttributes(ExclusiveStartKey),
        ExpressionAttributeValues: toAttributes(ExpressionAttributeValues),
      };
      const output = await this.channel.call(command instanceof QueryCommand ? 'Query' : 'Scan', input);
      return {
        ...output,
        Items: output.Items?.map((item) => unmarshall(item)),
        LastEvaluatedKey: fromAttributes(output.LastEvaluatedKey),
      };
    }
    if (command instanceof BatchWriteCommand) {
      const { RequestItems, ...rest } = command.input;
      const output = await this.channel.call('BatchWriteItem', {
        ...rest,
        RequestItems: mapRequests(RequestItems, toAttributes),
      });
      return { ...output, UnprocessedItems: mapRequests(output.UnprocessedItems, fromAttributes) };
    }
    throw new TypeError(`the document client does not send ${(command as object).constructor.name}`);
  }

  /** The table's status (`ACTIVE` when it serves requests): needs `dynamodb:DescribeTable` only, no item access. */
  async tableStatus(tableName: string): Promise<string | undefined> {
    const { Table } = await this.channel.call('DescribeTable', { TableName: tableName });
    return Table?.TableStatus;
  }

  destroy(): void {
    this.channel.destroy();
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
