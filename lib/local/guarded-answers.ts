import type { AnswerRequest, ServiceRequest } from './in-process-transport';
import { AccessDenied, accessKeyOf, type LocalIam, LOCAL_ACCOUNT, LOCAL_REGION } from './local-iam';

/** What one JSON-protocol request asks: the IAM action and the ARNs of what it touches. */
export type RequestAccess = (
  operation: string,
  input: Record<string, unknown>,
) => {
  action: string;
  resources: string[];
};

/**
 * An embedded service's answers behind the local IAM: the caller is the access key of the
 * request's SigV4 scope (each function's container signs with its own), and a request outside
 * the caller's policy is answered as AWS answers it — 400 AccessDeniedException — without
 * reaching the service.
 */
export function guardedAnswers(answer: AnswerRequest, iam: LocalIam, access: RequestAccess): AnswerRequest {
  return async (request) => {
    const target = header(request, 'x-amz-target');
    if (target) {
      const operation = target.slice(target.indexOf('.') + 1);
      const { action, resources } = access(operation, parseBody(request));
      try {
        iam.authorize(accessKeyOf(header(request, 'authorization')), action, resources);
      } catch (error) {
        if (!(error instanceof AccessDenied)) throw error;
        return {
          statusCode: 400,
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: JSON.stringify({ __type: 'AccessDeniedException', message: error.message }),
        };
      }
    }
    return answer(request);
  };
}

function header(request: ServiceRequest, name: string): string | undefined {
  const key = Object.keys(request.headers).find((candidate) => candidate.toLowerCase() === name);
  return key ? request.headers[key] : undefined;
}

function parseBody(request: ServiceRequest): Record<string, unknown> {
  if (request.body === undefined || request.body.length === 0) return {};
  const text = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The table ARN of a table name on the local host. */
export function localTableArn(tableName: string): string {
  return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${tableName}`;
}

/** DynamoDB: the table (or index) each operation touches; batch operations touch every table named. */
export const dynamoDbAccess: RequestAccess = (operation, input) => {
  const action = `dynamodb:${operation}`;
  const requestItems = input.RequestItems as Record<string, unknown> | undefined;
  if (requestItems) return { action, resources: Object.keys(requestItems).map(localTableArn) };
  const table = localTableArn(String(input.TableName ?? ''));
  const index = typeof input.IndexName === 'string' ? `${table}/index/${input.IndexName}` : undefined;
  return { action, resources: [index ?? table] };
};

/** SQS: the queue each operation touches; a batch is allowed by the action of its single form. */
export function sqsAccess(queueArnOfUrl: (url: string) => string): RequestAccess {
  return (operation, input) => {
    const action = `sqs:${operation.replace(/Batch$/, '')}`;
    if (typeof input.QueueUrl === 'string') return { action, resources: [queueArnOfUrl(input.QueueUrl)] };
    if (typeof input.QueueName === 'string')
      return { action, resources: [`arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${input.QueueName}`] };
    return { action, resources: ['*'] };
  };
}
