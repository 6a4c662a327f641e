/**
 * The trader's alert channels as both hosts subscribe them to the alert topic: each takes the
 * alerts at or above its level (an SNS filter policy on the `level` attribute in AWS; the local
 * host applies the same rule to its topic).
 */

/** Alert levels, least to most severe: lib/core/risk/alerts.ts's own (a test holds them equal). */
export const CHANNEL_LEVELS = ['info', 'warning', 'critical'] as const;
export type ChannelLevel = (typeof CHANNEL_LEVELS)[number];

/**
 * The levels each channel takes unless configured: email the critical alerts; the webhook (a
 * desk's chat, rate-limited with digests) everything — sessions, large fills, the daily summary.
 */
export const DEFAULT_EMAIL_LEVEL: ChannelLevel = 'critical';
export const DEFAULT_WEBHOOK_LEVEL: ChannelLevel = 'info';

export function isChannelLevel(value: unknown): value is ChannelLevel {
  return typeof value === 'string' && (CHANNEL_LEVELS as readonly string[]).includes(value);
}

/** The levels a channel with this floor takes. */
export function channelLevels(floor: ChannelLevel): ChannelLevel[] {
  return CHANNEL_LEVELS.slice(CHANNEL_LEVELS.indexOf(floor));
}

/**
 * Whether a channel with this floor takes a topic message with this `level` attribute: the
 * subscription filter policy's rule. A message without one (a CloudWatch alarm's own
 * notification) reaches every channel.
 */
export function channelTakes(floor: ChannelLevel, level: string | undefined): boolean {
  return level === undefined || (isChannelLevel(level) && channelLevels(floor).includes(level));
}
