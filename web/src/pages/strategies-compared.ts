import { api } from '../api';
import { correlationTable, fill, h, row, table } from '../dom';
import { money, pct, ratio, signedMoney } from '../format';

interface MemberRecord {
  total_pnl: number;
  mean_daily_pnl: number;
  daily_pnl_deviation: number;
  sharpe: number | null;
  max_drawdown: number;
  benchmark_correlation: number | null;
  benchmark_beta_per_percent: number | null;
}

interface StrategyAnalytics {
  benchmark: string;
  from: string;
  to: string;
  books: string[];
  correlation: number[][];
  records: (MemberRecord & { book: string })[];
  account: MemberRecord;
  benchmark_return: number;
  open_session: boolean;
  drawdown: {
    peak: string | null;
    trough: string | null;
    amount: number;
    contributions: { book: string; amount: number }[];
  };
}

/**
 * The strategies side by side over the last sessions: each one's record against the benchmark,
 * how their daily P&L moves together, and who made the worst drawdown.
 */
export function strategiesCompared(): HTMLElement {
  const body = h('div');
  const load = (sessions: string) =>
    void api
      .get<StrategyAnalytics>(`/api/analytics/strategies?sessions=${sessions}`)
      .then((analytics) => draw(body, analytics, sessions))
      .catch((error: unknown) => fill(body, h('p', { class: 'muted' }, String(error))));
  const window = h(
    'select',
    {
      'aria-label': 'Sessions compared',
      onchange: (event: Event) => load((event.target as HTMLSelectElement).value),
    },
    ...['20', '60', '120', '250'].map((n) =>
      h('option', n === '60' ? { value: n, selected: '' } : { value: n }, `last ${n} sessions`),
    ),
  );
  load('60');
  return h(
    'section',
    { 'aria-labelledby': 'compared-title' },
    h('div', { class: 'page-head' }, h('h2', { id: 'compared-title' }, 'Strategies compared'), window),
    body,
  );
}

function draw(target: HTMLElement, analytics: StrategyAnalytics, sessions: string): void {
  if (analytics.books.length === 0)
    return fill(
      target,
      h(
        'p',
        { class: 'empty' },
        `No trades in the last ${sessions} sessions (today’s marked to the latest quotes).`,
      ),
    );
  const recordRow = (name: string, record: MemberRecord) =>
    row([
      name,
      signedMoney(record.total_pnl),
      ratio(record.sharpe),
      money(record.max_drawdown),
      ratio(record.benchmark_correlation),
      record.benchmark_beta_per_percent === null ? '—' : signedMoney(record.benchmark_beta_per_percent),
    ]);
  const records = table(
    [
      'Strategy',
      'P&L',
      'Sharpe',
      'Max drawdown',
      `Corr. ${analytics.benchmark}`,
      `Per 1 % ${analytics.benchmark}`,
    ],
    [
      ...analytics.records.map((record) => recordRow(record.book, record)),
      recordRow('whole account', analytics.account),
    ],
    'No trades.',
  );
  records.setAttribute('aria-label', 'Strategies compared');
  const correlation = correlationTable(
    analytics.books,
    analytics.correlation,
    'Correlation of strategy P&L',
    'No trades.',
  );
  const { drawdown } = analytics;
  fill(
    target,
    h(
      'p',
      { class: 'muted' },
      `${analytics.from} to ${analytics.to}: daily P&L marked to the close${analytics.open_session ? ' (today to the latest quotes)' : ''}; ${analytics.benchmark} returned ${pct(analytics.benchmark_return)}.`,
    ),
    records,
    h('h3', {}, 'Correlation of daily P&L'),
    correlation,
    h('h3', {}, 'Worst drawdown, by strategy'),
    drawdown.trough === null
      ? h('p', { class: 'empty' }, 'No drawdown in the window.')
      : table(
          ['Strategy', `${drawdown.peak ?? analytics.from} → ${drawdown.trough}`],
          [
            ...drawdown.contributions.map((part) => row([part.book, signedMoney(part.amount)])),
            row(['whole account', signedMoney(drawdown.amount)]),
          ],
          'No drawdown.',
        ),
  );
}
