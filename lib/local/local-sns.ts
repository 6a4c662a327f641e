import { randomUUID } from 'node:crypto';
import type { InProcessTransport } from '../adapters/sdk-client';
import { inProcessTransport, type ServiceRequest, type ServiceResponse } from './in-process-transport';
import { AccessDenied, accessKeyOf, type Authorize, LOCAL_ACCOUNT, LOCAL_REGION } from './local-iam';

/** A message a function published to the local alert topic. */
export interface PublishedMessage {
  topicArn: string;
  subject: string | undefined;
  message: string;
  /** The message's string attributes (`level`, `code`): what subscription filter policies match. */
  attributes: Record<string, string>;
  publishedBy: string;
}

export interface LocalSns {
  /** The endpoint functions are configured with; served in this process only. */
  endpoint: string;
  transport: InProcessTransport;
  topicArn: string;
  /** Everything published so far, oldest first. */
  readonly published: readonly PublishedMessage[];
}

const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * SNS for the local host: one topic (the alert topic) and Publish, over SNS's query protocol,
 * behind the local IAM — so a function that may not publish is refused as in AWS. Each message
 * goes to `deliver` (the host's subscriptions, which filter by its attributes) and is kept.
 */
export function startLocalSns(options: {
  topicName: string;
  authorize: Authorize;
  deliver: (message: PublishedMessage) => void;
}): LocalSns {
  const topicArn = `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${options.topicName}`;
  const published: PublishedMessage[] = [];
  const answer = async (request: ServiceRequest): Promise<ServiceResponse> => {
    const text =
      typeof request.body === 'string' ? request.body : Buffer.from(request.body ?? []).toString('utf8');
    const form = new URLSearchParams(text);
    const action = form.get('Action') ?? '';
    if (action !== 'Publish') return error(400, 'InvalidAction', `The local SNS does not serve ${action}`);
    const target = form.get('TopicArn') ?? '';
    const caller = accessKeyOf(request.headers.authorization);
    try {
      options.authorize(caller, 'sns:Publish', [target]);
    } catch (failure) {
      if (failure instanceof AccessDenied) return error(403, 'AuthorizationError', failure.message);
      throw failure;
    }
    if (target !== topicArn) return error(404, 'NotFound', 'Topic does not exist');
    const message = form.get('Message') ?? '';
    if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES)
      return error(400, 'InvalidParameter', 'Invalid parameter: Message too long');
    const entry = {
      topicArn,
      subject: form.get('Subject') ?? undefined,
      message,
      attributes: messageAttributes(form),
      publishedBy: caller,
    };
    published.push(entry);
    options.deliver(entry);
    return xml(
      200,
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  };
  return {
    endpoint: 'http://sns.stratus.local',
    transport: inProcessTransport(answer, 'sns'),
    topicArn,
    published,
  };
}

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue`, as the query protocol sends them. */
function messageAttributes(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    const value = form.get(`MessageAttributes.entry.${n}.Value.StringValue`);
    if (value !== null) attributes[form.get(`MessageAttributes.entry.${n}.Name`)!] = value;
  }
  return attributes;
}

function xml(statusCode: number, body: string): ServiceResponse {
  return { statusCode, headers: { 'content-type': 'text/xml' }, body };
}

function error(statusCode: number, code: string, message: string): ServiceResponse {
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return xml(
    statusCode,
    `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escaped}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}
