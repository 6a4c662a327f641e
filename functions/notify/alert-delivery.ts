import type { SNSEvent } from 'aws-lambda';
import { DynamoDbDeliveryLog } from '../../lib/adapters/dynamodb/dynamodb-delivery-log';
import { tableNameFromEnv, TABLES } from '../../lib/adapters/dynamodb/table-specs';
import { WebhookNotifier } from '../../lib/adapters/notify/webhook-notifier';
import { webhookUrlFromSecret } from '../../lib/adapters/notify/webhook-secret';
import { alertOfTopicMessage } from '../../lib/adapters/sns/sns-alert-publisher';
import { ALERT_WEBHOOK_POLICY } from '../../lib/core/notifications/channel-policies';
import { WEBHOOK_SECRET_ENV } from '../../lib/platform/function-access';
import { dependencies } from '../shared/dependencies';
import { taskHandler } from '../shared/task-handler';

/**
 * The alert topic's webhook subscription: each message's alert goes through the channel (level
 * filter, rate limit, digest), is posted as Slack-compatible JSON with retries, and every
 * delivery is recorded for the trader to see. A delivery that fails for good fails the
 * invocation: Lambda retries it, then sends it to the failed-invocations queue.
 */
export const handler = taskHandler(async (event: SNSEvent) => {
  const deps = dependencies();
  // Kept with the container: the secret's reader (its cache spares a Secrets Manager call per
  // alert) and the channel of each URL (its rate limit and held digest).
  const readUrl = deps.once('alert-webhook-url', () =>
    webhookUrlFromSecret(deps.required(WEBHOOK_SECRET_ENV), deps.env),
  );
  const url = await readUrl();
  const notifier = deps.once(`alert-channel:${url}`, () => {
    const log = new DynamoDbDeliveryLog(deps.documents, tableNameFromEnv(TABLES.risk, deps.env));
    return new WebhookNotifier(
      url,
      ALERT_WEBHOOK_POLICY,
      () => deps.clock.now(),
      undefined,
      undefined,
      (record, accountId) => log.record(accountId, record),
    );
  });
  let failed = 0;
  for (const record of event.Records) {
    const alert = alertOfTopicMessage(record.Sns.Message);
    if (alert && !(await notifier.deliver(alert))) failed++;
  }
  if (failed > 0) throw new Error(`${failed} alert deliveries to the webhook failed after their retries`);
});
