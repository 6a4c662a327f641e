import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertStore } from '../../app/ports/risk-alerts';
import type { RiskAlert } from '../../core/risk/alerts';
import { putIfAbsent } from './conditional-writes';

/**
 * Alerts in the risk table under `ALERTS#account`: a claim item per alert id (so an alert is
 * raised once however often it is evaluated), then the alert itself keyed by time for listing.
 */
export class DynamoDbAlertStore implements AlertStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
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

  async list(accountId: string, options: { limit?: number } = {}): Promise<RiskAlert[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :at)',
        ExpressionAttributeValues: { ':pk': `ALERTS#${accountId}`, ':at': 'AT#' },
        ScanIndexForward: false,
        Limit: options.limit ?? 100,
      }),
    );
    return Items.map(({ pk: _pk, sk: _sk, ...alert }) => alert as RiskAlert);
  }
}
