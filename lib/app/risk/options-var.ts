import type { Quote } from '../../core/market/quote';
import { historicalScenarios } from '../../core/options/historical-scenarios';
import { OPTION_MULTIPLIER, parseOccSymbol } from '../../core/options/occ-symbol';
import { type BookState, fullRevaluationVaR, type OptionHolding } from '../../core/options/options-var';
import type { Account } from '../../core/portfolio/account';
import type { ReturnsModel } from './risk-model';

/** One-day VaR and CVaR of a book with options, by full revaluation (positive dollars lost). */
export interface FullRevaluationVar {
  var95: number;
  cvar95: number;
  var99: number;
  cvar99: number;
  /** The worst scenario's loss. */
  worst: number;
  scenarios: number;
}

/** Risk-free rate the options are revalued at (the simulated chains' rate). */
const RATE = 0.04;

/**
 * The whole book — shares and options — revalued under each historical day (lib/core/options:
 * the underlyings move by that day's return, implied volatility by the realized-volatility
 * proxy, a day passes, every option is priced again). Null when the book holds no priced option:
 * the parametric and historical figures are then exact for it.
 */
export function optionsBookVar(
  account: Account,
  quotes: ReadonlyMap<string, Quote>,
  model: ReturnsModel,
): FullRevaluationVar | null {
  const options: OptionHolding[] = [];
  const shares = new Map<string, number>();
  const spots = new Map<string, number>();
  for (const position of Object.values(account.positions)) {
    if (position.quantity === 0) continue;
    const quote = quotes.get(position.symbol);
    const contract = parseOccSymbol(position.symbol);
    if (contract && quote?.option) {
      options.push({
        underlying: contract.underlying,
        type: contract.type,
        strike: contract.strike,
        timeToExpiry: quote.option.timeToExpiry,
        volatility: quote.option.impliedVolatility,
        quantity: position.quantity,
        multiplier: OPTION_MULTIPLIER,
      });
      spots.set(contract.underlying, quote.option.spot);
    } else if (!contract && quote) {
      shares.set(position.symbol, position.quantity);
      spots.set(position.symbol, quote.last);
    }
  }
  if (options.length === 0) return null;
  const scenarios = historicalScenarios(model.symbols, model.returns);
  if (scenarios.length === 0) return null;
  const book: BookState = { spots, shares, options, rate: RATE };
  const at95 = fullRevaluationVaR(book, scenarios, 0.95);
  const at99 = fullRevaluationVaR(book, scenarios, 0.99);
  return {
    var95: Math.max(0, at95.var),
    cvar95: Math.max(0, at95.cvar),
    var99: Math.max(0, at99.var),
    cvar99: Math.max(0, at99.cvar),
    worst: Math.max(0, at95.worst),
    scenarios: scenarios.length,
  };
}
