import type { ChannelPolicy } from '../core/notifications/digest-gate';
import type { RiskAlert } from '../core/risk/alerts';

/** The alert webhook's channel: warnings and up, five a minute, the rest in a digest. */
export const ALERT_WEBHOOK_POLICY: ChannelPolicy = {
  minimumLevel: 'warning',
  maxPerWindow: 5,
  windowSeconds: 60,
};

/**
 * The alert in an alert-topic message (SnsAlertPublisher writes the text, a blank line, then the
 * alert as JSON); null when the message holds none.
 */
export function alertOfMessage(message: string): RiskAlert | null {
  const start = message.indexOf('\n\n{');
  if (start < 0) return null;
  try {
    const alert = JSON.parse(message.slice(start + 2)) as RiskAlert;
    return typeof alert.code === 'string' && typeof alert.level === 'string' ? alert : null;
  } catch {
    return null;
  }
}
