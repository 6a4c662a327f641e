import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationSettingsStore } from '../../app/ports/notification-settings';
import type { NotificationSettings } from '../../core/notifications/channel-policies';
import type { DocumentClient } from './document-client';

/** Each account's notification settings, one item in the `risk` table beside its limits and alerts. */
export class DynamoDbNotificationSettings implements NotificationSettingsStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async get(accountId: string): Promise<NotificationSettings | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(accountId), ConsistentRead: true }),
    );
    return Item ? (Item.settings as NotificationSettings) : null;
  }

  async put(accountId: string, settings: NotificationSettings): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keyOf(accountId), settings } }),
    );
  }
}

function keyOf(accountId: string) {
  return { pk: `NOTIFY#${accountId}`, sk: 'SETTINGS' };
}
