import type { ChannelPolicy } from './digest-gate';

/** The alert webhook's channel: warnings and up, five a minute, the rest in a digest. */
export const ALERT_WEBHOOK_POLICY: ChannelPolicy = {
  minimumLevel: 'warning',
  maxPerWindow: 5,
  windowSeconds: 60,
};
