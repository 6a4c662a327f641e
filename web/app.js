// A first page: platform health and the portfolio. The full UI (orders, strategies, backtests) builds on it.
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

async function refresh() {
  const badge = document.getElementById('health');
  try {
    const health = await getJson('/api/health');
    badge.textContent = `${health.status} · v${health.version}`;
    badge.className = `badge ${health.status === 'ok' ? 'ok' : 'bad'}`;
  } catch (error) {
    badge.textContent = `unreachable: ${error.message}`;
    badge.className = 'badge bad';
  }
  try {
    const p = await getJson('/api/portfolio');
    const figures = [
      ['Equity', money.format(p.equity)],
      ['Cash', money.format(p.cash)],
      ['Buying power', money.format(p.buying_power)],
      ['Unrealized P&L', money.format(p.unrealized_pl)],
      ['Positions', String(p.positions.length)],
    ];
    document.getElementById('portfolio').replaceChildren(
      ...figures.map(([label, value]) => {
        const item = document.createElement('div');
        const dt = document.createElement('dt');
        const dd = document.createElement('dd');
        dt.textContent = label;
        dd.textContent = value;
        item.append(dt, dd);
        return item;
      }),
    );
  } catch (error) {
    document.getElementById('portfolio').textContent = error.message;
  }
}

refresh();
setInterval(refresh, 5000);
