import { api } from '../api';
import { confirmDialog } from '../dialog';
import { correlationTable, field, fill, h, notify, row, table } from '../dom';
import { money, number, pct, signedMoney, time, tone } from '../format';
import { LIVE_MS, poll } from '../live';
import type { EmergencyStop, Portfolio, RiskOverview } from '../types';
import type { Page } from './page';
import { reportsPanel } from './reports-panel';
import { strategiesCompared } from './strategies-compared';

/** Equity, cash, positions with live P&L, the risk state, alerts, and the emergency stop. */
export const dashboardPage: Page = (root) => {
  const figures = h('dl', { class: 'figures', 'aria-label': 'Account figures' });
  const positions = h('div');
  const risk = h('div');
  const alerts = h('div');
  const book = h('div');
  const controls = h('div', { class: 'stop-controls' });
  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Dashboard'), controls),
    figures,
    h(
      'section',
      { 'aria-labelledby': 'positions-title' },
      h('h2', { id: 'positions-title' }, 'Positions'),
      positions,
    ),
    h(
      'div',
      { class: 'columns' },
      h('section', { 'aria-labelledby': 'risk-title' }, h('h2', { id: 'risk-title' }, 'Risk'), risk),
      h(
        'section',
        { 'aria-labelledby': 'alerts-title' },
        h('h2', { id: 'alerts-title' }, 'Latest alerts'),
        alerts,
      ),
    ),
    h('section', { 'aria-labelledby': 'book-title' }, h('h2', { id: 'book-title' }, 'The book'), book),
    strategiesCompared(),
    reportsPanel(),
  );

  let lastState = '';
  const refresh = async () => {
    const [portfolio, overview] = await Promise.all([
      api.get<Portfolio>('/api/portfolio'),
      api.get<RiskOverview>('/api/risk'),
    ]);
    drawFigures(figures, portfolio, overview);
    drawPositions(positions, portfolio, refresh);
    drawRisk(risk, overview);
    drawAlerts(alerts, overview);
    drawBook(book, overview);
    if (overview.trading_state !== lastState) {
      lastState = overview.trading_state;
      drawStopControls(controls, overview, refresh);
    }
  };
  return poll(refresh, LIVE_MS);
};

function drawFigures(target: HTMLElement, portfolio: Portfolio, overview: RiskOverview): void {
  const items: [string, string, string][] = [
    ['Equity', money(portfolio.equity), ''],
    ['Cash', money(portfolio.cash), ''],
    ['Buying power', money(portfolio.buying_power), ''],
    ['Day P&L', signedMoney(overview.daily_pnl.pnl), tone(overview.daily_pnl.pnl)],
    ['Unrealized P&L', signedMoney(portfolio.unrealized_pl), tone(portfolio.unrealized_pl)],
    ['Realized P&L', signedMoney(portfolio.realized_pl), tone(portfolio.realized_pl)],
  ];
  fill(
    target,
    ...items.map(([label, value, klass]) =>
      h('div', { 'data-figure': label }, h('dt', {}, label), h('dd', { class: klass }, value)),
    ),
  );
}

/** A position's greeks in one line: delta in shares, and for options gamma, vega a point, theta a day. */
function greeksText(position: Portfolio['positions'][number]): string {
  const greeks = position.greeks;
  if (!greeks) return '—';
  if (position.asset_class === 'us_equity') return `Δ ${number(greeks.delta_shares)}`;
  return `Δ ${greeks.delta_shares.toFixed(1)} · Γ ${greeks.gamma_shares.toFixed(2)} · vega ${signedMoney(greeks.vega_per_point)}/pt · θ ${signedMoney(greeks.theta_per_day)}/day`;
}

/** An option's contract as a trader reads it: SPY 600 call 2026-12-18. */
function contractText(position: Portfolio['positions'][number]): string | null {
  const contract = position.contract;
  return contract
    ? `${contract.underlying} ${contract.strike} ${contract.type} ${contract.expiration}`
    : null;
}

function drawPositions(target: HTMLElement, portfolio: Portfolio, refresh: () => Promise<void>): void {
  const rows = portfolio.positions.map((position) =>
    row(
      [
        h(
          'th',
          { scope: 'row' },
          position.symbol,
          ...(contractText(position) ? [h('div', { class: 'muted small' }, contractText(position))] : []),
        ),
        number(position.quantity),
        money(position.avg_entry_price),
        money(position.market_price),
        money(position.market_value),
        h(
          'span',
          { class: tone(position.unrealized_pl) },
          `${signedMoney(position.unrealized_pl)} (${pct(position.unrealized_plpc)})`,
        ),
        h('span', { class: 'greeks' }, greeksText(position)),
        h(
          'button',
          {
            class: 'small',
            'aria-label': `Close ${position.symbol}`,
            onclick: () => closePosition(position.symbol, position.quantity, refresh),
          },
          'Close',
        ),
      ],
      { 'data-symbol': position.symbol },
    ),
  );
  fill(
    target,
    table(
      ['Symbol', 'Quantity', 'Avg price', 'Last', 'Market value', 'Unrealized P&L', 'Greeks', ''],
      rows,
      'No positions.',
    ),
    ...optionBook(portfolio),
  );
}

/** The spreads each strategy holds, and the book's greeks by underlying (when it holds options). */
function optionBook(portfolio: Portfolio): HTMLElement[] {
  if (!portfolio.positions.some((position) => position.asset_class === 'us_option')) return [];
  return [
    h('h3', {}, 'Spreads'),
    table(
      ['Strategy', 'Underlying', 'Expiration', 'Legs', 'Cost', 'Value', 'Unrealized P&L'],
      portfolio.option_strategies.map((spread) =>
        row(
          [
            spread.strategy_id,
            spread.underlying,
            spread.expiration,
            spread.legs
              .map((leg) => `${leg.quantity > 0 ? '+' : ''}${leg.quantity} ${leg.symbol}`)
              .join(', '),
            money(spread.cost_basis),
            money(spread.market_value),
            h('span', { class: tone(spread.unrealized_pl) }, signedMoney(spread.unrealized_pl)),
          ],
          { 'data-spread': spread.strategy_id },
        ),
      ),
      'No strategy holds a spread.',
    ),
    h('h3', {}, 'Greeks by underlying'),
    table(
      [
        'Underlying',
        'Delta (shares)',
        'Delta ($)',
        'Gamma (shares per $1)',
        'Vega ($ per point)',
        'Theta ($ per day)',
        'Delta hedge (not sent)',
      ],
      portfolio.greeks.by_underlying.map((greeks) =>
        row(
          [
            greeks.underlying,
            greeks.delta_shares.toFixed(1),
            signedMoney(greeks.delta_dollars),
            greeks.gamma_shares.toFixed(2),
            signedMoney(greeks.vega_per_point),
            signedMoney(greeks.theta_per_day),
            greeks.delta_hedge ? `${greeks.delta_hedge.side} ${greeks.delta_hedge.quantity}` : '—',
          ],
          { 'data-underlying': greeks.underlying },
        ),
      ),
      'No greeks.',
    ),
  ];
}

function closePosition(symbol: string, quantity: number, refresh: () => Promise<void>): void {
  const amount = h('input', {
    name: 'quantity',
    type: 'number',
    min: 1,
    max: Math.abs(quantity),
    step: 1,
    value: Math.abs(quantity),
  });
  confirmDialog({
    title: `Close ${symbol}`,
    body: [
      h('p', {}, 'A closing market order goes through risk and execution like any order.'),
      field('Quantity', amount, `Up to ${number(Math.abs(quantity))} held`),
    ],
    confirm: 'Close position',
    onConfirm: async () => {
      const result = await api.post<{ realized_pnl: number | null }>(
        `/api/positions/${encodeURIComponent(symbol)}/close`,
        { quantity: Number(amount.value) },
      );
      notify(
        result.realized_pnl === null
          ? `Closing order for ${symbol} sent`
          : `${symbol} closed: realized ${signedMoney(result.realized_pnl)}`,
      );
      await refresh();
    },
  });
}

function meter(label: string, utilization: number, detail: string): HTMLElement {
  const level = utilization >= 1 ? 'breach' : utilization >= 0.8 ? 'warn' : 'ok';
  return h(
    'div',
    { class: 'meter' },
    h('div', { class: 'meter-label' }, h('span', {}, label), h('span', {}, detail)),
    h('progress', {
      max: 1,
      value: Math.min(Math.max(utilization, 0), 1),
      class: level,
      'aria-label': `${label}: ${pct(utilization)} of limit`,
    }),
  );
}

function drawRisk(target: HTMLElement, overview: RiskOverview): void {
  const concentration = overview.exposure.by_symbol.reduce((max, item) => Math.max(max, item.utilization), 0);
  fill(
    target,
    h(
      'p',
      {},
      h(
        'span',
        {
          class: `state ${overview.trading_state.toLowerCase()}`,
          'data-trading-state': overview.trading_state,
        },
        overview.trading_state,
      ),
      ' ',
      h(
        'span',
        { class: 'muted' },
        `${overview.reason} · ${time(overview.changed_at)} by ${overview.changed_by}`,
      ),
    ),
    meter(
      'Daily loss',
      overview.daily_pnl.utilization,
      `${signedMoney(overview.daily_pnl.pnl)} of −${money(overview.daily_pnl.loss_limit)}`,
    ),
    meter(
      'VaR (95 %, 1 day)',
      overview.var.utilization,
      `${money(overview.var.historical.var_95)} of ${money(overview.var.limit)}`,
    ),
    meter('Largest concentration', concentration, pct(concentration)),
    meter(
      'Order rate',
      overview.order_rate.limit ? overview.order_rate.in_window / overview.order_rate.limit : 0,
      `${overview.order_rate.in_window} / ${overview.order_rate.limit} per ${overview.order_rate.window_seconds} s`,
    ),
    meter(
      'Losing streak',
      overview.losing_streak.limit ? overview.losing_streak.account / overview.losing_streak.limit : 0,
      `${overview.losing_streak.account} of ${overview.losing_streak.limit}`,
    ),
    h(
      'p',
      { class: 'muted' },
      `Historical VaR 99 %: ${money(overview.var.historical.var_99)}, CVaR 99 %: ${money(overview.var.historical.cvar_99)}`,
    ),
  );
}

/** How the holdings move together, and who carries the VaR. */
function drawBook(target: HTMLElement, overview: RiskOverview): void {
  const { book } = overview;
  if (book.symbols.length === 0) return fill(target, h('p', { class: 'empty' }, 'Nothing held.'));
  const correlation = correlationTable(
    book.symbols,
    book.correlation,
    'Correlation of daily returns',
    'Nothing held.',
  );
  const strategies = book.by_strategy.map((part) =>
    row([part.strategy_id ?? 'no strategy', money(part.component_var_95)]),
  );
  fill(
    target,
    h(
      'p',
      {},
      `Parametric VaR 95 %: ${money(book.var_95)}; diversification ratio ${book.diversification_ratio.toFixed(2)} (1 when everything moves as one).`,
    ),
    h('h3', {}, 'Correlation of daily returns'),
    correlation,
    h('h3', {}, 'Who carries the VaR'),
    table(
      ['Symbol', 'Component VaR 95 %', 'Marginal per $1'],
      book.by_symbol.map((part) =>
        row([part.symbol, money(part.component_var_95), part.marginal_var_95.toFixed(4)]),
      ),
      'Nothing held.',
    ),
    table(['Strategy', 'Component VaR 95 %'], strategies, 'No strategy holds anything.'),
    book.beta
      ? h(
          'p',
          { class: 'hedge' },
          `Beta to ${book.beta.benchmark}: ${money(book.beta.dollars)} per 100 % move.` +
            (book.beta.hedge
              ? ` To neutralise it: ${book.beta.hedge.side} ${book.beta.hedge.quantity} ${book.beta.benchmark} — a suggestion; nothing is sent.`
              : ''),
        )
      : null,
  );
}

function drawAlerts(target: HTMLElement, overview: RiskOverview): void {
  if (overview.recent_alerts.length === 0) return fill(target, h('p', { class: 'empty' }, 'No alerts.'));
  fill(
    target,
    h(
      'ul',
      { class: 'alerts' },
      ...overview.recent_alerts
        .slice(0, 8)
        .map((alert) =>
          h(
            'li',
            { class: alert.level },
            h('strong', {}, alert.level),
            ' ',
            alert.message,
            h('small', {}, ` ${time(alert.at)}`),
          ),
        ),
    ),
  );
}

function drawStopControls(target: HTMLElement, overview: RiskOverview, refresh: () => Promise<void>): void {
  const reason = () => h('textarea', { name: 'reason', required: true, maxlength: 500, rows: 2 });
  const stop = h(
    'button',
    {
      class: 'danger big',
      onclick: () => {
        const flatten = h('input', { type: 'checkbox', name: 'flatten' });
        confirmDialog({
          title: 'Emergency stop',
          body: [
            h(
              'p',
              {},
              'Halts all trading: new orders are rejected, open orders are canceled, TWAPs and icebergs stop, the session pauses.',
            ),
            field('Reason', reason(), 'Kept in the audit log'),
            h('label', { class: 'check' }, flatten, ' Also close every position at market'),
          ],
          confirm: 'Stop all trading',
          danger: true,
          onConfirm: async (form) => {
            const result = await api.post<EmergencyStop>('/api/risk/emergency-stop', {
              reason: (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim(),
              ...(flatten.checked ? { flatten: true } : {}),
            });
            const venue = result.venue_cancels;
            const refused = venue.results.filter((entry) => !entry.accepted).length;
            notify(
              `Trading ${result.trading_state}: ${result.orders_canceled.length} orders canceled; ` +
                (venue.error
                  ? `the broker's mass cancel failed (${venue.error}) — check the broker`
                  : `the broker canceled ${venue.results.length - refused} more${refused ? `, ${refused} refused` : ''}`),
              venue.error || refused ? 'error' : 'ok',
            );
            await refresh();
          },
        });
      },
    },
    'Emergency stop',
  );
  const reset = h(
    'button',
    {
      class: 'secondary',
      onclick: () =>
        confirmDialog({
          title: 'Reset trading',
          body: [
            h(
              'p',
              {},
              'Returns trading to ACTIVE (admins only). A paused session stays paused until you resume it.',
            ),
            field('Reason', reason()),
          ],
          confirm: 'Reset to ACTIVE',
          onConfirm: async (form) => {
            await api.post('/api/risk/emergency-stop/reset', {
              reason: (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim(),
            });
            notify('Trading is ACTIVE again');
            await refresh();
          },
        }),
    },
    'Reset',
  );
  fill(target, overview.trading_state === 'ACTIVE' ? null : reset, stop);
}
