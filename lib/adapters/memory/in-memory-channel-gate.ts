import type { ChannelGate } from '../../app/ports/channel-gate';
import { type ChannelPolicy, type Digest, DigestGate } from '../../core/notifications/digest-gate';
import type { RiskAlert } from '../../core/risk/alerts';

/** A channel's gate kept in this process only (tests; a channel nobody else delivers to). */
export class InMemoryChannelGate implements ChannelGate {
  private readonly gate: DigestGate;

  constructor(policy: ChannelPolicy) {
    this.gate = new DigestGate(policy);
  }

  async offer(alert: RiskAlert, at: number): Promise<'send' | 'held' | 'filtered'> {
    return this.gate.offer(alert, at);
  }

  async flush(at: number, force = false): Promise<Digest | null> {
    return this.gate.flush(at, force);
  }
}
