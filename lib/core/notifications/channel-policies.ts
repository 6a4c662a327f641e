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

/** An order that fills for at least this many dollars is announced (LARGE_FILL). */
export const LARGE_FILL_NOTIONAL = 50_000;

/**
 * Each pre-trade rejection is listed; this many of them within the window is announced once per
 * window (REJECTIONS_ABOVE_THRESHOLD, warning): a strategy refused again and again is news,
 * one refused order is not.
 */
export const REJECTION_BURST = { count: 5, windowSeconds: 300 } as const;
