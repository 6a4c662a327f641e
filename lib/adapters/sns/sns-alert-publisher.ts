import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertPublisher } from '../../app/ports/risk-alerts';
import type { RiskAlert } from '../../core/risk/alerts';

/** Sends critical alerts to the SNS topic people subscribe to (email, SMS). */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alert: RiskAlert): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        // SNS subjects: ASCII, no newlines, at most 100 characters.
        Subject: `Stratus ${alert.level}: ${alert.code} (${alert.accountId})`
          .replace(/[^\x20-\x7e]/g, '')
          .slice(0, 100),
        Message: `${alert.message}\n\n${JSON.stringify(alert, null, 2)}`,
        MessageAttributes: {
          level: { DataType: 'String', StringValue: alert.level },
          code: { DataType: 'String', StringValue: alert.code },
        },
      }),
    );
  }
}

/** Where there is no SNS (the local host): critical alerts go to the log. */
export class LogAlertPublisher implements AlertPublisher {
  constructor(private readonly log: (message: string, alert: RiskAlert) => void) {}

  async publish(alert: RiskAlert): Promise<void> {
    this.log(`critical risk alert ${alert.code}: ${alert.message}`, alert);
  }
}
