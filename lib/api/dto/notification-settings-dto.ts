import type { NotificationSettings } from '../../core/notifications/channel-policies';

export function toNotificationSettingsDto(settings: NotificationSettings) {
  return {
    large_fill_notional: settings.largeFillNotional,
    rejection_alert_count: settings.rejectionAlertCount,
    rejection_window_seconds: settings.rejectionWindowSeconds,
  };
}

/** The fields a change names, in the settings' own terms (the others are left as they are). */
export function fromNotificationSettingsBody(body: {
  large_fill_notional?: number | undefined;
  rejection_alert_count?: number | undefined;
  rejection_window_seconds?: number | undefined;
}): Partial<NotificationSettings> {
  return {
    ...(body.large_fill_notional === undefined ? {} : { largeFillNotional: body.large_fill_notional }),
    ...(body.rejection_alert_count === undefined ? {} : { rejectionAlertCount: body.rejection_alert_count }),
    ...(body.rejection_window_seconds === undefined
      ? {}
      : { rejectionWindowSeconds: body.rejection_window_seconds }),
  };
}
