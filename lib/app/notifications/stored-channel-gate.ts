import {
  type ChannelPolicy,
  type Digest,
  dueDigest,
  type GateState,
  offerAlert,
} from '../../core/notifications/digest-gate';
import type { RiskAlert } from '../../core/risk/alerts';
import type { ChannelGate, ChannelStateStore } from '../ports/channel-gate';

const ATTEMPTS = 20;

/**
 * A channel's gate whose state lives in a store: each decision reads the state, applies the pure
 * rule and writes it back over the version it read, again on a conflict. A delivery in any
 * container — and the scheduled flush — sees the same window, the same count and the same held
 * alerts.
 */
export class StoredChannelGate implements ChannelGate {
  constructor(
    private readonly store: ChannelStateStore,
    private readonly channel: string,
    private readonly policy: ChannelPolicy,
  ) {}

  async offer(alert: RiskAlert, at: number): Promise<'send' | 'held' | 'filtered'> {
    return this.update((state) => {
      const next = offerAlert(this.policy, state, alert, at);
      return { state: next.state, result: next.decision, changed: next.decision !== 'filtered' };
    });
  }

  async flush(at: number, force = false): Promise<Digest | null> {
    return this.update((state) => {
      const next = dueDigest(this.policy, state, at, force);
      return { state: next.state, result: next.digest, changed: next.digest !== null };
    });
  }

  private async update<T>(
    step: (state: GateState) => { state: GateState; result: T; changed: boolean },
  ): Promise<T> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { state, version } = await this.store.read(this.channel);
      const next = step(state);
      if (!next.changed || (await this.store.write(this.channel, next.state, version))) return next.result;
    }
    throw new Error(`the ${this.channel} channel's state kept changing under ${ATTEMPTS} attempts`);
  }
}
