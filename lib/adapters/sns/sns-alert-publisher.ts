import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertPublisher } from '../../app/ports/risk-alerts';
import type { RiskAlert } from '../../core/risk/alerts';

/** The topic's message: the alert's text for people, a blank line, then the alert as JSON for machines. */
export function topicMessage(alert: RiskAlert): string {
  return `${alert.message}\n\n${JSON.stringify(alert, null, 2)}`;
}

/** The alert in a topic message (what a subscription that delivers it reads); null when it holds none. */
export function alertOfTopicMessage(message: string): RiskAlert | null {
  const start = message.indexOf('\n\n{');
  if (start < 0) return null;
  try {
    const alert = JSON.parse(message.slice(start + 2)) as RiskAlert;
    return typeof alert.code === 'string' && typeof alert.level === 'string' ? alert : null;
  } catch {
    return null;
  }
}

/** Sends alerts to the SNS topic the channels subscribe to, each with its `level` for their filters. */
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
        Message: topicMessage(alert),
        MessageAttributes: {
          level: { DataType: 'String', StringValue: alert.level },
          code: { DataType: 'String', StringValue: alert.code },
        },
      }),
    );
  }
}

/** Where there is no topic (a use case's own tests): alerts go to the log. */
export class LogAlertPublisher implements AlertPublisher {
  constructor(private readonly log: (message: string, alert: RiskAlert) => void) {}

  async publish(alert: RiskAlert): Promise<void> {
    this.log(`${alert.level} risk alert ${alert.code}: ${alert.message}`, alert);
  }
}
