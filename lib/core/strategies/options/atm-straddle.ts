import { deviation } from '../../analytics/return-statistics';
import type { OptionLeg, Signal, Strategy } from '../strategy';
import { closingLegs, daysToExpiry, expiryNearest, leg, positionValue } from './chain-helpers';

export interface StraddleParameters {
  underlying: string;
  target_dte: number;
  lookback: number;
  entry_ratio: number;
  profit_target: number;
  stop_loss: number;
  exit_dte: number;
  contracts: number;
}

interface StraddleState {
  closes: number[];
  /** The shortest gap between two bars seen, minutes: minute bars live, daily bars in most backtests. */
  barMinutes: number;
  lastBarAt: number;
  position: { positionId: string; legs: OptionLeg[]; debit: number; expiry: string } | null;
}

/**
 * Long ATM straddle: buy the at-the-money call and put when the move the underlying is expected
 * to make (realised volatility over `lookback` bars, scaled to the expiry) exceeds the move the
 * straddle prices in (its cost) by `entry_ratio`. Exits on a profit of `profit_target` × debit,
 * a loss of `stop_loss` × debit, or `exit_dte` days before expiry. Both legs are one position.
 */
export function atmStraddle(parameters: StraddleParameters): Strategy<StraddleState> {
  return {
    type: 'atm_straddle',
    initialState: () => ({ closes: [], barMinutes: SESSION_MINUTES, lastBarAt: Number.NaN, position: null }),
    onEvent(state, event) {
      if (event.kind === 'bar') {
        if (event.bar.symbol !== parameters.underlying) return { state, signals: [] };
        const closes = [...state.closes, event.bar.close].slice(-(parameters.lookback + 1));
        const at = Date.parse(event.bar.time);
        const gap = (at - state.lastBarAt) / 60_000;
        const barMinutes = gap > 0 ? Math.min(state.barMinutes, gap) : state.barMinutes;
        return { state: { ...state, closes, barMinutes, lastBarAt: at }, signals: [] };
      }
      const { chain } = event;
      if (chain.underlying !== parameters.underlying) return { state, signals: [] };
      if (state.position) return manage(parameters, state, chain);
      const volatility = realisedVolatility(state.closes, state.barMinutes);
      if (volatility === undefined || state.closes.length < parameters.lookback + 1)
        return { state, signals: [] };
      const expiry = expiryNearest(chain, parameters.target_dte, parameters.exit_dte);
      if (!expiry) return { state, signals: [] };
      const strikeGap = (quote: { contract: { strike: number } }) =>
        Math.abs(quote.contract.strike - chain.spot);
      const call = [...expiry.calls].sort((a, b) => strikeGap(a) - strikeGap(b))[0];
      const put = call && expiry.puts.find((quote) => quote.contract.strike === call.contract.strike);
      if (!call || !put) return { state, signals: [] };
      const implied = call.mid + put.mid;
      const expected = chain.spot * volatility * Math.sqrt(expiry.timeToExpiry);
      const ratio = expected / implied;
      if (!(ratio >= parameters.entry_ratio)) return { state, signals: [] };
      const legs = [leg(call, parameters.contracts), leg(put, parameters.contracts)];
      const positionId = `${parameters.underlying}-straddle-${call.contract.strike}-${expiry.expiry}-${chain.asOf}`;
      const signal: Signal = {
        at: chain.asOf,
        symbol: parameters.underlying,
        direction: 'long',
        strength: Math.min(1, ratio / parameters.entry_ratio - 1 + 0.5),
        rationale: `Expected move ${expected.toFixed(2)} (realised σ ${(volatility * 100).toFixed(1)}%) is ${ratio.toFixed(2)}× the ${call.contract.strike} straddle's ${implied.toFixed(2)}`,
        positionId,
        legs,
      };
      return {
        state: { ...state, position: { positionId, legs, debit: implied, expiry: expiry.expiry } },
        signals: [signal],
      };
    },
  };
}

function manage(
  parameters: StraddleParameters,
  state: StraddleState,
  chain: Parameters<typeof positionValue>[0],
): { state: StraddleState; signals: Signal[] } {
  const position = state.position!;
  const value = positionValue(
    chain,
    position.legs.map((l) => ({ ...l, quantity: Math.sign(l.quantity) })),
  );
  const days = daysToExpiry(chain, position.expiry);
  let reason: string | undefined;
  if (value !== undefined && value - position.debit >= parameters.profit_target * position.debit) {
    reason = `profit target: worth ${value.toFixed(2)} against a debit of ${position.debit.toFixed(2)}`;
  } else if (value !== undefined && position.debit - value >= parameters.stop_loss * position.debit) {
    reason = `stop: worth ${value.toFixed(2)} against a debit of ${position.debit.toFixed(2)}`;
  } else if (days <= parameters.exit_dte) {
    reason = `${days.toFixed(1)} days to expiry (exit at ${parameters.exit_dte})`;
  }
  if (!reason) return { state, signals: [] };
  return {
    state: { ...state, position: null },
    signals: [
      {
        at: chain.asOf,
        symbol: parameters.underlying,
        direction: 'flat',
        strength: 1,
        rationale: `Close the straddle: ${reason}`,
        positionId: position.positionId,
        legs: closingLegs(chain, position.legs),
      },
    ],
  };
}

/** Minutes in a regular session: bars at least this far apart are daily bars. */
const SESSION_MINUTES = 390;

/**
 * Annualised standard deviation of the bars' log returns: 252 sessions a year of daily bars, or
 * of `barMinutes` bars (the engine replays minute bars; the overnight gap is not in them, so
 * minute bars read a little less volatility than daily closes would).
 */
function realisedVolatility(closes: readonly number[], barMinutes: number): number | undefined {
  if (closes.length < 3) return undefined;
  const returns = closes.slice(1).map((close, i) => Math.log(close / closes[i]!));
  const barsPerYear = 252 * Math.max(1, SESSION_MINUTES / Math.min(barMinutes, SESSION_MINUTES));
  return deviation(returns) * Math.sqrt(barsPerYear);
}
