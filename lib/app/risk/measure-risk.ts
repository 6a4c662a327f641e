import { newYorkDate } from '../../core/market/nyse-calendar';
import type { Cents } from '../../core/money';
import type { Account } from '../../core/portfolio/account';
import { forSession } from '../../core/risk/account-risk-state';
import { effectiveLimits, type RiskLimits, type RiskLimitSet } from '../../core/risk/limits';
import { normalQuantile } from '../../core/risk/normal';
import type { TradingState } from '../../core/risk/trading-state';
import { sortedCopy } from '../../core/analytics/return-statistics';
import { conditionalVaROfSorted, historicalVaROfSorted, portfolioReturns } from '../../core/risk/var';
import type { OrderDependencies } from '../orders/order-dependencies';
import { ensurePaperAccount } from '../use-cases/get-portfolio';
import { readRiskProfile } from './pre-trade';
import { type FullRevaluationVar, optionsBookVar } from './options-var';
import { quoteSymbols, riskSymbols } from '../options/position-quotes';
import { accountValue, limitSetOf } from './risk-context';
import { portfolioRisk, type ReturnsModel } from './risk-model';
import { BETA_BENCHMARK, benchmarkOf, bookAnalytics, type BookAnalytics } from './book-analytics';

export interface SymbolExposure {
  symbol: string;
  sector: string;
  quantity: number;
  marketValueCents: Cents;
  /** Position value / equity. */
  weight: number;
  concentrationLimit: number;
  /** weight / limit (1 = at the limit). */
  utilization: number;
}

/** Dollar VaR/CVaR of the current portfolio over one day (positive losses). */
export interface PortfolioVar {
  historical95: number;
  historical99: number;
  cvar95: number;
  cvar99: number;
  parametric95: number;
  parametric99: number;
  /** Trading days of history behind the figures. */
  days: number;
  /** A book with options: the whole book revalued under each historical day (null without options). */
  fullRevaluation: FullRevaluationVar | null;
}

/** The live risk picture of one account: what GET /api/risk shows and the monitor measures. */
export interface RiskMeasures {
  accountId: string;
  /** The account as measured (a write that follows can start from it instead of reading again). */
  account: Account;
  at: string;
  tradingState: TradingState;
  limitSet: RiskLimitSet;
  limits: RiskLimits;
  limitsAreDefault: boolean;
  equityCents: Cents;
  sessionOpenEquityCents: Cents;
  dailyPnlCents: Cents;
  /** Loss since the open / the daily loss limit (0 when up on the day). */
  dailyLossUtilization: number;
  /** Fall from the session-open equity, as a fraction of it (0 when up). */
  drawdownFraction: number;
  var: PortfolioVar;
  /** Correlation of the holdings and who carries the VaR. */
  book: BookAnalytics;
  /** Parametric 95 % VaR / (maxVarFraction × equity). */
  varUtilization: number;
  exposures: SymbolExposure[];
  sectors: { sector: string; marketValueCents: Cents; weight: number }[];
  grossExposureCents: Cents;
  maxConcentrationUtilization: number;
  lossStreak: { account: number; strategies: Record<string, number> };
  ordersInWindow: number;
  /** Limits at or over 100 %. */
  breaches: string[];
}

const Z95 = normalQuantile(0.95);
const Z99 = normalQuantile(0.99);

/** Measures the account's risk now: equity and P&L at the last prices, VaR from a year of daily closes. */
export async function measureRisk(deps: OrderDependencies, accountId: string): Promise<RiskMeasures> {
  const now = deps.clock.now();
  const profile = await readRiskProfile(deps, accountId);
  const limitSet = limitSetOf(profile, accountId, deps.settings);
  const account = (await deps.accounts.get(accountId)) ?? (await ensurePaperAccount(deps, accountId));
  const symbols = Object.keys(account.positions);
  // The benchmark's history and quote too (held or not): the book's beta and its hedge.
  const modelled = riskSymbols([...symbols, BETA_BENCHMARK]);
  const [quotes, model] = await Promise.all([
    quoteSymbols(deps, [...new Set([...symbols, ...modelled])]),
    deps.riskModel.model(modelled, now),
  ]);
  const { valuation, positionValues } = accountValue(account, quotes);
  const equityCents = valuation.equityCents;
  const risk = forSession(account.risk, newYorkDate(now), equityCents);
  const limits = limitSet.account;
  const dailyPnlCents = equityCents - risk.sessionOpenEquityCents;
  // In whole cents, exactly as the pre-trade check compares.
  const dailyLossUtilization = Math.max(0, -dailyPnlCents) / Math.round(limits.dailyLossLimit * 100);

  const weights = model.symbols.map((symbol) => positionValues.get(symbol) ?? 0);
  const portfolioVar = {
    ...dollarVar(model, weights),
    fullRevaluation: optionsBookVar(account, quotes, model),
  };
  const varLimit = limits.maxVarFraction * (equityCents / 100);
  const varUtilization =
    varLimit > 0 ? portfolioVar.parametric95 / varLimit : portfolioVar.parametric95 > 0 ? Infinity : 0;

  const exposures = await exposuresOf(deps, account, limitSet, positionValues, equityCents);
  const sectors = new Map<string, Cents>();
  for (const exposure of exposures) {
    sectors.set(exposure.sector, (sectors.get(exposure.sector) ?? 0) + exposure.marketValueCents);
  }
  const maxConcentrationUtilization = Math.max(0, ...exposures.map((exposure) => exposure.utilization));
  const windowStart = now.getTime() - limits.orderWindowSeconds * 1000;
  const breaches = [
    ...(dailyLossUtilization >= 1 ? ['daily_loss'] : []),
    ...(varUtilization >= 1 ? ['var'] : []),
    ...exposures
      .filter((exposure) => exposure.utilization >= 1)
      .map((exposure) => `concentration:${exposure.symbol}`),
    ...(risk.lossStreak.account.count >= limits.maxConsecutiveLosses ? ['consecutive_losses'] : []),
  ];
  return {
    accountId,
    account,
    at: now.toISOString(),
    tradingState: profile.tradingState,
    limitSet,
    limits,
    limitsAreDefault: profile.limits === null,
    equityCents,
    sessionOpenEquityCents: risk.sessionOpenEquityCents,
    dailyPnlCents,
    dailyLossUtilization,
    drawdownFraction:
      risk.sessionOpenEquityCents > 0 ? Math.max(0, -dailyPnlCents) / risk.sessionOpenEquityCents : 0,
    var: portfolioVar,
    book: bookAnalytics(account, model, positionValues, benchmarkOf(quotes)),
    varUtilization,
    exposures,
    sectors: [...sectors].map(([sector, marketValueCents]) => ({
      sector,
      marketValueCents,
      weight: equityCents > 0 ? marketValueCents / equityCents : 0,
    })),
    grossExposureCents: exposures.reduce((sum, exposure) => sum + Math.abs(exposure.marketValueCents), 0),
    maxConcentrationUtilization,
    lossStreak: {
      account: risk.lossStreak.account.count,
      strategies: Object.fromEntries(
        Object.entries(risk.lossStreak.strategies).map(([id, streak]) => [id, streak.count]),
      ),
    },
    ordersInWindow: risk.orderTimes.filter((at) => at > windowStart).length,
    breaches,
  };
}

async function exposuresOf(
  deps: OrderDependencies,
  account: Account,
  limitSet: RiskLimitSet,
  positionValues: ReadonlyMap<string, number>,
  equityCents: Cents,
): Promise<SymbolExposure[]> {
  const exposures: SymbolExposure[] = [];
  // By risk symbol: an option's exposure is its delta in its underlying (see accountValue).
  for (const [symbol, dollars] of positionValues) {
    const marketValueCents = Math.round(dollars * 100);
    const weight = equityCents > 0 ? Math.abs(marketValueCents) / equityCents : 0;
    const limit = effectiveLimits(limitSet, symbol).maxConcentration;
    exposures.push({
      symbol,
      sector: (await deps.instruments.get(symbol))?.sector ?? 'Unknown',
      quantity: account.positions[symbol]?.quantity ?? 0,
      marketValueCents,
      weight,
      concentrationLimit: limit,
      utilization: weight / limit,
    });
  }
  return exposures.sort((a, b) => b.weight - a.weight);
}

/** Historical (numpy percentile, empyrical CVaR) and parametric (zero-mean normal) 1-day VaR in dollars. */
function dollarVar(model: ReturnsModel, weights: readonly number[]): Omit<PortfolioVar, 'fullRevaluation'> {
  const { returns } = model;
  const n = weights.length;
  const { variance } = portfolioRisk(model, weights);
  const sigma = Math.sqrt(Math.max(0, variance));
  const pnl = n > 0 ? portfolioReturns(returns, weights) : new Float64Array(0); // dollars per day
  const loss = (value: number) => (Number.isFinite(value) ? Math.max(0, value) : 0);
  const sorted = sortedCopy(pnl); // once, for all four figures
  return {
    historical95: loss(historicalVaROfSorted(sorted, 0.95)),
    historical99: loss(historicalVaROfSorted(sorted, 0.99)),
    cvar95: loss(conditionalVaROfSorted(sorted, 0.95)),
    cvar99: loss(conditionalVaROfSorted(sorted, 0.99)),
    parametric95: Z95 * sigma,
    parametric99: Z99 * sigma,
    days: pnl.length,
  };
}
