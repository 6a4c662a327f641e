import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdkClientSettings, withoutSdkLogging } from '../sdk-client';

/**
 * A DynamoDB document client configured from the SDK's standard settings only
 * (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB…), so the same code reaches AWS or the local host.
 */
export function createDocumentClient(
  client: DynamoDBClient = new DynamoDBClient(sdkClientSettings('DYNAMODB')),
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(withoutSdkLogging(client), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
