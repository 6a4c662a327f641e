import { api } from '../api';
import { fill, h, row, table } from '../dom';
import { showError } from '../forms';
import { pct, signedMoney, time } from '../format';
import type { StrategyDetail } from '../types';
import type { Page } from './page';
import { versionComparison } from './version-comparison';

/** One configuration: its parameters, its versions (each with the note of what changed) and how it has traded. */
export const strategyDetailPage: Page = (root, params) => {
  const id = params[0] ?? '';
  fill(root, h('h1', {}, 'Strategy'), h('p', { class: 'muted' }, 'Loading…'));
  void api
    .get<StrategyDetail>(`/api/strategies/${encodeURIComponent(id)}`)
    .then((detail) => {
      fill(
        root,
        h(
          'div',
          { class: 'page-head' },
          h('h1', {}, detail.name),
          h('a', { class: 'button', href: '#/strategies' }, 'All strategies'),
        ),
        h(
          'p',
          { class: 'muted', 'data-config-id': detail.id },
          `${detail.type} · v${detail.version} · ${detail.symbols.join(', ')}${detail.archived ? ' · archived' : ''}`,
        ),
        h('h2', {}, 'Parameters'),
        h(
          'dl',
          { class: 'review' },
          ...Object.entries(detail.parameters).flatMap(([key, value]) => [
            h('dt', {}, key),
            h('dd', {}, JSON.stringify(value)),
          ]),
        ),
        h('h2', {}, 'Performance'),
        detail.performance
          ? h(
              'p',
              {},
              `Realized ${signedMoney(detail.performance.realized_pnl)} over ${detail.performance.trades} trades, ${pct(detail.performance.win_rate)} won`,
            )
          : h('p', { class: 'empty' }, 'Not traded yet.'),
        h('h2', {}, 'Versions'),
        table(
          ['Version', 'Created', 'By', 'Note', 'Parameters'],
          detail.versions.map((version) =>
            row([
              `v${version.version}`,
              time(version.created_at),
              version.created_by,
              version.note,
              JSON.stringify(version.parameters),
            ]),
          ),
          'No versions.',
        ),
        detail.versions.length > 1 ? versionComparison(detail) : '',
      );
    })
    .catch((error: unknown) => {
      fill(root, h('h1', {}, 'Strategy'), h('p', { class: 'form-status' }));
      showError(root, error);
    });
};
