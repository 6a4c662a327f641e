import type { NotificationSettings } from '../../core/notifications/channel-policies';

/** Each account's notification settings (the `risk` table); none stored means the defaults. */
export interface NotificationSettingsStore {
  get(accountId: string): Promise<NotificationSettings | null>;
  put(accountId: string, settings: NotificationSettings): Promise<void>;
}
