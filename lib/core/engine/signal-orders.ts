import { sharesFor } from '../risk/sizing-model';
import type { Signal } from '../strategies/strategy';
import type { ActedSignal } from './session';

/** What the engine knows about one strategy in one symbol when it decides. */
export interface StanceInput {
  /** The strategy's latest signal on this symbol since it became active (null: nothing new). */
  signal: Signal | null;
  /** What the engine already did about this symbol for this strategy. */
  acted: ActedSignal | undefined;
  /** Shares the strategy holds (its own fills), capped to what the account holds. */
  held: number;
  /** The strategy has an order working in this symbol. */
  orderWorking: boolean;
  price: number;
  equityDollars: number;
  /** Share of equity one position may take. */
  allocation: number;
  lotSize: number;
}

export type SignalDecision =
  | { kind: 'order'; side: 'buy' | 'sell'; quantity: number; reason: string }
  /** Nothing to send; `record` says whether the signal counts as handled (so it is never retried). */
  | { kind: 'none'; record: boolean; reason: string };

/**
 * Turns a strategy's latest signal into at most one order, toward the stance it asks for: long
 * means hold a position sized by the allocation, flat (and short, since the engine does not open
 * shorts) means hold none. A signal is acted on once: the session remembers it, and the order's
 * client id is derived from it, so a cycle repeated after a restart sends nothing twice.
 */
export function decideOnSignal(input: StanceInput): SignalDecision {
  const { signal } = input;
  if (!signal) return { kind: 'none', record: false, reason: 'no new signal' };
  if (input.acted?.at === signal.at) return { kind: 'none', record: false, reason: 'already acted on' };
  if (input.orderWorking) return { kind: 'none', record: false, reason: 'an order is still working' };
  if (signal.legs) {
    // Options strategies' spreads go out whole through the options path (act-on-options.ts).
    return { kind: 'none', record: true, reason: 'a spread is sent by the options path, not as shares' };
  }
  if (signal.direction === 'long') {
    if (input.held > 0) return { kind: 'none', record: true, reason: 'already long' };
    // The backtester's sizing model, with the strategy's allocation as its share of equity.
    const shares = sharesFor(
      { kind: 'equity_fraction', fraction: input.allocation },
      { equity: input.equityDollars, price: input.price, lotSize: Math.max(1, input.lotSize) },
    );
    if (!(shares > 0)) return { kind: 'none', record: true, reason: 'the allocation buys less than one lot' };
    return { kind: 'order', side: 'buy', quantity: shares, reason: `long: ${signal.rationale}` };
  }
  if (input.held > 0) {
    return {
      kind: 'order',
      side: 'sell',
      quantity: input.held,
      reason: `${signal.direction}: ${signal.rationale}`,
    };
  }
  return { kind: 'none', record: true, reason: 'already flat' };
}
