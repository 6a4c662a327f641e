import { describe, expect, it } from 'vitest';
import { InMemoryNotificationSettings } from '../../../lib/adapters/memory/in-memory-notification-settings';
import {
  notificationSettingsOf,
  readOncePerAccount,
  updateNotificationSettings,
} from '../../../lib/app/notifications/notification-settings';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../lib/core/notifications/channel-policies';

describe('notification settings', () => {
  it('are the defaults until changed, and a change keeps the fields it does not name', async () => {
    const store = new InMemoryNotificationSettings();
    expect(await notificationSettingsOf(store, 'a')).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
    await updateNotificationSettings(store, 'a', { rejectionAlertCount: 2 });
    expect(await notificationSettingsOf(store, 'a')).toEqual({
      ...DEFAULT_NOTIFICATION_SETTINGS,
      rejectionAlertCount: 2,
    });
    expect(await notificationSettingsOf(store, 'b')).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
  });

  it('read once per account through a batch’s copy, however many orders ask', async () => {
    const store = new InMemoryNotificationSettings();
    let reads = 0;
    const counted = { get: (id: string) => (reads++, store.get(id)), put: store.put.bind(store) };
    const batch = readOncePerAccount(counted);
    await Promise.all(['a', 'a', 'b', 'a', 'b'].map((id) => notificationSettingsOf(batch, id)));
    expect(reads).toBe(2);
  });
});
