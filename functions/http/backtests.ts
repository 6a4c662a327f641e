import { versionCandidates } from '../../lib/app/backtest/version-candidates';
import { apiFunction } from '../../lib/api/api-function';
import { toSnakeJson } from '../../lib/api/dto/snake-case';
import { accepted, ok } from '../../lib/api/responses';
import { submitBacktest } from '../../lib/app/backtest/run-backtest';
import type { BacktestRun } from '../../lib/app/ports/backtest-store';
import { DomainError, NotFoundError } from '../../lib/core/errors';
import { parseCommissionModel } from '../../lib/core/execution/commission';
import { sizingOf } from '../../lib/core/risk/sizing-model';
import { backtestDependencies, dependencies } from '../shared/dependencies';

export const handler = apiFunction<'backtests'>({
  'POST /api/strategies/backtest': async ({ principal, body }) => {
    let commission;
    try {
      commission = parseCommissionModel(body.commission);
    } catch (error) {
      throw new DomainError('COMMISSION_INVALID', (error as Error).message, 'invalid', [
        { field: 'commission', in: 'body', problem: (error as Error).message },
      ]);
    }
    const versions = body.versions_of
      ? await versionCandidates(dependencies().strategies, principal.accountId, {
          configId: body.versions_of.config_id,
          ...(body.versions_of.versions ? { versions: body.versions_of.versions } : {}),
        })
      : undefined;
    if (versions && versions.type !== body.type)
      throw new DomainError(
        'TYPE_MISMATCH',
        `${body.versions_of!.config_id} is a ${versions.type} configuration`,
        'invalid',
        [{ field: 'type', in: 'body', problem: `must be ${versions.type}, the configuration's type` }],
      );
    const run = await submitBacktest(backtestDependencies(), principal.accountId, principal.subject, {
      type: body.type,
      parameters: body.parameters,
      ...(versions ? { candidates: versions.candidates } : {}),
      data: body.data,
      capital: body.capital,
      commission,
      slippageBps: body.slippage_bps,
      sizing: sizingOf(body),
      ...(body.sweep ? { sweep: body.sweep } : {}),
      ...(body.search ? { search: body.search } : {}),
      rankBy: body.rank_by === 'total_return' ? 'totalReturn' : body.rank_by,
      ...(body.walk_forward
        ? {
            walkForward: {
              mode: body.walk_forward.mode,
              inSampleBars: body.walk_forward.in_sample,
              outOfSampleBars: body.walk_forward.out_of_sample,
            },
          }
        : {}),
    });
    return accepted(toBacktestDto(run), `/api/strategies/backtest/${run.backtestId}`);
  },
  'GET /api/strategies/backtest/{id}': async ({ principal, params, query }) => {
    const run = await backtestDependencies().backtests.get(principal.accountId, params.id, {
      offset: query.offset ?? 0,
      limit: query.limit ?? 100,
    });
    if (!run) throw new NotFoundError(`backtest ${params.id}`);
    return ok(toBacktestDto(run));
  },
  'POST /api/strategies/backtest/{id}/cancel': async ({ principal, params }) => {
    const deps = backtestDependencies();
    const before = await deps.backtests.getHeader(principal.accountId, params.id);
    if (!before) throw new NotFoundError(`backtest ${params.id}`);
    if (before.status !== 'queued' && before.status !== 'running') {
      throw new DomainError(
        'BACKTEST_ENDED',
        `The backtest has already ended (${before.status})`,
        'conflict',
      );
    }
    const run = await deps.backtests.cancel(principal.accountId, params.id, deps.clock.now().toISOString());
    return ok(toBacktestDto(run!));
  },
  'GET /api/datasets': async () => {
    const store = await backtestDependencies().datasets!();
    const manifests = await store.list();
    return ok({
      datasets: manifests
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((manifest) => ({
          name: manifest.name,
          timeframe: manifest.timeframe,
          adjustment: manifest.adjustment,
          source: manifest.source,
          from: manifest.from,
          to: manifest.to,
          status: manifest.status,
          // Tickers stay keys as they are (not snake-cased).
          symbols: Object.fromEntries(
            Object.entries(manifest.symbols).map(([symbol, data]) => [
              symbol,
              { bars: data.bars, gaps: data.gaps ?? null },
            ]),
          ),
          updated_at: manifest.updatedAt,
        })),
    });
  },
  'GET /api/strategies/backtest/{id}/runs/{rank}': async ({ principal, params }) => {
    const run = await backtestDependencies().backtests.getRun(principal.accountId, params.id, params.rank);
    if (!run) throw new NotFoundError(`run ${params.rank} of backtest ${params.id}`);
    const { moments: _moments, ...shown } = run;
    return ok(toSnakeJson(shown) as Record<string, unknown>);
  },
});

function toBacktestDto(run: BacktestRun) {
  return {
    id: run.backtestId,
    status: run.status,
    created_at: run.createdAt,
    created_by: run.createdBy,
    started_at: run.startedAt ?? null,
    finished_at: run.finishedAt ?? null,
    dataset: run.dataset ?? null,
    walk_forward: run.walkForward
      ? {
          ...(toSnakeJson({ ...run.walkForward, windows: [] }) as Record<string, unknown>),
          // Parameters keep their own names (already snake_case): only the window's keys change.
          windows: run.walkForward.windows.map((window) => ({
            in_sample: window.inSample,
            out_of_sample: window.outOfSample,
            parameters: window.parameters,
            in_sample_score: window.inSampleScore,
            out_of_sample_score: window.outOfSampleScore,
            out_of_sample_return: window.outOfSampleReturn,
          })),
          metric: run.walkForward.metric === 'totalReturn' ? 'total_return' : run.walkForward.metric,
        }
      : null,
    progress: run.progress ?? null,
    run_count: run.runCount ?? run.runs.length,
    skipped: run.skipped ?? null,
    error: run.error ? { code: run.error.code, message: run.error.message } : null,
    request: toSnakeJson(run.request) as Record<string, unknown>,
    // The moments are the runner's (for the deflated Sharpe at the end), not the trader's.
    runs: toSnakeJson(run.runs.map(({ moments: _moments, ...row }) => row)) as Record<string, unknown>[],
  };
}
