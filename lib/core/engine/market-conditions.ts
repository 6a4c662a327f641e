import { deviation, mean } from '../analytics/return-statistics';
import type { OptionChain } from '../options';
import type { Bar } from '../strategies/strategy';
import { STRATEGY_TEMPLATES } from '../strategies/templates';

export type TrendRegime = 'uptrend' | 'downtrend' | 'range';

/** One symbol of the watchlist before the open. */
export interface SymbolConditions {
  symbol: string;
  previousClose: number;
  /** The latest price before the open. */
  price: number;
  /** Overnight gap: price / previous close − 1. */
  gap: number;
  /** Annualised close-to-close volatility over the last 20 sessions. */
  realizedVolatility: number;
  /** At-the-money implied volatility of the nearest listed expiry, when options are listed. */
  impliedVolatility: number | null;
  /** 20-session average against 50-session average, and where the close sits. */
  trend: TrendRegime;
  /** The last session's volume against its 20-session average. */
  relativeVolume: number;
}

export interface Recommendation {
  templateId: string;
  type: string;
  reason: string;
}

export interface MarketConditionsReport {
  date: string;
  generatedAt: string;
  symbols: SymbolConditions[];
  summary: {
    regime: TrendRegime;
    averageRealizedVolatility: number;
    averageImpliedVolatility: number | null;
    largestGap: { symbol: string; gap: number } | null;
  };
  recommendations: Recommendation[];
}

const TRADING_DAYS = 252;

/** Conditions of one symbol from its daily bars (oldest first, ≥ 2), the price now and its ATM IV. */
export function assessSymbol(
  symbol: string,
  bars: readonly Bar[],
  price: number,
  impliedVolatility: number | null,
): SymbolConditions {
  const closes = bars.map((bar) => bar.close);
  const previousClose = closes.at(-1) ?? price;
  const recent = closes.slice(-21);
  const logReturns = recent.slice(1).map((close, i) => Math.log(close / recent[i]!));
  const realizedVolatility = logReturns.length > 1 ? deviation(logReturns) * Math.sqrt(TRADING_DAYS) : 0;
  const short = mean(closes.slice(-20));
  const long = mean(closes.slice(-50));
  const trend: TrendRegime =
    short > long * 1.01 && previousClose > short
      ? 'uptrend'
      : short < long * 0.99 && previousClose < short
        ? 'downtrend'
        : 'range';
  const volumes = bars.slice(-20).map((bar) => bar.volume);
  const averageVolume = mean(volumes);
  return {
    symbol,
    previousClose,
    price,
    gap: price / previousClose - 1,
    realizedVolatility,
    impliedVolatility,
    trend,
    relativeVolume: averageVolume > 0 ? (bars.at(-1)?.volume ?? 0) / averageVolume : 1,
  };
}

/**
 * The day's report: the watchlist's conditions, an overall regime (the majority of symbols'),
 * and templates that suit it — trend followers in a trend, mean reversion in a range; for an
 * options template, premium selling when its own underlying's implied volatility is rich to
 * that underlying's realised, a long straddle when it is cheap (an underlying not on the
 * watchlist has no figures, so no recommendation).
 */
export function marketConditionsReport(
  date: string,
  generatedAt: Date,
  symbols: SymbolConditions[],
): MarketConditionsReport {
  const counts = { uptrend: 0, downtrend: 0, range: 0 };
  for (const symbol of symbols) counts[symbol.trend]++;
  const regime =
    (Object.entries(counts) as [TrendRegime, number][]).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'range';
  const implied = symbols.flatMap((s) => (s.impliedVolatility === null ? [] : [s.impliedVolatility]));
  const averageRealizedVolatility = symbols.length ? mean(symbols.map((s) => s.realizedVolatility)) : 0;
  const averageImpliedVolatility = implied.length ? mean(implied) : null;
  const largest = [...symbols].sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap))[0];
  return {
    date,
    generatedAt: generatedAt.toISOString(),
    symbols,
    summary: {
      regime,
      averageRealizedVolatility,
      averageImpliedVolatility,
      largestGap: largest ? { symbol: largest.symbol, gap: largest.gap } : null,
    },
    recommendations: [...recommendByRegime(regime), ...recommendByVolatility(symbols)],
  };
}

function recommendByRegime(regime: TrendRegime): Recommendation[] {
  const wanted: { type: string; reason: string }[] =
    regime === 'range'
      ? [
          {
            type: 'rsi_mean_reversion',
            reason: 'most of the watchlist is range-bound: fade short-term extremes',
          },
        ]
      : [
          { type: 'ma_crossover', reason: `most of the watchlist is in a ${regime}: follow it` },
          { type: 'momentum_rotation', reason: `a ${regime} rewards relative strength` },
        ];
  return wanted.flatMap(({ type, reason }) =>
    STRATEGY_TEMPLATES.filter((template) => template.type === type).map((template) => ({
      templateId: template.templateId,
      type,
      reason,
    })),
  );
}

/** Options templates, each judged on its own underlying's implied against realised volatility. */
function recommendByVolatility(symbols: readonly SymbolConditions[]): Recommendation[] {
  const bySymbol = new Map(symbols.map((conditions) => [conditions.symbol, conditions]));
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  return STRATEGY_TEMPLATES.flatMap((template) => {
    const underlying = template.parameters.underlying;
    const conditions = typeof underlying === 'string' ? bySymbol.get(underlying) : undefined;
    if (!conditions || conditions.impliedVolatility === null || !(conditions.realizedVolatility > 0))
      return [];
    const { impliedVolatility: implied, realizedVolatility: realized } = conditions;
    const figures = `${underlying}'s implied volatility ${percent(implied)} is`;
    if (template.type === 'iron_condor' && implied > realized * 1.15) {
      return [
        {
          templateId: template.templateId,
          type: template.type,
          reason: `${figures} rich to its realised ${percent(realized)}: sell premium with defined risk`,
        },
      ];
    }
    if (template.type === 'atm_straddle' && implied < realized * 0.9) {
      return [
        {
          templateId: template.templateId,
          type: template.type,
          reason: `${figures} cheap to its realised ${percent(realized)}: buy movement`,
        },
      ];
    }
    return [];
  });
}

/** A week, in years: expiries closer than this are dominated by noise and skipped for the ATM reading. */
const MIN_EXPIRY_YEARS = 7 / 365;

/** The implied volatility of the call struck nearest the spot, in the nearest expiry at least a week out. */
export function atmImpliedVolatility(chain: OptionChain): number | null {
  const expiry = chain.expiries.find((e) => e.timeToExpiry >= MIN_EXPIRY_YEARS) ?? chain.expiries.at(-1);
  if (!expiry || expiry.calls.length === 0) return null;
  let nearest = expiry.calls[0]!;
  for (const call of expiry.calls) {
    if (Math.abs(call.contract.strike - chain.spot) < Math.abs(nearest.contract.strike - chain.spot))
      nearest = call;
  }
  return nearest.impliedVolatility;
}
