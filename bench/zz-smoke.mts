import { startLocalHost } from '../lib/local/local-host';
const host = await startLocalHost({ port: 0, inMemory: true, logLevel: 'ERROR', onError: (e) => console.error('ONERROR', e) });
const j = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(host.url + path, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  console.log(method, path, r.status, (await r.text()).slice(0, 300));
};
await j('GET', '/api/health');
await j('GET', '/api/portfolio');
await j('POST', '/api/orders', { symbol: 'AAPL', side: 'buy', quantity: 5, order_type: 'market' });
await j('POST', '/api/orders', { symbol: 'AAPL', side: 'buy', quantity: 100, order_type: 'market' });
await host.settle();
await j('GET', '/api/portfolio');
for (const f of ['riskMonitor', 'reconcileOrders', 'venueMatcher', 'preMarket', 'engineCycle'] as const) {
  try { console.log(f, JSON.stringify(await host.runScheduled(f)).slice(0, 200)); } catch (e) { console.log(f, 'FAILED', (e as Error).message); }
}
await j('GET', '/api/strategies');
await j('POST', '/api/risk/emergency-stop');
await host.stop();
