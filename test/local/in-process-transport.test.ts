import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import type { TableSpec } from '../../lib/adapters/dynamodb/table-specs';
import {
  inProcessTransportFor,
  sdkClientSettings,
  serveEndpointInProcess,
} from '../../lib/adapters/sdk-client';
import { ALL_QUEUES, QUEUES } from '../../lib/adapters/sqs/queue-specs';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../lib/local/embedded-dynamodb';
import { type EmbeddedSqs, startEmbeddedSqs } from '../../lib/local/embedded-sqs';
import { localClientConfig } from '../../lib/local/local-client-config';

const TABLE = 'transport-test';
const spec: TableSpec = {
  name: 'transport',
  partitionKey: 'pk',
  sortKey: 'sk',
  envVar: 'UNUSED',
  description: 'the transport test table',
};

describe('the in-process transport to the embedded services', () => {
  let dynamodb: EmbeddedDynamoDb;
  let sqs: EmbeddedSqs;
  beforeAll(async () => {
    dynamodb = await startEmbeddedDynamoDb({ tables: [{ spec, physicalName: TABLE }] });
    sqs = await startEmbeddedSqs(ALL_QUEUES);
  });
  afterAll(async () => {
    await sqs?.stop();
    await dynamodb?.stop();
  });

  const documentsInProcess = () =>
    createDocumentClient(
      new DynamoDBClient({ ...localClientConfig(dynamodb.endpoint), ...dynamodb.transport }),
    );

  it('writes and reads DynamoDB items that the HTTP endpoint sees too', async () => {
    const documents = documentsInProcess();
    await documents.send(
      new PutCommand({ TableName: TABLE, Item: { pk: 'a', sk: '1', text: 'naïve — 1 €', n: 7 } }),
    );
    const overHttp = createDocumentClient(new DynamoDBClient(localClientConfig(dynamodb.endpoint)));
    const read = await overHttp.send(new GetCommand({ TableName: TABLE, Key: { pk: 'a', sk: '1' } }));
    expect(read.Item).toEqual({ pk: 'a', sk: '1', text: 'naïve — 1 €', n: 7 });
    const queried = await documents.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'a' },
      }),
    );
    expect(queried.Items).toEqual([{ pk: 'a', sk: '1', text: 'naïve — 1 €', n: 7 }]);
  });

  it("reports DynamoDB's errors as the SDK's typed exceptions", async () => {
    const documents = documentsInProcess();
    await documents.send(new PutCommand({ TableName: TABLE, Item: { pk: 'b', sk: '1' } }));
    const conflict = documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'b', sk: '1' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await expect(conflict).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(
      documents.send(new GetCommand({ TableName: 'no-such-table', Key: { pk: 'x', sk: 'y' } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('sends and receives SQS messages', async () => {
    const client = new SQSClient({
      ...localClientConfig(sqs.endpoint),
      ...sqs.transport,
      useQueueUrlAsEndpoint: false,
    });
    const queueUrl = sqs.queueUrls.get(QUEUES.executionReports)!;
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: '{"fill":"1 € — ünïcode"}',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd-1',
      }),
    );
    const received = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(received.Messages?.map((message) => message.Body)).toEqual(['{"fill":"1 € — ünïcode"}']);
  });

  it('is used only by clients configured with the endpoint it serves, and only while registered', () => {
    const env = { AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint };
    expect(sdkClientSettings('DYNAMODB', env)).toEqual({ endpoint: dynamodb.endpoint });
    expect(inProcessTransportFor('DYNAMODB', env)).toBeUndefined();
    const unregister = serveEndpointInProcess(dynamodb.endpoint, dynamodb.transport);
    // An SDK client gets the request handler and auth scheme, beside what the environment says.
    expect(sdkClientSettings('DYNAMODB', env)).toStrictEqual({
      endpoint: dynamodb.endpoint,
      requestHandler: dynamodb.transport.requestHandler,
      httpAuthSchemes: dynamodb.transport.httpAuthSchemes,
    });
    expect(inProcessTransportFor('DYNAMODB', env)).toBe(dynamodb.transport);
    const elsewhere = { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1' };
    expect(sdkClientSettings('DYNAMODB', elsewhere)).toEqual({ endpoint: 'http://127.0.0.1:1' });
    expect(inProcessTransportFor('DYNAMODB', elsewhere)).toBeUndefined();
    unregister();
    expect(sdkClientSettings('DYNAMODB', env)).toEqual({ endpoint: dynamodb.endpoint });
    expect(inProcessTransportFor('DYNAMODB', env)).toBeUndefined();
  });

  it("configures a client from the function's environment only: region, endpoint and credentials", () => {
    expect(
      sdkClientSettings('SQS', {
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIA',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
      }),
    ).toStrictEqual({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret', sessionToken: 'token' },
    });
    expect(sdkClientSettings('SQS', {})).toStrictEqual({});
  });
});

describe('the in-process transport after its service stopped', () => {
  it('fails the call with a clear error instead of waiting forever', async () => {
    const dynamodb = await startEmbeddedDynamoDb({ tables: [{ spec, physicalName: TABLE }] });
    const documents = createDocumentClient(
      new DynamoDBClient({ ...localClientConfig(dynamodb.endpoint), ...dynamodb.transport, maxAttempts: 1 }),
    );
    await dynamodb.stop();
    await expect(
      documents.send(new GetCommand({ TableName: TABLE, Key: { pk: 'a', sk: '1' } })),
    ).rejects.toThrow('the embedded DynamoDB has stopped');
    await expect(dynamodb.transport.exchange('DynamoDB_20120810.ListTables', '{}', 'local')).rejects.toThrow(
      'the embedded DynamoDB has stopped',
    );
  });

  it('fails a call to a worker thread that has exited, and every later one', async () => {
    const sqs = await startEmbeddedSqs(ALL_QUEUES);
    const queueUrl = sqs.queueUrls.get(QUEUES.executionReports)!;
    const receive = () =>
      sqs.transport.exchange(
        'AmazonSQS.ReceiveMessage',
        JSON.stringify({ QueueUrl: queueUrl, WaitTimeSeconds: 0 }),
        'local',
      );
    expect((await receive()).statusCode).toBe(200);
    await sqs.stop();
    await expect(receive()).rejects.toThrow('the embedded SQS has stopped');
  });
});
