import type { ChannelGate } from '../../app/ports/channel-gate';
import {
  type ChannelPolicy,
  type Digest,
  dueDigest,
  EMPTY_GATE,
  type GateState,
  offerAlert,
} from '../../core/notifications/digest-gate';
import type { RiskAlert } from '../../core/risk/alerts';

/** A channel's gate kept in this process only (tests; a channel nobody else delivers to). */
export class InMemoryChannelGate implements ChannelGate {
  private state: GateState = EMPTY_GATE;

  constructor(private readonly policy: ChannelPolicy) {}

  async offer(alert: RiskAlert, at: number): Promise<'send' | 'held' | 'filtered'> {
    const next = offerAlert(this.policy, this.state, alert, at);
    this.state = next.state;
    return next.decision;
  }

  async flush(at: number, force = false): Promise<Digest | null> {
    const next = dueDigest(this.policy, this.state, at, force);
    this.state = next.state;
    return next.digest;
  }
}
