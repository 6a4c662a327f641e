import {
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationSettings,
} from '../../core/notifications/channel-policies';
import type { NotificationSettingsStore } from '../ports/notification-settings';

/** The account's settings, or the defaults where it has set none (or the host keeps none). */
export async function notificationSettingsOf(
  store: NotificationSettingsStore | undefined,
  accountId: string,
): Promise<NotificationSettings> {
  return (await store?.get(accountId)) ?? DEFAULT_NOTIFICATION_SETTINGS;
}

/** Changes some of the account's settings; the rest stay as they were. */
export async function updateNotificationSettings(
  store: NotificationSettingsStore,
  accountId: string,
  change: Partial<NotificationSettings>,
): Promise<NotificationSettings> {
  const settings = { ...(await notificationSettingsOf(store, accountId)), ...change };
  await store.put(accountId, settings);
  return settings;
}
