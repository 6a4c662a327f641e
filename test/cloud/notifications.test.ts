import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthTemplate } from '../support/synth';

const WEBHOOK_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:stratus/alert-webhook-AbCdEf';

describe('StratusStack: notifications (cdk deploy -c alertEmail=… -c alertWebhookSecretArn=…)', () => {
  const { template } = synthTemplate({
    notifications: { email: 'trader@example.com', webhookSecretArn: WEBHOOK_SECRET },
  });
  const resources = (type: string) =>
    Object.entries(
      template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    ).filter(([, resource]) => resource.Type === type);
  const delivery = () =>
    resources('AWS::Lambda::Function').find(([, fn]) =>
      String(fn.Properties.Description).startsWith('Stratus alertDelivery:'),
    )!;

  it('subscribes the email address and the delivering function to the alert topic', () => {
    // Each behind its level filter (defaults: email critical, webhook everything); an alarm's own
    // notification, which has no level, reaches both.
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'trader@example.com',
      FilterPolicy: { level: ['critical', { exists: false }] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [delivery()[0], 'Arn'] },
      FilterPolicy: { level: ['info', 'warning', 'critical', { exists: false }] },
    });
  });

  it('takes each channel’s level from the context (-c alertEmailLevel, -c alertWebhookLevel)', () => {
    const { template: configured } = synthTemplate({
      notifications: {
        email: 'trader@example.com',
        emailLevel: 'warning',
        webhookSecretArn: WEBHOOK_SECRET,
        webhookLevel: 'critical',
      },
    });
    configured.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      FilterPolicy: { level: ['warning', 'critical', { exists: false }] },
    });
    configured.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      FilterPolicy: { level: ['critical', { exists: false }] },
    });
  });

  it('retries a failed delivery and sends it to the failed-invocations queue after', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: delivery()[0] },
      MaximumRetryAttempts: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('tells only the delivering function where the webhook secret is, and lets only it read it', () => {
    const told = resources('AWS::Lambda::Function').filter(([, fn]) =>
      JSON.stringify(fn.Properties.Environment).includes('STRATUS_ALERT_WEBHOOK_SECRET_ARN'),
    );
    expect(told.map(([id]) => id)).toEqual([delivery()[0]]);
    expect(JSON.stringify(delivery()[1].Properties.Environment)).toContain(WEBHOOK_SECRET);
    const readers = resources('AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes(WEBHOOK_SECRET),
    );
    expect(readers).toHaveLength(1);
    expect(JSON.stringify(readers[0]![1].Properties.Roles)).toMatch(/FnalertDeliveryRole/);
  });

  it('subscribes nothing without the context: the topic alone, as before', () => {
    const plain = synthTemplate().template;
    plain.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
