import { api } from '../api';
import { fill, h, row, table } from '../dom';
import { money, pct, ratio } from '../format';

interface Backtest {
  id: string;
  status: string;
  error?: { message: string };
  runs: {
    version?: number;
    final_equity: number;
    performance: { total_return: number | null; sharpe: number | null; max_drawdown: number | null };
    trade_statistics: { trades: number };
  }[];
}

const POLL_MS = 1_000;

/**
 * A configuration's versions backtested side by side on the same data (the last 500 sessions of
 * its symbols): one backtest whose runs are the versions, shown version by version.
 */
export function versionComparison(detail: { id: string; type: string; symbols: string[] }): HTMLElement {
  const result = h('div', { class: 'version-comparison' });
  const button = h(
    'button',
    {
      type: 'button',
      onclick: async () => {
        button.setAttribute('disabled', '');
        fill(result, h('p', { class: 'muted', role: 'status' }, 'Backtesting every version…'));
        try {
          const queued = await api.post<Backtest>('/api/strategies/backtest', {
            type: detail.type,
            data: { symbols: detail.symbols, sessions: 500 },
            versions_of: { config_id: detail.id },
          });
          draw(result, await finished(queued.id));
        } catch (error) {
          fill(
            result,
            h('p', { class: 'form-status' }, error instanceof Error ? error.message : String(error)),
          );
        } finally {
          button.removeAttribute('disabled');
        }
      },
    },
    'Compare the versions (backtest, last 500 sessions)',
  );
  return h('div', {}, button, result);
}

async function finished(id: string): Promise<Backtest> {
  for (;;) {
    const backtest = await api.get<Backtest>(`/api/strategies/backtest/${id}`);
    if (backtest.status === 'completed') return backtest;
    if (backtest.status === 'failed' || backtest.status === 'canceled')
      throw new Error(backtest.error?.message ?? `The backtest ${backtest.status}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function draw(target: HTMLElement, backtest: Backtest): void {
  const runs = [...backtest.runs].sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
  const compared = table(
    ['Version', 'Total return', 'Sharpe', 'Max drawdown', 'Trades', 'Final equity'],
    runs.map((run) =>
      row(
        [
          `v${run.version ?? '?'}`,
          pct(run.performance.total_return),
          ratio(run.performance.sharpe),
          pct(run.performance.max_drawdown),
          String(run.trade_statistics.trades),
          money(run.final_equity),
        ],
        { 'data-version': String(run.version ?? '') },
      ),
    ),
    'No runs.',
  );
  compared.setAttribute('aria-label', 'Versions compared');
  fill(target, compared);
}
