import {
  ChangeMessageVisibilityBatchCommand,
  type ChangeMessageVisibilityBatchCommandInput,
  type ChangeMessageVisibilityBatchCommandOutput,
  DeleteMessageBatchCommand,
  type DeleteMessageBatchCommandInput,
  type DeleteMessageBatchCommandOutput,
  GetQueueAttributesCommand,
  type GetQueueAttributesCommandInput,
  type GetQueueAttributesCommandOutput,
  ReceiveMessageCommand,
  type ReceiveMessageCommandInput,
  type ReceiveMessageCommandOutput,
  SendMessageBatchCommand,
  type SendMessageBatchCommandInput,
  type SendMessageBatchCommandOutput,
  SQSClient,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import { inProcessTransportFor, sdkClientSettings } from '../sdk-client';
import {
  inProcessChannel,
  type JsonExchange,
  sdkChannel,
  type ServiceChannel,
  unmodeledError,
} from '../service-channel';

/** The SQS operations Stratus sends, with the SDK's input and output shapes. */
type Operations = {
  SendMessageBatch: [SendMessageBatchCommandInput, SendMessageBatchCommandOutput];
  ReceiveMessage: [ReceiveMessageCommandInput, ReceiveMessageCommandOutput];
  DeleteMessageBatch: [DeleteMessageBatchCommandInput, DeleteMessageBatchCommandOutput];
  ChangeMessageVisibilityBatch: [
    ChangeMessageVisibilityBatchCommandInput,
    ChangeMessageVisibilityBatchCommandOutput,
  ];
  GetQueueAttributes: [GetQueueAttributesCommandInput, GetQueueAttributesCommandOutput];
};

export type SqsChannel = ServiceChannel<Operations>;

/** Through an SDK client: AWS, or any endpoint reached over HTTP. */
export function sqsSdkChannel(client: SQSClient): SqsChannel {
  return sdkChannel<Operations>(client, {
    SendMessageBatch: SendMessageBatchCommand,
    ReceiveMessage: ReceiveMessageCommand,
    DeleteMessageBatch: DeleteMessageBatchCommand,
    ChangeMessageVisibilityBatch: ChangeMessageVisibilityBatchCommand,
    GetQueueAttributes: GetQueueAttributesCommand,
  });
}

/** Straight to an SQS served in this process (the local host's fauxqs): service-channel.ts. */
export function sqsInProcessChannel(exchange: JsonExchange, accessKeyId: string): SqsChannel {
  return inProcessChannel<Operations>(
    exchange,
    'AmazonSQS',
    (code, message, statusCode) => unmodeledError(SQSServiceException, code, message, statusCode),
    accessKeyId,
  );
}

/**
 * An SQS channel configured from the SDK's standard settings only (AWS_REGION,
 * AWS_ENDPOINT_URL_SQS…): an SDK client that keeps its middleware stack, or the in-process
 * channel when the configured endpoint is served in this process.
 */
export function createSqsChannel(env: NodeJS.ProcessEnv): SqsChannel {
  const inProcess = inProcessTransportFor('SQS', env);
  if (inProcess) return sqsInProcessChannel(inProcess.exchange, env.AWS_ACCESS_KEY_ID ?? 'anonymous');
  return sqsSdkChannel(
    new SQSClient({ ...sdkClientSettings('SQS', env), useQueueUrlAsEndpoint: false, cacheMiddleware: true }),
  );
}
