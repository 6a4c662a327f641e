import type { SNSEvent } from 'aws-lambda';
import { DynamoDbChannelStateStore } from '../../lib/adapters/dynamodb/dynamodb-channel-state';
import { DynamoDbDeliveryLog } from '../../lib/adapters/dynamodb/dynamodb-delivery-log';
import { tableNameFromEnv, TABLES } from '../../lib/adapters/dynamodb/table-specs';
import { WebhookNotifier } from '../../lib/adapters/notify/webhook-notifier';
import { webhookUrlFromSecret } from '../../lib/adapters/notify/webhook-secret';
import { alertOfTopicMessage } from '../../lib/adapters/sns/sns-alert-publisher';
import { StoredChannelGate } from '../../lib/app/notifications/stored-channel-gate';
import { ALERT_WEBHOOK_POLICY } from '../../lib/core/notifications/channel-policies';
import { WEBHOOK_SECRET_ENV } from '../../lib/platform/function-access';
import { dependencies } from '../shared/dependencies';
import { taskHandler } from '../shared/task-handler';

/**
 * The alert topic's webhook subscription: each message's alert goes through the channel's rate
 * limit (its state in the `risk` table, shared by every container), is posted as
 * Slack-compatible JSON with retries, and every delivery is recorded for the trader to see. A
 * delivery that fails for good fails the invocation: Lambda retries it, then sends it to the
 * failed-invocations queue. Each minute a schedule asks it too, to send a digest whose window
 * has closed when no alert came after the storm.
 */
export const handler = taskHandler(async (event: SNSEvent | { 'detail-type'?: string }) => {
  const deps = dependencies();
  const scheduled = !('Records' in event);
  // No webhook configured: the schedule has nothing to flush (SNS never calls it then).
  if (scheduled && !deps.env[WEBHOOK_SECRET_ENV]) return { flushed: false, reason: 'no webhook' };
  // Kept with the container: the secret's reader (its cache spares a Secrets Manager call per alert).
  const readUrl = deps.once('alert-webhook-url', () =>
    webhookUrlFromSecret(deps.required(WEBHOOK_SECRET_ENV), deps.env),
  );
  const url = await readUrl();
  const notifier = deps.once(`alert-channel:${url}`, () => {
    const risk = tableNameFromEnv(TABLES.risk, deps.env);
    const log = new DynamoDbDeliveryLog(deps.documents, risk);
    const gate = new StoredChannelGate(
      new DynamoDbChannelStateStore(deps.documents, risk),
      'webhook',
      ALERT_WEBHOOK_POLICY,
    );
    return new WebhookNotifier(
      url,
      gate,
      () => deps.clock.now(),
      undefined,
      undefined,
      (record, accountId) => log.record(accountId, record),
    );
  });
  if (scheduled) {
    if (!(await notifier.flush())) throw new Error('the digest could not be delivered to the webhook');
    return { flushed: true };
  }
  let failed = 0;
  for (const record of event.Records) {
    const alert = alertOfTopicMessage(record.Sns.Message);
    if (alert && !(await notifier.deliver(alert))) failed++;
  }
  if (failed > 0) throw new Error(`${failed} alert deliveries to the webhook failed after their retries`);
  return { delivered: event.Records.length };
});
