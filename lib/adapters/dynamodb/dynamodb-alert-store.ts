import type { DocumentClient } from './document-client';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertStore } from '../../app/ports/risk-alerts';
import type { AlertLevel, RiskAlert } from '../../core/risk/alerts';
import { putIfAbsent } from './conditional-writes';

/**
 * Alerts in the risk table under `ALERTS#account`: a claim item per alert id (so an alert is
 * raised once however often it is evaluated), then the alert itself keyed by time for listing.
 */
export class DynamoDbAlertStore implements AlertStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async raise(alert: RiskAlert): Promise<boolean> {
    const pk = `ALERTS#${alert.accountId}`;
    if (!(await putIfAbsent(this.client, this.tableName, { pk, sk: `ID#${alert.alertId}`, at: alert.at }))) {
      return false;
    }
    await putIfAbsent(this.client, this.tableName, { pk, sk: `AT#${alert.at}#${alert.alertId}`, ...alert });
    return true;
  }

  async list(accountId: string, options: { limit?: number; level?: AlertLevel } = {}): Promise<RiskAlert[]> {
    const limit = options.limit ?? 100;
    const alerts: RiskAlert[] = [];
    let startKey: Record<string, unknown> | undefined;
    // DynamoDB applies Limit before a filter: page on until enough alerts of the level are found.
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :at)',
          ...(options.level === undefined ? {} : { FilterExpression: '#level = :level' }),
          ExpressionAttributeNames: options.level === undefined ? undefined : { '#level': 'level' },
          ExpressionAttributeValues: {
            ':pk': `ALERTS#${accountId}`,
            ':at': 'AT#',
            ...(options.level === undefined ? {} : { ':level': options.level }),
          },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const { pk: _pk, sk: _sk, ...alert } of page.Items ?? []) alerts.push(alert as RiskAlert);
      startKey = page.LastEvaluatedKey;
    } while (startKey && alerts.length < limit);
    return alerts.slice(0, limit);
  }
}
