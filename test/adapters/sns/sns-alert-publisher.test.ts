import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { SnsAlertPublisher } from '../../../lib/adapters/sns/sns-alert-publisher';
import type { RiskAlert } from '../../../lib/core/risk/alerts';

// SNS has no local stand-in, so this one adapter is checked against a mocked client.
describe('SnsAlertPublisher', () => {
  const alert: RiskAlert = {
    accountId: 'paper',
    alertId: 'a-1',
    level: 'critical',
    code: 'DAILY_LOSS_LIMIT',
    message: 'Loss since the open $5,100.00 of the $5,000 daily limit: 102% used\nsecond line',
    at: '2026-11-23T15:00:00.000Z',
  };

  it('publishes to the topic with a one-line ASCII subject ≤ 100 characters and the alert in the body', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await new SnsAlertPublisher(
      new SNSClient({ region: 'us-east-1' }),
      'arn:aws:sns:us-east-1:1:alerts',
    ).publish({
      ...alert,
      accountId: `${'x'.repeat(120)}é`,
    });
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.TopicArn).toBe('arn:aws:sns:us-east-1:1:alerts');
    expect(input.Subject!.length).toBeLessThanOrEqual(100);
    expect(input.Subject).toMatch(/^[\x20-\x7e]+$/);
    expect(input.Message).toContain('second line');
    expect(input.MessageAttributes?.level?.StringValue).toBe('critical');
    sns.restore();
  });

  it('lets a failed publication surface to the caller', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).rejects(new Error('throttled'));
    await expect(
      new SnsAlertPublisher(new SNSClient({ region: 'us-east-1' }), 'arn:aws:sns:us-east-1:1:alerts').publish(
        alert,
      ),
    ).rejects.toThrow('throttled');
    sns.restore();
  });
});
