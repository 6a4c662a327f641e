import type { ChannelPolicy } from './digest-gate';

/**
 * The alert webhook's rate limit: five a minute, the rest in a digest. Its level filter is the
 * subscription's, so the gate takes every level it is given.
 */
export const ALERT_WEBHOOK_POLICY: ChannelPolicy = {
  minimumLevel: 'info',
  maxPerWindow: 5,
  windowSeconds: 60,
};

/**
 * What an account is told about, beyond its risk alerts: an order that fills for at least
 * `largeFillNotional` dollars (LARGE_FILL; 0 turns it off), and `rejectionAlertCount`
 * rejections within `rejectionWindowSeconds`, told once per window
 * (REJECTIONS_ABOVE_THRESHOLD) — a strategy refused again and again is news, one refused order
 * is not. Each account may set its own (`PUT /api/notifications/settings`).
 */
export interface NotificationSettings {
  largeFillNotional: number;
  rejectionAlertCount: number;
  rejectionWindowSeconds: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  largeFillNotional: 50_000,
  rejectionAlertCount: 5,
  rejectionWindowSeconds: 300,
};
