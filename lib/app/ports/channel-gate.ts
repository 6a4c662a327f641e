import type { Digest } from '../../core/notifications/digest-gate';
import type { GateState } from '../../core/notifications/digest-gate';
import type { RiskAlert } from '../../core/risk/alerts';

/** A channel's rate limit as a delivery uses it: may this alert go now, and is a digest due? */
export interface ChannelGate {
  offer(alert: RiskAlert, at: number): Promise<'send' | 'held' | 'filtered'>;
  /** The held alerts' digest once their window has closed (or `force`); null when none is due. */
  flush(at: number, force?: boolean): Promise<Digest | null>;
}

/**
 * Where a channel's gate state is kept between deliveries (the `risk` table): read with its
 * version, written only over the version read — so deliveries running at once (several Lambda
 * containers) share one rate limit and never lose a held alert.
 */
export interface ChannelStateStore {
  read(channel: string): Promise<{ state: GateState; version: number }>;
  /** False when another writer moved it past `version` (read again). */
  write(channel: string, state: GateState, version: number): Promise<boolean>;
}
