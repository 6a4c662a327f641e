import { api } from '../api';
import { fill, h, row, table } from '../dom';
import { time } from '../format';
import { LIVE_MS, poll } from '../live';
import type { ExecutionStatus, Strategies } from '../types';
import type { Page } from './page';
import { drawSessionPanel } from './session-panel';

/** The session control panel, saved configurations and the strategy types. */
export const strategiesPage: Page = (root) => {
  const session = h('div');
  const configs = h('div');
  const types = h('div', { class: 'cards' });
  fill(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Strategies'),
      h('a', { class: 'button primary', href: '#/strategies/new' }, 'New strategy'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'session-title' },
      h('h2', { id: 'session-title' }, 'Trading session'),
      session,
    ),
    h(
      'section',
      { 'aria-labelledby': 'configs-title' },
      h('h2', { id: 'configs-title' }, 'Saved configurations'),
      configs,
    ),
    h(
      'section',
      { 'aria-labelledby': 'types-title' },
      h('h2', { id: 'types-title' }, 'Strategy types'),
      types,
    ),
  );
  let typesDrawn = false;
  const refresh = async () => {
    const [strategies, status] = await Promise.all([
      api.get<Strategies>('/api/strategies'),
      api.get<ExecutionStatus>('/api/strategies/execution-status'),
    ]);
    // The start form keeps what the user ticked: redraw the panel only when there is a session to show.
    // Redraw the panel only when something in it changed, so a half-filled start form survives the poll.
    const live = status.session?.state !== undefined && status.session.state !== 'stopped';
    const key = JSON.stringify(
      live ? status : [status.session?.state, strategies.configurations.map((c) => c.id)],
    );
    if (session.dataset.key !== key) {
      session.dataset.key = key;
      drawSessionPanel(session, status, strategies.configurations, refresh);
    }
    fill(
      configs,
      table(
        ['Name', 'Type', 'Version', 'Symbols', 'Created'],
        strategies.configurations.map((config) =>
          row(
            [
              h('a', { href: `#/strategies/${config.id}` }, config.name),
              config.type,
              `v${config.version}`,
              config.symbols.join(', '),
              time(config.created_at),
            ],
            { 'data-config': config.id, class: config.archived ? 'archived' : undefined },
          ),
        ),
        'No saved configurations yet.',
      ),
    );
    if (!typesDrawn) {
      typesDrawn = true;
      fill(
        types,
        ...strategies.types.map((type) =>
          h(
            'article',
            { class: 'card' },
            h('h3', {}, type.name),
            h('p', {}, type.description),
            h('p', { class: 'muted' }, `${type.asset_class} · best in ${type.regime}`),
            h('a', { href: `#/strategies/new/${type.type}` }, 'Configure'),
          ),
        ),
      );
    }
  };
  return poll(refresh, LIVE_MS);
};
