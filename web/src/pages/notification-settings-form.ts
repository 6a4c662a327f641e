import { api } from '../api';
import { field, h } from '../dom';

interface Settings {
  large_fill_notional: number;
  rejection_alert_count: number;
  rejection_window_seconds: number;
}

/** The account's notification thresholds: the large fill's size and the rejections' count. */
export function notificationSettingsForm(): HTMLElement {
  const largeFill = h('input', { name: 'large_fill_notional', type: 'number', min: '0', step: '1' });
  const rejections = h('input', { name: 'rejection_alert_count', type: 'number', min: '1', step: '1' });
  const status = h('p', { class: 'muted', role: 'status' });
  const show = (settings: Settings) => {
    largeFill.value = String(settings.large_fill_notional);
    rejections.value = String(settings.rejection_alert_count);
    status.textContent = `Rejections counted over ${settings.rejection_window_seconds / 60} minutes; 0 turns large fills off.`;
  };
  void api
    .get<Settings>('/api/notifications/settings')
    .then(show)
    .catch(() => undefined);
  return h(
    'form',
    {
      class: 'notification-settings',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          show(
            await api.put<Settings>('/api/notifications/settings', {
              large_fill_notional: Number(largeFill.value),
              rejection_alert_count: Number(rejections.value),
            }),
          );
          status.textContent = `Saved. ${status.textContent ?? ''}`;
        } catch (error) {
          status.textContent = error instanceof Error ? error.message : String(error);
        }
      },
    },
    field('Large fill from ($)', largeFill),
    field('Rejections to announce', rejections),
    h('button', { type: 'submit' }, 'Save thresholds'),
    status,
  );
}
