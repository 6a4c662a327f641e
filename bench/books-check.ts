/**
 * The invariants a stress run ends with, read over the API only (what a trader can check):
 * the ledger sums to cash; opening cash + realised P&L = cash + cost basis held; nothing is
 * reserved once no order works; no order is both filled and cancelled; no client order id twice;
 * every parent's fills are its children's, never more than its quantity.
 */
export interface BooksCheck {
  orders: number;
  /** Orders still working after the run settled, and their kinds (execution/status). */
  working: number;
  workingSummary: string;
  /** Child orders of TWAPs and icebergs, checked through their parents. */
  slices: number;
  ledgerEntries: number;
  problems: string[];
}

interface OrderDto {
  id: string;
  client_order_id: string;
  parent_id: string | null;
  quantity: number;
  status: string;
  filled_quantity: number;
  execution: string;
  status_history: { status: string }[];
  children?: OrderDto[];
}

const cents = (dollars: number) => Math.round(dollars * 100);

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function checkBooks(
  url: string,
  openingCash: number,
  headers: Record<string, string> = {},
): Promise<BooksCheck> {
  const problems: string[] = [];
  const orders: OrderDto[] = [];
  for (let cursor: string | null = null, page = 0; page < 10_000; page++) {
    const query: string = cursor ? `?limit=500&cursor=${encodeURIComponent(cursor)}` : '?limit=500';
    const body: { orders: OrderDto[]; next_cursor: string | null } = await getJson(
      `${url}/api/orders${query}`,
      headers,
    );
    orders.push(...body.orders);
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  let ledgerCents = 0;
  let ledgerEntries = 0;
  for (let after: number | null = 0, page = 0; after !== null && page < 10_000; page++) {
    const body: { entries: { amount: number }[]; next_after: number | null } = await getJson(
      `${url}/api/portfolio/ledger?limit=500&after=${after}`,
      headers,
    );
    for (const entry of body.entries) ledgerCents += cents(entry.amount);
    ledgerEntries += body.entries.length;
    after = body.next_after;
  }
  const portfolio = await getJson<{
    cash: number;
    buying_power: number;
    realized_pl: number;
    positions: { symbol: string; cost_basis: number }[];
  }>(`${url}/api/portfolio`, headers);
  if (ledgerCents !== cents(portfolio.cash))
    problems.push(`ledger sums to ${ledgerCents / 100}, cash is ${portfolio.cash}`);
  const basis = portfolio.positions.reduce((sum, position) => sum + cents(position.cost_basis), 0);
  if (cents(openingCash) + cents(portfolio.realized_pl) !== cents(portfolio.cash) + basis)
    problems.push(
      `opening ${openingCash} + realised ${portfolio.realized_pl} ≠ cash ${portfolio.cash} + basis ${basis / 100}`,
    );
  const working = orders.filter((order) =>
    ['new', 'accepted', 'partially_filled', 'pending_cancel'].includes(order.status),
  );
  if (working.length === 0 && cents(portfolio.buying_power) !== cents(portfolio.cash))
    problems.push(`nothing works but ${portfolio.cash - portfolio.buying_power} is still reserved`);
  if (portfolio.buying_power < 0) problems.push(`negative buying power ${portfolio.buying_power}`);
  const seen = new Set<string>();
  for (const order of orders) {
    const statuses = new Set(order.status_history.map((change) => change.status));
    if (statuses.has('filled') && statuses.has('canceled'))
      problems.push(`${order.id} both filled and canceled`);
    if (seen.has(order.client_order_id)) problems.push(`client order id ${order.client_order_id} twice`);
    seen.add(order.client_order_id);
    if (order.filled_quantity > order.quantity) problems.push(`${order.id} overfilled`);
  }
  // TWAP and iceberg parents: their fills are exactly their slices', never more than ordered.
  let slices = 0;
  for (const parent of orders.filter(
    (order) => order.execution === 'twap' || order.execution === 'iceberg',
  )) {
    const detail = await getJson<OrderDto>(`${url}/api/orders/${encodeURIComponent(parent.id)}`, headers);
    const children = detail.children ?? [];
    slices += children.length;
    const filled = children.reduce((sum, child) => sum + child.filled_quantity, 0);
    if (filled !== detail.filled_quantity)
      problems.push(`${parent.id}: slices filled ${filled}, parent says ${detail.filled_quantity}`);
    for (const child of children) {
      if (seen.has(child.client_order_id)) problems.push(`slice id ${child.client_order_id} twice`);
      seen.add(child.client_order_id);
    }
  }
  return {
    orders: orders.length,
    working: working.length,
    workingSummary: [...new Set(working.map((order) => `${order.execution}/${order.status}`))].join(', '),
    slices,
    ledgerEntries,
    problems,
  };
}
