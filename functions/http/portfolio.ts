import { parseReportKey } from '../../lib/app/ports/report-archive';
import { NotFoundError } from '../../lib/core/errors';
import { strategyAnalytics } from '../../lib/app/performance/strategy-analytics';
import { strategyAnalyticsDto } from '../../lib/api/dto/strategy-analytics-dto';
import { apiFunction } from '../../lib/api/api-function';
import { toLedgerDto, toPortfolioDto } from '../../lib/api/dto/portfolio-dto';
import { toSnakeJson } from '../../lib/api/dto/snake-case';
import { ok } from '../../lib/api/responses';
import { performanceReport } from '../../lib/app/reports/performance-report';
import { performanceReportHtml } from '../../lib/app/reports/performance-report-html';
import { ensurePaperAccount, getPortfolio } from '../../lib/app/use-cases/get-portfolio';
import { livePerformance } from '../../lib/app/performance/live-performance';
import { dependencies } from '../shared/dependencies';

export const handler = apiFunction<'portfolio'>({
  'GET /api/performance': async ({ principal, query }) => {
    const deps = dependencies();
    const result = await livePerformance(performanceDependencies(deps), principal.accountId, {
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.strategy_id ? { strategyId: query.strategy_id } : {}),
      ...(query.benchmark ? { benchmark: query.benchmark } : {}),
    });
    return ok({
      equity: result.days.map((day) => ({ date: day.date, equity: day.equityCents / 100 })),
      performance: result.performance && (toSnakeJson(result.performance) as Record<string, unknown>),
      trades: toSnakeJson(result.trades) as Record<string, unknown>,
      strategies: result.strategies.map((s) => ({
        strategy_id: s.strategyId,
        realized_pnl: s.realizedPnlCents / 100,
        trades: s.trades,
        wins: s.wins,
        win_rate: s.winRate,
      })),
    });
  },
  'GET /api/reports/performance': async ({ principal, query }) => {
    const deps = dependencies();
    const report = await performanceReport(
      { ...performanceDependencies(deps), alerts: deps.alerts, orders: deps.orders },
      principal.accountId,
      {
        period: query.period,
        ...(query.date ? { date: query.date } : {}),
        ...(query.benchmark ? { benchmark: query.benchmark } : {}),
      },
    );
    return ok({
      period: report.period,
      label: report.label,
      from: report.from,
      to: report.to,
      generated_at: report.generatedAt,
      html: performanceReportHtml(report),
    });
  },
  'GET /api/reports': async ({ principal }) => {
    const deps = dependencies();
    const archive = await deps.reportArchive();
    const kept = await archive.list(`${principal.accountId}/`);
    return ok({
      reports: kept.flatMap((report) => {
        const parts = parseReportKey(report.key);
        return parts
          ? [
              {
                key: report.key,
                period: parts.period,
                label: parts.label,
                format: parts.format,
                bytes: report.bytes,
                stored_at: report.storedAt,
              },
            ]
          : [];
      }),
    });
  },
  'GET /api/reports/file': async ({ principal, query }) => {
    const deps = dependencies();
    const archive = await deps.reportArchive();
    // Another account's key is as unknown as one never kept.
    const body = query.key.startsWith(`${principal.accountId}/`) ? await archive.get(query.key) : null;
    if (!body) throw new NotFoundError(`Report ${query.key}`);
    return ok({
      key: query.key,
      content_type: parseReportKey(query.key)!.format === 'pdf' ? 'application/pdf' : 'text/html',
      bytes: body.byteLength,
      base64: Buffer.from(body).toString('base64'),
    });
  },
  'GET /api/analytics/strategies': async ({ principal, query }) => {
    const deps = dependencies();
    const result = await strategyAnalytics(
      { ...performanceDependencies(deps), quotes: deps.marketData },
      principal.accountId,
      {
        sessions: query.sessions ?? 60,
        benchmark: query.benchmark ?? 'SPY',
      },
    );
    return ok(strategyAnalyticsDto(result));
  },
  'GET /api/portfolio': async ({ principal }) => {
    const deps = dependencies();
    return ok(toPortfolioDto(await getPortfolio(deps, principal.accountId), deps.clock.now()));
  },
  'GET /api/portfolio/ledger': async ({ principal, query }) => {
    const deps = dependencies();
    await ensurePaperAccount(deps, principal.accountId);
    const limit = query.limit ?? 100;
    const entries = await deps.accounts.listLedger(principal.accountId, {
      afterSequence: query.after,
      limit,
    });
    return ok(toLedgerDto(entries, limit));
  },
});

/** What live performance reads: the ledger, the daily equity, the benchmark's history, the clock. */
function performanceDependencies(deps: ReturnType<typeof dependencies>) {
  return {
    accounts: deps.accounts,
    equitySnapshots: deps.equitySnapshots,
    history: deps.marketData,
    clock: deps.clock,
  };
}
