import { api } from '../api';
import { fill, h, notify, row, table } from '../dom';
import { showError } from '../forms';
import { number, pct, signedMoney, time, tone } from '../format';
import type { ExecutionStatus, StrategyConfig } from '../types';

/**
 * The trading session: start it with chosen configurations and allocations; pause, resume and
 * stop it; pause or resume one strategy; cancel one strategy's orders. Redrawn on every poll.
 */
export function drawSessionPanel(
  target: HTMLElement,
  status: ExecutionStatus,
  configurations: readonly StrategyConfig[],
  refresh: () => Promise<void>,
): void {
  const session = status.session;
  const live = session && session.state !== 'stopped';
  fill(
    target,
    h(
      'p',
      {},
      'Session: ',
      h(
        'span',
        { class: `state ${session?.state ?? 'none'}`, 'data-session-state': session?.state ?? 'none' },
        session?.state ?? 'not started',
      ),
      session?.last_cycle
        ? h(
            'span',
            { class: 'muted' },
            ` · last cycle ${time(session.last_cycle.at)}: ${session.last_cycle.duration_ms} ms, ${session.last_cycle.signals} signals, ${session.last_cycle.orders} orders, ${session.last_cycle.errors.length} errors · ${session.cycles} cycles`,
          )
        : null,
    ),
    live ? sessionButtons(target, session.state, refresh) : startForm(configurations, refresh),
    live ? strategyTable(target, status, refresh) : null,
  );
}

async function act(
  target: HTMLElement,
  path: string,
  body: unknown,
  done: string,
  refresh: () => Promise<void>,
) {
  try {
    await api.post(path, body);
    notify(done);
    await refresh();
  } catch (error) {
    showError(target, error);
  }
}

function sessionButtons(target: HTMLElement, state: string, refresh: () => Promise<void>): HTMLElement {
  const closePositions = h('input', { type: 'checkbox', name: 'close_positions', checked: true });
  return h(
    'div',
    { class: 'actions' },
    state === 'paused'
      ? h(
          'button',
          {
            class: 'primary',
            onclick: () => act(target, '/api/strategies/resume', {}, 'Session resumed', refresh),
          },
          'Resume session',
        )
      : h(
          'button',
          { onclick: () => act(target, '/api/strategies/pause', {}, 'Session paused', refresh) },
          'Pause session',
        ),
    h('label', { class: 'check' }, closePositions, ' close positions on stop'),
    h(
      'button',
      {
        class: 'danger',
        onclick: () =>
          act(
            target,
            '/api/strategies/stop-execution',
            { close_positions: closePositions.checked },
            'Session stopped',
            refresh,
          ),
      },
      'Stop session',
    ),
    h('p', { class: 'form-status', role: 'status' }),
  );
}

function startForm(configurations: readonly StrategyConfig[], refresh: () => Promise<void>): HTMLElement {
  const usable = configurations.filter((config) => !config.archived);
  if (usable.length === 0)
    return h('p', { class: 'empty' }, 'Create a strategy first, then start a session with it.');
  const form = h(
    'form',
    { class: 'start-form' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Strategies to run'),
      ...usable.map((config) =>
        h(
          'div',
          { class: 'start-row', 'data-config': config.id },
          h(
            'label',
            { class: 'check' },
            h('input', { type: 'checkbox', name: 'run', value: config.id }),
            ` ${config.name} `,
            h('small', { class: 'muted' }, `${config.type} · ${config.symbols.join(', ')}`),
          ),
          h(
            'label',
            {},
            'Allocation ',
            h('input', {
              type: 'number',
              name: `allocation:${config.id}`,
              min: 0.01,
              max: 1,
              step: 0.01,
              placeholder: 'even',
              size: 5,
              'aria-label': `Allocation for ${config.name}`,
            }),
          ),
        ),
      ),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'close_on_stop', checked: true }),
      ' close positions when the session stops',
    ),
    h('p', { class: 'form-status', role: 'status' }),
    h('button', { type: 'submit', class: 'primary' }, 'Start session'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = [...form.querySelectorAll<HTMLInputElement>('input[name=run]:checked')].map((box) => {
      const allocation = (form.elements.namedItem(`allocation:${box.value}`) as HTMLInputElement).value;
      return { config_id: box.value, ...(allocation ? { allocation: Number(allocation) } : {}) };
    });
    const closeOnStop = (form.elements.namedItem('close_on_stop') as HTMLInputElement).checked;
    void act(
      form,
      '/api/strategies/start-execution',
      { strategies: chosen, close_on_stop: closeOnStop },
      'Session started',
      refresh,
    );
  });
  return form;
}

function strategyTable(
  target: HTMLElement,
  status: ExecutionStatus,
  refresh: () => Promise<void>,
): HTMLElement {
  const rows = status.strategies.map((strategy) =>
    row(
      [
        h('th', { scope: 'row' }, strategy.name),
        h(
          'span',
          { class: `state ${strategy.state}`, 'data-strategy-state': strategy.state },
          strategy.state,
        ),
        pct(strategy.allocation),
        strategy.positions.map((position) => `${position.symbol} ${number(position.quantity)}`).join(', ') ||
          '—',
        number(strategy.open_orders),
        h(
          'span',
          { class: tone(strategy.performance?.realized_pnl) },
          signedMoney(strategy.performance?.realized_pnl ?? 0),
        ),
        strategy.performance
          ? `${strategy.performance.trades} trades, ${pct(strategy.performance.win_rate)} won`
          : '—',
        h(
          'div',
          { class: 'actions' },
          strategy.state === 'paused'
            ? h(
                'button',
                {
                  class: 'small',
                  onclick: () =>
                    act(
                      target,
                      '/api/strategies/resume',
                      { config_id: strategy.config_id },
                      `${strategy.name} resumed`,
                      refresh,
                    ),
                },
                'Resume',
              )
            : h(
                'button',
                {
                  class: 'small',
                  onclick: () =>
                    act(
                      target,
                      '/api/strategies/pause',
                      { config_id: strategy.config_id },
                      `${strategy.name} paused`,
                      refresh,
                    ),
                },
                'Pause',
              ),
          h(
            'button',
            {
              class: 'small',
              onclick: () =>
                act(
                  target,
                  `/api/strategies/${encodeURIComponent(strategy.config_id)}/cancel-orders`,
                  {},
                  `${strategy.name}: open orders canceled`,
                  refresh,
                ),
            },
            'Cancel orders',
          ),
        ),
      ],
      { 'data-config': strategy.config_id },
    ),
  );
  return table(
    ['Strategy', 'State', 'Allocation', 'Positions', 'Open orders', 'Realized P&L', 'Record', ''],
    rows,
    'No strategies in the session.',
  );
}
