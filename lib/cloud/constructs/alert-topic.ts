import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

import {
  type ChannelLevel,
  channelLevels,
  DEFAULT_EMAIL_LEVEL,
  DEFAULT_WEBHOOK_LEVEL,
} from '../../platform/alert-channels';

/**
 * A subscription's severity filter on the `level` attribute every alert is published with
 * (lib/platform/alert-channels.ts `channelTakes`, which the local host applies): the
 * levels from the floor up, and messages without a level — a CloudWatch alarm's own notification.
 */
function levelFilter(floor: ChannelLevel) {
  return { level: new SubscriptionFilter([...channelLevels(floor), { exists: false }]) };
}

/**
 * The SNS topic people subscribe to (email, SMS) for critical alerts and alarms, under a
 * customer managed key (CloudWatch alarms cannot publish to a topic under the AWS managed SNS
 * key). `enforceSSL` gives the topic a resource policy, and a topic policy replaces SNS's
 * default one: without the statement below nothing would allow CloudWatch to publish, and
 * every alarm notification would be refused.
 */
export class StratusAlertTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new Key(this, 'AlertKey', {
      description: 'Encrypts the Stratus risk alert topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    this.key.grant(cloudWatch, 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new Topic(this, 'Alerts', {
      displayName: 'Stratus risk alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        effect: Effect.ALLOW,
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        // Only this account's alarms (the confused-deputy guard AWS recommends).
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
          },
        },
      }),
    );
  }

  /**
   * The trader's channels: an email address (SNS sends it a confirmation first), and the function
   * that delivers to the webhook (SNS invokes it asynchronously; its retries and dead-letter
   * queue are the function's own: risk-alarms.ts configures every asynchronously invoked one).
   */
  subscribe(channels: {
    email?: string;
    emailLevel?: ChannelLevel;
    delivery?: IFunction;
    webhookLevel?: ChannelLevel;
  }): void {
    if (channels.email)
      this.topic.addSubscription(
        new EmailSubscription(channels.email, {
          filterPolicy: levelFilter(channels.emailLevel ?? DEFAULT_EMAIL_LEVEL),
        }),
      );
    if (channels.delivery)
      this.topic.addSubscription(
        new LambdaSubscription(channels.delivery, {
          filterPolicy: levelFilter(channels.webhookLevel ?? DEFAULT_WEBHOOK_LEVEL),
        }),
      );
  }
}
