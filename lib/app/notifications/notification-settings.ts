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

/** The store read at most once per account through this copy (one queue batch's worth of work). */
export function readOncePerAccount(store: NotificationSettingsStore): NotificationSettingsStore {
  const read = new Map<string, Promise<NotificationSettings | null>>();
  return {
    get: (accountId) => read.get(accountId) ?? read.set(accountId, store.get(accountId)).get(accountId)!,
    put: (accountId, settings) => store.put(accountId, settings),
  };
}
