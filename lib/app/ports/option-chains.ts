import type { OptionChain } from '../../core/options';

/** Option chains of underlyings: simulated locally and in paper mode, a broker's feed live. */
export interface OptionChains {
  /** The chain now, or null when the underlying has no options. */
  chain(underlying: string): Promise<OptionChain | null>;
}
