import { correlationMatrix } from './portfolio-analytics';
import { deviation, mean } from './return-statistics';

/** The book's worst fall over the window, and what each member's P&L did to it. */
export interface DrawdownContribution {
  /** Index of the day the fall started from (−1: the window's start) and of its lowest day. */
  peak: number;
  trough: number;
  /** Cents, ≤ 0: the cumulative P&L's largest fall from a running peak. */
  drawdownCents: number;
  /** Cents per member from the day after the peak to the trough; they add up to `drawdownCents`. */
  contributions: number[];
}

/** `pnl[member][day]` in cents; the book's P&L is their sum. */
export function drawdownContributions(pnl: readonly (readonly number[])[]): DrawdownContribution {
  const days = pnl[0]?.length ?? 0;
  let cumulative = 0;
  let peakValue = 0;
  let peakAt = -1;
  let worst = { peak: -1, trough: -1, drawdownCents: 0 };
  for (let t = 0; t < days; t++) {
    cumulative += pnl.reduce((sum, member) => sum + member[t]!, 0);
    if (cumulative > peakValue) {
      peakValue = cumulative;
      peakAt = t;
    } else if (cumulative - peakValue < worst.drawdownCents) {
      worst = { peak: peakAt, trough: t, drawdownCents: cumulative - peakValue };
    }
  }
  const contributions = pnl.map((member) =>
    worst.trough < 0
      ? 0
      : member.slice(worst.peak + 1, worst.trough + 1).reduce((sum, cents) => sum + cents, 0),
  );
  return { ...worst, contributions };
}

/** One member's record over the window, comparable across members of any size. */
export interface MemberRecord {
  totalCents: number;
  /** Mean and standard deviation of the daily P&L, cents. */
  meanCents: number;
  deviationCents: number;
  /** Annualised (252 days) mean over deviation of the daily P&L; null when it does not vary. */
  sharpe: number | null;
  /** Cents, ≤ 0: its own cumulative P&L's largest fall. */
  maxDrawdownCents: number;
  /** Correlation of its daily P&L with the benchmark's daily return; null without one. */
  benchmarkCorrelation: number | null;
  /** Cents it makes per 1 % of the benchmark (regression slope / 100); null without one. */
  benchmarkBetaCentsPerPercent: number | null;
}

export function memberRecord(daily: readonly number[], benchmark: readonly number[] | null): MemberRecord {
  const sd = daily.length > 1 ? deviation(daily) : 0;
  const average = daily.length > 0 ? mean(daily) : 0;
  let beta: number | null = null;
  let correlation: number | null = null;
  // A member that did not move has no correlation to speak of (and no beta).
  if (benchmark && benchmark.length === daily.length && daily.length > 2 && sd > 0) {
    const matrix = correlationMatrix([daily, benchmark]);
    correlation = matrix[0]![1]!;
    const benchmarkSd = deviation(benchmark);
    beta = benchmarkSd === 0 ? null : (correlation * sd) / benchmarkSd / 100;
  }
  return {
    totalCents: daily.reduce((sum, cents) => sum + cents, 0),
    meanCents: average,
    deviationCents: sd,
    sharpe: sd > 0 ? (average / sd) * Math.sqrt(252) : null,
    maxDrawdownCents: drawdownContributions([daily]).drawdownCents,
    benchmarkCorrelation: correlation,
    benchmarkBetaCentsPerPercent: beta,
  };
}
