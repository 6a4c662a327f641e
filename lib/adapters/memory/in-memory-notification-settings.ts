import type { NotificationSettingsStore } from '../../app/ports/notification-settings';
import type { NotificationSettings } from '../../core/notifications/channel-policies';

export class InMemoryNotificationSettings implements NotificationSettingsStore {
  private readonly byAccount = new Map<string, NotificationSettings>();

  async get(accountId: string): Promise<NotificationSettings | null> {
    return this.byAccount.get(accountId) ?? null;
  }

  async put(accountId: string, settings: NotificationSettings): Promise<void> {
    this.byAccount.set(accountId, { ...settings });
  }
}
