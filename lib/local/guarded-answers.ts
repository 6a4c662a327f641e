import type { AnswerRequest, ServiceRequest } from './in-process-transport';
import { AccessDenied, accessKeyOf, type Authorize, LOCAL_ACCOUNT, LOCAL_REGION } from './local-iam';

/**
 * What one JSON-protocol request asks: the IAM action and the ARNs of what it touches, from the
 * operation and the body's text (parsed only where the resources cannot be read off it: an
 * account item's body is tens of KB, and every order writes several).
 */
export type RequestAccess = (operation: string, body: string) => { action: string; resources: string[] };

/**
 * An embedded service's answers behind the local IAM: the caller is the access key of the
 * request's SigV4 scope (each function's container signs with its own), and a request outside
 * the caller's policy is answered as AWS answers it — 400 AccessDeniedException — without
 * reaching the service.
 */
export function guardedAnswers(
  answer: AnswerRequest,
  authorize: Authorize,
  access: RequestAccess,
): AnswerRequest {
  return async (request) => {
    const target = header(request, 'x-amz-target');
    if (target) {
      const operation = target.slice(target.indexOf('.') + 1);
      const { action, resources } = access(operation, bodyText(request));
      try {
        authorize(accessKeyOf(header(request, 'authorization')), action, resources);
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

function bodyText(request: ServiceRequest): string {
  if (request.body === undefined) return '';
  return typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
}

function parsed(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A string field of a request, read off the JSON text: `"TableName":"` (unescaped quotes) can
 * only be a key whose value is a string — in an item's values quotes are escaped, and a map
 * attribute of that name is followed by `{` — and no DynamoDB request has such a key below
 * its top level. Names contain no quotes.
 */
function topLevelString(body: string, field: string): string | undefined {
  const at = body.indexOf(`"${field}":"`);
  if (at < 0) return undefined;
  const start = at + field.length + 4;
  return body.slice(start, body.indexOf('"', start));
}

/** The table ARN of a table name on the local host. */
export function localTableArn(tableName: string): string {
  return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${tableName}`;
}

/** DynamoDB: the table (or index) each operation touches; batch operations touch every table named. */
export const dynamoDbAccess: RequestAccess = (operation, body) => {
  const action = `dynamodb:${operation}`;
  if (operation === 'BatchWriteItem') {
    // Each table of a batch write is a key whose value is its list of requests.
    const tables = [...body.matchAll(/"([^"]+)":\[\{"(?:PutRequest|DeleteRequest)":/g)].map(
      (match) => match[1]!,
    );
    return { action, resources: [...new Set(tables)].map(localTableArn) };
  }
  if (operation.startsWith('Batch') || operation.startsWith('Transact')) {
    const requestItems = (parsed(body).RequestItems ?? {}) as Record<string, unknown>;
    return { action, resources: Object.keys(requestItems).map(localTableArn) };
  }
  const table = localTableArn(topLevelString(body, 'TableName') ?? '');
  const indexName = topLevelString(body, 'IndexName');
  return { action, resources: [indexName ? `${table}/index/${indexName}` : table] };
};

/** SQS: the queue each operation touches; a batch is allowed by the action of its single form. */
export function sqsAccess(queueArnOfUrl: (url: string) => string): RequestAccess {
  return (operation, body) => {
    const input = parsed(body);
    const action = `sqs:${operation.replace(/Batch$/, '')}`;
    if (typeof input.QueueUrl === 'string') return { action, resources: [queueArnOfUrl(input.QueueUrl)] };
    if (typeof input.QueueName === 'string')
      return { action, resources: [`arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${input.QueueName}`] };
    return { action, resources: ['*'] };
  };
}
