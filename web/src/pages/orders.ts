import { api, query } from '../api';
import { field, fill, h, row, table } from '../dom';
import { numberOf, showDone, showError, valueOf } from '../forms';
import { money, number, pct, ratio, time } from '../format';
import { LIVE_MS, poll } from '../live';
import type { ExecutionMetrics, Order, OrderList, OrderSummary } from '../types';
import type { Page } from './page';

const OPEN = new Set(['new', 'accepted', 'partially_filled', 'pending_cancel']);

/** Place an order, watch the blotter update, open one order's slices and fills. */
export const ordersPage: Page = (root, params) => {
  const detail = h('section', { class: 'order-detail', 'aria-live': 'polite' });
  const blotter = h('div');
  const quality = h('div', { class: 'execution-quality' });
  const filters = blotterFilters();
  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Orders')),
    h(
      'div',
      { class: 'columns wide-right' },
      h(
        'section',
        { 'aria-labelledby': 'place-title' },
        h('h2', { id: 'place-title' }, 'Place an order'),
        orderForm(),
      ),
      h(
        'section',
        { 'aria-labelledby': 'blotter-title' },
        h('h2', { id: 'blotter-title' }, 'Blotter'),
        filters.form,
        blotter,
      ),
    ),
    detail,
    h(
      'section',
      { 'aria-labelledby': 'quality-title' },
      h('h2', { id: 'quality-title' }, 'Execution quality'),
      quality,
    ),
  );
  const selected = params[0];
  const refresh = async () => {
    const list = await api.get<OrderList>(
      `/api/orders${query({ limit: 50, status: filters.status(), symbol: filters.symbol() })}`,
    );
    drawBlotter(blotter, list.orders, selected);
    drawQuality(quality, await api.get<ExecutionMetrics>('/api/orders/metrics'));
    if (selected)
      drawDetail(detail, await api.get<Order>(`/api/orders/${encodeURIComponent(selected)}`), refresh);
  };
  filters.form.addEventListener('change', () => void refresh().catch(() => undefined));
  return poll(refresh, LIVE_MS);
};

function blotterFilters() {
  const status = h(
    'select',
    { name: 'status', 'aria-label': 'Status filter' },
    ...['', 'new', 'accepted', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired'].map((value) =>
      h('option', { value }, value === '' ? 'All statuses' : value.replace('_', ' ')),
    ),
  );
  const symbol = h('input', {
    name: 'symbol',
    placeholder: 'Symbol',
    'aria-label': 'Symbol filter',
    size: 8,
  });
  const form = h(
    'form',
    { class: 'filters', onsubmit: (event: Event) => event.preventDefault() },
    status,
    symbol,
  );
  return { form, status: () => status.value, symbol: () => symbol.value.trim().toUpperCase() };
}

function orderForm(): HTMLFormElement {
  const select = (name: string, options: string[], initial?: string) =>
    h(
      'select',
      { name },
      ...options.map((value) => h('option', { value, selected: value === initial }, value)),
    );
  const limitOnly = h(
    'div',
    { class: 'when-limit', hidden: true },
    field('Limit price', h('input', { name: 'price', type: 'number', step: 'any', min: 0 })),
  );
  const stopOnly = h(
    'div',
    { class: 'when-stop', hidden: true },
    field(
      'Stop price',
      h('input', { name: 'stop_price', type: 'number', step: 'any', min: 0 }),
      'A sell stop below the market, a buy stop above; it triggers on a trade at or through it',
    ),
  );
  const trailOnly = h(
    'div',
    { class: 'grid when-trailing', hidden: true },
    field('Trail ($)', h('input', { name: 'trail_price', type: 'number', step: 'any', min: 0 })),
    field(
      'Trail (%)',
      h('input', { name: 'trail_percent', type: 'number', step: 'any', min: 0 }),
      'One of the two: how far the stop follows the best price',
    ),
  );
  const exitsOnly = h(
    'div',
    { class: 'grid when-exits', hidden: true },
    field(
      'Take-profit limit',
      h('input', { name: 'take_profit.limit_price', type: 'number', step: 'any', min: 0 }),
    ),
    field(
      'Stop-loss stop',
      h('input', { name: 'stop_loss.stop_price', type: 'number', step: 'any', min: 0 }),
    ),
    field(
      'Stop-loss limit',
      h('input', { name: 'stop_loss.limit_price', type: 'number', step: 'any', min: 0 }),
      'Optional: a stop-limit exit',
    ),
  );
  const twapOnly = h(
    'div',
    { class: 'when-twap', hidden: true },
    field(
      'TWAP duration (seconds)',
      h('input', { name: 'twap.duration_seconds', type: 'number', step: 1, min: 1 }),
    ),
    field('TWAP slices', h('input', { name: 'twap.slices', type: 'number', step: 1, min: 1 })),
  );
  const icebergOnly = h(
    'div',
    { class: 'when-iceberg', hidden: true },
    field(
      'Display quantity',
      h('input', { name: 'iceberg.display_quantity', type: 'number', step: 1, min: 1 }),
    ),
  );
  const legRow = (index: number) =>
    h(
      'div',
      { class: 'grid leg', 'data-leg': String(index) },
      field(
        `Leg ${index + 1} contract`,
        h('input', {
          name: `legs.${index}.symbol`,
          autocomplete: 'off',
          placeholder: index === 0 ? 'SPY261218P00580000' : '',
        }),
      ),
      field(`Leg ${index + 1} side`, select(`legs.${index}.side`, ['buy', 'sell'])),
      field(
        `Leg ${index + 1} ratio`,
        h('input', { name: `legs.${index}.ratio`, type: 'number', step: 1, min: 1, value: 1 }),
      ),
    );
  const spreadOnly = h(
    'div',
    { class: 'when-spread', hidden: true },
    h(
      'p',
      { class: 'muted' },
      'All legs fill together or not at all; the limit is the net per share (a credit negative). Options trade day orders in the regular session.',
    ),
    ...[0, 1, 2, 3].map(legRow),
  );
  const singleOnly = h(
    'div',
    { class: 'grid when-single' },
    field(
      'Symbol',
      h('input', {
        name: 'symbol',
        required: true,
        autocomplete: 'off',
        placeholder: 'AAPL or SPY261218C00600000',
      }),
      'A ticker, or an option contract (OCC symbol)',
    ),
    field('Side', select('side', ['buy', 'sell'])),
  );
  const form = h(
    'form',
    { class: 'order-form', novalidate: true },
    field(
      'Order class',
      select('order_class', ['simple', 'spread', 'bracket', 'oto', 'oco']),
      'bracket: an entry with a take-profit and a stop-loss; oco: both exits for shares held',
    ),
    singleOnly,
    spreadOnly,
    h(
      'div',
      { class: 'grid' },
      field('Quantity', h('input', { name: 'quantity', type: 'number', step: 1, min: 1, required: true })),
      field('Type', select('order_type', ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'])),
      field('Time in force', select('time_in_force', ['day', 'gtc', 'ioc', 'fok'])),
      field(
        'Execution',
        select('execution', ['auto', 'immediate', 'twap', 'iceberg']),
        'auto: the lowest expected cost (spread, impact, fees, timing)',
      ),
      field(
        'Max slippage (bps)',
        h('input', { name: 'max_slippage_bps', type: 'number', step: 'any', min: 0 }),
        'Protective limit vs the arrival price',
      ),
    ),
    limitOnly,
    stopOnly,
    trailOnly,
    exitsOnly,
    twapOnly,
    icebergOnly,
    h('p', { class: 'form-status', role: 'status' }),
    h('button', { type: 'submit', class: 'primary' }, 'Place order'),
  );
  const sync = () => {
    const spread = valueOf(form, 'order_class') === 'spread';
    spreadOnly.hidden = !spread;
    singleOnly.hidden = spread;
    const type = valueOf(form, 'order_type');
    limitOnly.hidden = type !== 'limit' && type !== 'stop_limit';
    stopOnly.hidden = type !== 'stop' && type !== 'stop_limit';
    trailOnly.hidden = type !== 'trailing_stop';
    exitsOnly.hidden = !['bracket', 'oto', 'oco'].includes(valueOf(form, 'order_class'));
    twapOnly.hidden = valueOf(form, 'execution') !== 'twap';
    icebergOnly.hidden = valueOf(form, 'execution') !== 'iceberg';
  };
  form.addEventListener('change', sync);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const spread = valueOf(form, 'order_class') === 'spread';
    const legs = [0, 1, 2, 3]
      .map((index) => ({
        symbol: valueOf(form, `legs.${index}.symbol`).toUpperCase(),
        side: valueOf(form, `legs.${index}.side`),
        ratio: numberOf(form, `legs.${index}.ratio`) ?? 1,
      }))
      .filter((leg) => leg.symbol !== '');
    const body: Record<string, unknown> = {
      ...(spread
        ? { order_class: 'mleg', legs }
        : { symbol: valueOf(form, 'symbol').toUpperCase(), side: valueOf(form, 'side') }),
      quantity: numberOf(form, 'quantity'),
      order_type: valueOf(form, 'order_type'),
      time_in_force: valueOf(form, 'time_in_force'),
      execution: valueOf(form, 'execution'),
      max_slippage_bps: numberOf(form, 'max_slippage_bps'),
    };
    if (body.order_type === 'limit' || body.order_type === 'stop_limit') body.price = numberOf(form, 'price');
    if (body.order_type === 'stop' || body.order_type === 'stop_limit')
      body.stop_price = numberOf(form, 'stop_price');
    if (body.order_type === 'trailing_stop') {
      body.trail_price = numberOf(form, 'trail_price');
      body.trail_percent = numberOf(form, 'trail_percent');
    }
    const orderClass = valueOf(form, 'order_class');
    if (['bracket', 'oto', 'oco'].includes(orderClass)) {
      body.order_class = orderClass;
      const takeProfit = numberOf(form, 'take_profit.limit_price');
      const stop = numberOf(form, 'stop_loss.stop_price');
      const stopLimit = numberOf(form, 'stop_loss.limit_price');
      if (takeProfit !== undefined) body.take_profit = { limit_price: takeProfit };
      if (stop !== undefined)
        body.stop_loss = { stop_price: stop, ...(stopLimit === undefined ? {} : { limit_price: stopLimit }) };
    }
    if (body.execution === 'twap') {
      const twap = {
        duration_seconds: numberOf(form, 'twap.duration_seconds'),
        slices: numberOf(form, 'twap.slices'),
      };
      if (twap.duration_seconds !== undefined || twap.slices !== undefined) body.twap = twap;
    }
    if (body.execution === 'iceberg' && numberOf(form, 'iceberg.display_quantity') !== undefined)
      body.iceberg = { display_quantity: numberOf(form, 'iceberg.display_quantity') };
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    api
      .post<Order>('/api/orders', body)
      .then((order) => {
        showDone(
          form,
          `Order ${order.id} ${order.status}: ${order.side} ${number(order.quantity)} ${symbolText(order)} (${order.execution})`,
        );
        location.hash = `#/orders/${order.id}`;
      })
      .catch((error: unknown) => showError(form, error))
      .finally(() => {
        button.disabled = false;
      });
  });
  return form;
}

/**
 * How an order works, as the blotter shows it: its mode, and a stop's trigger (a trailing stop's
 * high-water mark), an exit pair's prices and which fired, a bracket's link between entry and exits.
 */
function workedText(order: OrderSummary): string {
  const parts: string[] = [
    order.order_type === 'market' || order.order_type === 'limit'
      ? order.execution
      : order.order_type.replace('_', ' '),
  ];
  if (order.stop_price !== null)
    parts.push(`stop ${money(order.stop_price)}${order.triggered_at ? ' (triggered)' : ''}`);
  if (order.hwm !== null) parts.push(`hwm ${money(order.hwm)}`);
  if (order.order_class === 'oco') {
    const exits = [
      order.take_profit ? `tp ${money(order.take_profit.limit_price)}` : null,
      order.stop_loss ? `sl ${money(order.stop_loss.stop_price)}` : null,
    ]
      .filter(Boolean)
      .join(' / ');
    parts.push(`oco ${exits}${order.exit_leg ? ` → ${order.exit_leg.replace('_', ' ')}` : ''}`);
  }
  if (order.exit_order_id) parts.push(`${order.order_class} → exits ${order.exit_order_id.slice(0, 8)}…`);
  if (order.entry_order_id) parts.push(`↳ exits of ${order.entry_order_id.slice(0, 8)}…`);
  return parts.join(' · ');
}

/** The symbol as the blotter shows it: a spread as its underlying and legs. */
function symbolText(order: OrderSummary): string {
  return order.legs ? `${order.symbol} spread (${order.legs.length} legs)` : order.symbol;
}

/** A fill's legs in one line: `buy 1 SPY…C00600000 @ $2.95; sell 2 …`. */
function legsText(legs: Order['fills'][number]['legs']): string {
  return legs
    ? legs.map((leg) => `${leg.side} ${number(leg.quantity)} ${leg.symbol} @ ${money(leg.price)}`).join('; ')
    : '—';
}

const bps = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)} bps`);

/** The order's shortfall and where it was paid. */
function shortfallText(shortfall: Order['metrics']['shortfall']): string {
  if (!shortfall) return '—';
  const parts =
    shortfall.spread_bps === null
      ? `fees ${bps(shortfall.fees_bps)}`
      : `spread ${bps(shortfall.spread_bps)}, impact ${bps(shortfall.impact_bps)}, timing ${bps(shortfall.timing_bps)}, fees ${bps(shortfall.fees_bps)}`;
  const delay = shortfall.delay_bps === null ? '' : `; delay from the decision ${bps(shortfall.delay_bps)}`;
  return `${bps(shortfall.total_bps)} (${parts})${delay}`;
}

/** What the chosen way of working it was expected to cost, and the cheapest alternative. */
function expectedText(order: Order): string {
  const chosen = order.cost_estimates.find((estimate) => estimate.mode === order.execution);
  if (!chosen) return '—';
  const others = order.cost_estimates
    .filter((estimate) => estimate !== chosen)
    .map((estimate) => `${estimate.mode} ${bps(estimate.expected_bps)}`)
    .join(', ');
  const schedule =
    chosen.mode === 'twap'
      ? ` over ${chosen.duration_seconds} s in ${chosen.children} slices${
          chosen.participation === null ? '' : `, ${pct(chosen.participation)} of volume`
        }`
      : '';
  return `${bps(chosen.expected_bps)} as ${chosen.mode}${schedule}${others ? ` (${others})` : ''}`;
}

/** Implementation shortfall over the account's orders, by how they were worked and by size. */
function drawQuality(target: HTMLElement, metrics: ExecutionMetrics): void {
  const groups = [
    ...Object.entries(metrics.shortfall.by_execution).map(([mode, group]) => [mode, group] as const),
    ...Object.entries(metrics.shortfall.by_size).map(
      ([size, group]) => [`${size} of daily volume`, group] as const,
    ),
  ];
  fill(
    target,
    table(
      ['Group', 'Orders', 'Shortfall', 'Spread', 'Impact', 'Timing', 'Fees', 'Delay'],
      groups.map(([label, group]) =>
        row([
          label,
          number(group.orders),
          bps(group.average_bps),
          bps(group.spread_bps),
          bps(group.impact_bps),
          bps(group.timing_bps),
          bps(group.fees_bps),
          bps(group.delay_bps),
        ]),
      ),
      'No filled orders yet.',
    ),
  );
}

function drawBlotter(
  target: HTMLElement,
  orders: readonly OrderSummary[],
  selected: string | undefined,
): void {
  const rows = orders.map((order) =>
    row(
      [
        time(order.created_at),
        h('a', { href: `#/orders/${order.id}` }, symbolText(order)),
        order.side,
        number(order.quantity),
        number(order.filled_quantity),
        money(order.filled_avg_price),
        h('span', { class: `status ${order.status}` }, order.status.replace('_', ' ')),
        h('span', { class: 'worked' }, workedText(order)),
      ],
      { 'data-order-id': order.id, class: order.id === selected ? 'selected' : undefined },
    ),
  );
  fill(
    target,
    table(
      ['Time', 'Symbol', 'Side', 'Qty', 'Filled', 'Avg price', 'Status', 'Execution'],
      rows,
      'No orders yet.',
    ),
  );
}

function drawDetail(target: HTMLElement, order: Order, refresh: () => Promise<void>): void {
  const cancel = OPEN.has(order.status)
    ? h(
        'button',
        {
          class: 'danger',
          onclick: async (event: Event) => {
            (event.currentTarget as HTMLButtonElement).disabled = true;
            try {
              await api.delete(`/api/orders/${encodeURIComponent(order.id)}`);
              showDone(target, `Cancel requested for ${order.id}`);
              await refresh();
            } catch (error) {
              showError(target, error);
            }
          },
        },
        'Cancel order',
      )
    : null;
  const metrics = order.metrics;
  fill(
    target,
    h('div', { class: 'page-head' }, h('h2', {}, `Order ${order.id}`), cancel),
    h('p', { class: 'form-status', role: 'status' }),
    h(
      'dl',
      { class: 'figures small' },
      ...(
        [
          ['Status', order.status],
          [
            'Order',
            `${order.side} ${number(order.quantity)} ${symbolText(order)} ${order.order_type}${order.limit_price !== null ? ` @ ${money(order.limit_price)}${order.legs ? ' net' : ''}` : ''}`,
          ],
          ['Execution', workedText(order)],
          ['Filled', `${number(order.filled_quantity)} (${pct(metrics.fill_rate)})`],
          ['Avg price', money(order.filled_avg_price)],
          ['Arrival price', money(order.arrival_price)],
          ['Slippage', metrics.slippage_bps === null ? '—' : `${ratio(metrics.slippage_bps)} bps`],
          ['Commission', money(order.commission)],
          ['Shortfall', shortfallText(metrics.shortfall)],
          ['Expected', expectedText(order)],
        ] as [string, string][]
      ).map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value))),
    ),
    ...(order.legs
      ? [
          h('h3', {}, 'Legs'),
          table(
            ['Contract', 'Side', 'Ratio', 'Intent', 'Filled', 'Avg price'],
            order.legs.map((leg) =>
              row(
                [
                  leg.symbol,
                  leg.side,
                  number(leg.ratio),
                  leg.position_intent.replaceAll('_', ' '),
                  number(leg.filled_quantity),
                  money(leg.filled_avg_price),
                ],
                { 'data-leg': leg.symbol },
              ),
            ),
            'No legs.',
          ),
        ]
      : []),
    h('h3', {}, 'Child orders'),
    table(
      ['Slice', 'Qty', 'Limit', 'Filled', 'Avg price', 'Status'],
      order.children.map((child) =>
        row([
          child.id,
          number(child.quantity),
          money(child.limit_price),
          number(child.filled_quantity),
          money(child.filled_avg_price),
          child.status,
        ]),
      ),
      'No child orders.',
    ),
    h('h3', {}, 'Fills'),
    table(
      ['Time', 'Qty', 'Price', 'Commission', 'Legs'],
      order.fills.map((fillItem) =>
        row([
          time(fillItem.at),
          number(fillItem.quantity),
          money(fillItem.price),
          money(fillItem.commission),
          legsText(fillItem.legs),
        ]),
      ),
      'No fills yet.',
    ),
    h('h3', {}, 'History'),
    h(
      'ol',
      { class: 'history' },
      ...order.status_history.map((step) =>
        h('li', {}, h('strong', {}, step.status), ` ${time(step.at)} — ${step.reason}`),
      ),
    ),
  );
}
