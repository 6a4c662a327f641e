import { type AlertLevel, isAlertLevel, levelsFrom } from '../risk/alerts';
import type { ChannelPolicy } from './digest-gate';

/**
 * The levels each channel takes unless configured: email the critical alerts; the webhook (a
 * desk's chat, rate-limited with digests) everything — sessions, large fills, the daily summary. The subscription's filter policy applies it (SNS in AWS, the
 * local host's topic the same way).
 */
export const DEFAULT_EMAIL_LEVEL: AlertLevel = 'critical';
export const DEFAULT_WEBHOOK_LEVEL: AlertLevel = 'info';

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
 * Whether a channel with this floor takes a topic message with this `level` attribute: the
 * subscription filter policy's rule. A message without one (a CloudWatch alarm's own
 * notification) reaches every channel.
 */
export function channelTakes(floor: AlertLevel, level: string | undefined): boolean {
  return level === undefined || (isAlertLevel(level) && levelsFrom(floor).includes(level));
}

/** An order that fills for at least this many dollars is announced (LARGE_FILL). */
export const LARGE_FILL_NOTIONAL = 50_000;

/**
 * Each pre-trade rejection is listed; this many of them within the window is announced once per
 * window (REJECTIONS_ABOVE_THRESHOLD, warning): a strategy refused again and again is news,
 * one refused order is not.
 */
export const REJECTION_BURST = { count: 5, windowSeconds: 300 } as const;
