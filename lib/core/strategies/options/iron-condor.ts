import type { OptionChain, OptionQuote } from '../../options';
import type { OptionLeg, Signal, Strategy } from '../strategy';
import { closingLegs, daysToExpiry, expiryNearest, leg, positionValue } from './chain-helpers';

export interface CondorParameters {
  underlying: string;
  target_dte: number;
  short_delta: number;
  wing_width: number;
  min_volatility: number;
  profit_target: number;
  loss_multiple: number;
  exit_dte: number;
  contracts: number;
}

interface CondorState {
  position: { positionId: string; legs: OptionLeg[]; credit: number; expiry: string } | null;
}

/**
 * Short iron condor: sell the put and the call nearest `short_delta`, buy wings `wing_width`
 * further out, for a net credit — when the at-the-money volatility is at least `min_volatility`.
 * Exits when `profit_target` of the credit is kept, when the loss reaches `loss_multiple` ×
 * credit, or `exit_dte` days before expiry. The four legs are one position.
 */
export function ironCondor(parameters: CondorParameters): Strategy<CondorState> {
  return {
    type: 'iron_condor',
    initialState: () => ({ position: null }),
    onEvent(state, event) {
      if (event.kind !== 'chain' || event.chain.underlying !== parameters.underlying)
        return { state, signals: [] };
      const { chain } = event;
      return state.position ? manage(parameters, state, chain) : open(parameters, state, chain);
    },
  };
}

function open(
  parameters: CondorParameters,
  state: CondorState,
  chain: OptionChain,
): { state: CondorState; signals: Signal[] } {
  const expiry = expiryNearest(chain, parameters.target_dte, parameters.exit_dte);
  if (!expiry) return { state, signals: [] };
  const nearestDelta = (quotes: readonly OptionQuote[], target: number) =>
    [...quotes].sort((a, b) => Math.abs(a.delta - target) - Math.abs(b.delta - target))[0];
  const atm = nearestDelta(expiry.calls, 0.5);
  if (!atm || atm.impliedVolatility < parameters.min_volatility) return { state, signals: [] };
  const shortPut = nearestDelta(expiry.puts, -parameters.short_delta);
  const shortCall = nearestDelta(expiry.calls, parameters.short_delta);
  if (!shortPut || !shortCall || shortPut.contract.strike >= shortCall.contract.strike)
    return { state, signals: [] };
  const longPut = expiry.puts.find(
    (q) => q.contract.strike === shortPut.contract.strike - parameters.wing_width,
  );
  const longCall = expiry.calls.find(
    (q) => q.contract.strike === shortCall.contract.strike + parameters.wing_width,
  );
  if (!longPut || !longCall) return { state, signals: [] };
  const credit = shortPut.mid + shortCall.mid - longPut.mid - longCall.mid;
  if (!(credit > 0)) return { state, signals: [] };
  const n = parameters.contracts;
  const legs = [leg(longPut, n), leg(shortPut, -n), leg(shortCall, -n), leg(longCall, n)];
  const positionId = `${parameters.underlying}-condor-${shortPut.contract.strike}-${shortCall.contract.strike}-${expiry.expiry}-${chain.asOf}`;
  return {
    state: { position: { positionId, legs, credit, expiry: expiry.expiry } },
    signals: [
      {
        at: chain.asOf,
        symbol: parameters.underlying,
        direction: 'short',
        strength: Math.min(1, credit / parameters.wing_width / 0.33),
        rationale: `Sell the ${longPut.contract.strike}/${shortPut.contract.strike}/${shortCall.contract.strike}/${longCall.contract.strike} condor for ${credit.toFixed(2)} (short deltas ${shortPut.delta.toFixed(2)}/${shortCall.delta.toFixed(2)}, ATM vol ${(atm.impliedVolatility * 100).toFixed(1)}%)`,
        positionId,
        legs,
      },
    ],
  };
}

function manage(
  parameters: CondorParameters,
  state: CondorState,
  chain: OptionChain,
): { state: CondorState; signals: Signal[] } {
  const position = state.position!;
  const unit = position.legs.map((l) => ({ ...l, quantity: Math.sign(l.quantity) }));
  const value = positionValue(chain, unit); // negative: what buying it back costs
  const cost = value === undefined ? undefined : -value;
  const days = daysToExpiry(chain, position.expiry);
  let reason: string | undefined;
  if (cost !== undefined && position.credit - cost >= parameters.profit_target * position.credit) {
    reason = `profit target: buy back for ${cost.toFixed(2)} of a ${position.credit.toFixed(2)} credit`;
  } else if (cost !== undefined && cost - position.credit >= parameters.loss_multiple * position.credit) {
    reason = `loss limit: buy back for ${cost.toFixed(2)} against a ${position.credit.toFixed(2)} credit`;
  } else if (days <= parameters.exit_dte) {
    reason = `${days.toFixed(1)} days to expiry (exit at ${parameters.exit_dte})`;
  }
  if (!reason) return { state, signals: [] };
  return {
    state: { position: null },
    signals: [
      {
        at: chain.asOf,
        symbol: parameters.underlying,
        direction: 'flat',
        strength: 1,
        rationale: `Close the condor: ${reason}`,
        positionId: position.positionId,
        legs: closingLegs(chain, position.legs),
      },
    ],
  };
}
