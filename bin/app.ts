#!/usr/bin/env -S npx tsx
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { applyNag } from '../lib/cloud/nag';
import { StratusStack } from '../lib/cloud/stratus-stack';
import { type ChannelLevel, isChannelLevel } from '../lib/platform/alert-channels';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const app = new App();
const stack = new StratusStack(app, app.node.tryGetContext('stackName') ?? 'Stratus', {
  version,
  description: 'Stratus: serverless algorithmic trading (API, risk, execution, strategies)',
  // cdk deploy -c broker=alpaca-paper -c alpacaSecretArn=arn:… -c accountId=main [-c liveConfirm=real-money]
  ...(app.node.tryGetContext('broker')
    ? {
        broker: {
          mode: app.node.tryGetContext('broker') as 'alpaca-paper' | 'alpaca-live',
          secretArn: String(app.node.tryGetContext('alpacaSecretArn') ?? ''),
          accountId: String(app.node.tryGetContext('accountId') ?? 'main'),
          ...(app.node.tryGetContext('liveConfirm')
            ? { liveConfirm: String(app.node.tryGetContext('liveConfirm')) }
            : {}),
        },
      }
    : {}),
  // cdk deploy -c alertEmail=you@example.com -c alertWebhookSecretArn=arn:aws:secretsmanager:…
  notifications: {
    ...(app.node.tryGetContext('alertEmail') ? { email: String(app.node.tryGetContext('alertEmail')) } : {}),
    ...(app.node.tryGetContext('alertEmailLevel')
      ? { emailLevel: alertLevelContext('alertEmailLevel') }
      : {}),
    ...(app.node.tryGetContext('alertWebhookLevel')
      ? { webhookLevel: alertLevelContext('alertWebhookLevel') }
      : {}),
    ...(app.node.tryGetContext('alertWebhookSecretArn')
      ? { webhookSecretArn: String(app.node.tryGetContext('alertWebhookSecretArn')) }
      : {}),
  },
  ...(process.env.CDK_DEFAULT_ACCOUNT
    ? { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } }
    : {}),
});
applyNag(app, stack);

/** A channel's level from the CDK context; a synth with any other value stops with the reason. */
function alertLevelContext(name: string): ChannelLevel {
  const value: unknown = app.node.tryGetContext(name);
  if (!isChannelLevel(value))
    throw new Error(`-c ${name} must be info, warning or critical (got ${String(value)})`);
  return value;
}
