import { DateTime } from 'luxon';
import { DomainError } from '../../core/errors';
import { NEW_YORK } from '../../core/market/nyse-calendar';
import type { RiskAlert } from '../../core/risk/alerts';
import {
  type LivePerformance,
  livePerformance,
  type PerformanceDependencies,
} from '../performance/live-performance';
import type { AlertStore } from '../ports/risk-alerts';
import type { OrderRepository } from '../ports/order-repository';
import { listAllOrders } from '../orders/list-orders';
import {
  type AggregateExecutionMetrics,
  aggregateExecutionMetrics,
} from '../../core/execution/execution-metrics';

export type ReportPeriod = 'daily' | 'monthly';

/** What a performance report shows: the period's live performance against the benchmark, and its alerts. */
export interface PerformanceReport {
  accountId: string;
  period: ReportPeriod;
  /** The day (YYYY-MM-DD) or month (YYYY-MM) reported. */
  label: string;
  /** The span the figures cover (New York dates): a month, or a day with its trailing month. */
  from: string;
  to: string;
  benchmark: string;
  generatedAt: string;
  live: LivePerformance;
  alerts: RiskAlert[];
  /** The orders placed in the day or month reported: fill rate, slippage against arrival, shortfall, commission. */
  execution: AggregateExecutionMetrics;
  /** The highest share of each limit the risk monitor's alerts recorded in the period. */
  limitsUsed: { limit: string; utilization: number; level: RiskAlert['level'] }[];
}

/** Alerts read for a report: the newest this many, then those of the period. */
const ALERTS_READ = 500;

/**
 * A daily or monthly performance report: equity, returns against the benchmark, the metrics,
 * each strategy's record, the trades' statistics, and the period's risk alerts. A daily report
 * covers its day within the trailing month (one day has no return to measure alone).
 */
export async function performanceReport(
  deps: PerformanceDependencies & { alerts: AlertStore; orders: OrderRepository },
  accountId: string,
  request: { period: ReportPeriod; date?: string; benchmark?: string },
): Promise<PerformanceReport> {
  const today = DateTime.fromJSDate(deps.clock.now(), { zone: NEW_YORK });
  const { label, from, to } = spanOf(request.period, request.date ?? today.toISODate()!);
  const benchmark = request.benchmark ?? 'SPY';
  const live = await livePerformance(deps, accountId, { from, to, benchmark });
  const alerts = (await deps.alerts.list(accountId, { limit: ALERTS_READ })).filter((alert) => {
    const day = DateTime.fromISO(alert.at, { zone: NEW_YORK }).toISODate()!;
    return day >= (request.period === 'daily' ? to : from) && day <= to;
  });
  const first = request.period === 'daily' ? to : from;
  const orders = await listAllOrders(deps.orders, accountId, {
    from: DateTime.fromISO(first, { zone: NEW_YORK }).startOf('day').toUTC().toISO()!,
    to: DateTime.fromISO(to, { zone: NEW_YORK }).endOf('day').toUTC().toISO()!,
  });
  return {
    accountId,
    period: request.period,
    label,
    from,
    to,
    benchmark,
    generatedAt: deps.clock.now().toISOString(),
    live,
    alerts,
    // Parents and simple orders: a TWAP's slices are its parent's.
    execution: aggregateExecutionMetrics(orders.filter((order) => !order.parentId)),
    limitsUsed: limitsUsed(alerts),
  };
}

function limitsUsed(alerts: readonly RiskAlert[]): PerformanceReport['limitsUsed'] {
  const highest = new Map<string, PerformanceReport['limitsUsed'][number]>();
  for (const alert of alerts) {
    if (!alert.limit || alert.utilization === undefined) continue;
    const seen = highest.get(alert.limit);
    if (!seen || alert.utilization > seen.utilization)
      highest.set(alert.limit, { limit: alert.limit, utilization: alert.utilization, level: alert.level });
  }
  return [...highest.values()].sort((a, b) => b.utilization - a.utilization);
}

function spanOf(period: ReportPeriod, date: string): { label: string; from: string; to: string } {
  const pattern = period === 'monthly' ? /^\d{4}-\d{2}(-\d{2})?$/ : /^\d{4}-\d{2}-\d{2}$/;
  const day = DateTime.fromISO(period === 'monthly' && date.length === 7 ? `${date}-01` : date, {
    zone: NEW_YORK,
  });
  if (!pattern.test(date) || !day.isValid) {
    throw new DomainError(
      'REPORT_DATE_INVALID',
      `${date} is not a ${period === 'monthly' ? 'month' : 'day'}`,
      'invalid',
      [
        {
          field: 'date',
          in: 'query',
          problem: period === 'monthly' ? 'must be YYYY-MM' : 'must be YYYY-MM-DD',
        },
      ],
    );
  }
  if (period === 'monthly') {
    return {
      label: day.toFormat('yyyy-MM'),
      from: day.startOf('month').toISODate()!,
      to: day.endOf('month').toISODate()!,
    };
  }
  return { label: day.toISODate()!, from: day.minus({ months: 1 }).toISODate()!, to: day.toISODate()! };
}
