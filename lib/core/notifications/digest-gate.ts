import type { AlertLevel, RiskAlert } from '../risk/alerts';

/** What one channel receives: alerts at or above a level, at most so many per window. */
export interface ChannelPolicy {
  minimumLevel: AlertLevel;
  maxPerWindow: number;
  windowSeconds: number;
}

/** Alerts held back during a storm, sent later as one message. */
export interface Digest {
  from: string;
  to: string;
  count: number;
  /** How many of each code, most frequent first. */
  byCode: { code: string; count: number; level: AlertLevel }[];
}

const RANK: Record<AlertLevel, number> = { info: 0, warning: 1, critical: 2 };

/**
 * A channel's rate limit, pure (times are passed in): the first `maxPerWindow` alerts of a window
 * go out one by one; the rest are held and become one digest when the window closes — a storm of
 * rejections is one message, not three hundred. Critical alerts are never held (an emergency stop
 * is not news to batch), though they count towards the window.
 */
export class DigestGate {
  private windowStart = Number.NEGATIVE_INFINITY;
  private sent = 0;
  private held: RiskAlert[] = [];

  constructor(private readonly policy: ChannelPolicy) {}

  /** Whether the alert goes out now (`send`), is held for the digest, or is below the channel's level. */
  offer(alert: RiskAlert, at: number): 'send' | 'held' | 'filtered' {
    if (RANK[alert.level] < RANK[this.policy.minimumLevel]) return 'filtered';
    if (at >= this.windowStart + this.policy.windowSeconds * 1_000) {
      this.windowStart = at;
      this.sent = 0;
    }
    if (this.sent < this.policy.maxPerWindow || alert.level === 'critical') {
      this.sent++;
      return 'send';
    }
    this.held.push(alert);
    return 'held';
  }

  /** The digest of what was held, once its window has closed (or `force`); null when nothing is due. */
  flush(at: number, force = false): Digest | null {
    if (this.held.length === 0) return null;
    if (!force && at < this.windowStart + this.policy.windowSeconds * 1_000) return null;
    const counts = new Map<string, { code: string; count: number; level: AlertLevel }>();
    for (const alert of this.held) {
      const entry = counts.get(alert.code) ?? { code: alert.code, count: 0, level: alert.level };
      entry.count++;
      if (RANK[alert.level] > RANK[entry.level]) entry.level = alert.level;
      counts.set(alert.code, entry);
    }
    const digest: Digest = {
      from: this.held[0]!.at,
      to: this.held.at(-1)!.at,
      count: this.held.length,
      byCode: [...counts.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    };
    this.held = [];
    return digest;
  }
}
