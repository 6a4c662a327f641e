import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, startTestHost } from '../support/local-host';

describe('the risk API on the local host (real HTTP)', () => {
  let host: LocalHost;
  const put = (body: unknown) =>
    call(`${host.url}/api/risk/limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = async <T>(path: string) => (await call(`${host.url}${path}`)).body as T;

  beforeAll(async () => {
    host = await startTestHost({ startingCash: 100_000, waitOverrideMs: 0, scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('reads the defaults until an administrator sets limits', async () => {
    expect(await get('/api/risk/limits')).toMatchObject({
      is_default: true,
      version: 0,
      account: { max_concentration: 0.5, daily_loss_limit: 5_000, consecutive_loss_action: 'pause_strategy' },
      strategies: {},
      symbols: {},
    });
  });

  it('refuses bad limits with 400 naming every field, and changes nothing', async () => {
    const response = await put({
      account: { max_concentration: -1, daily_loss_limit: 'lots', consecutive_loss_action: 'panic' },
      symbols: { tsla: { max_order_quantity: 5 }, TSLA: { max_order_quantity: 0, frobnicate: 1 } },
      surprise: true,
    });
    expect(response.status).toBe(400);
    const fields = errorOf(response).details?.map((detail) => detail.field) ?? [];
    for (const field of [
      'account.max_concentration',
      'account.daily_loss_limit',
      'account.consecutive_loss_action',
      'symbols.TSLA.max_order_quantity',
      'symbols.TSLA',
      'surprise',
    ]) {
      expect(
        fields.some((f) => f.startsWith(field)),
        `${field} in ${fields.join(', ')}`,
      ).toBe(true);
    }
    expect(await get('/api/risk/limits')).toMatchObject({ is_default: true, version: 0 });
  });

  it('refuses a limit for a strategy configuration that does not exist, naming it, and changes nothing', async () => {
    const response = await put({ account: {}, strategies: { 'mom-1': { max_consecutive_losses: 2 } } });
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({
      code: 'UNKNOWN_STRATEGY',
      details: [{ field: 'strategies.mom-1', in: 'body' }],
    });
    expect(await get('/api/risk/limits')).toMatchObject({ is_default: true, version: 0 });
  });

  it('replaces the limits, versioned; a stale version is a 409; the change is in force at once', async () => {
    const strategy = await call(`${host.url}/api/strategies/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'ma_crossover', name: 'momentum', symbols: ['TSLA'] }),
    });
    const strategyId = (strategy.body as { id: string }).id;
    const first = await put({
      account: { max_order_quantity: 5 },
      symbols: { TSLA: { max_concentration: 0.05 } },
      strategies: { [strategyId]: { max_consecutive_losses: 2 } },
      version: 0,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: 1,
      is_default: false,
      account: { max_order_quantity: 5, max_concentration: 0.5 },
      symbols: { TSLA: { max_concentration: 0.05 } },
      strategies: { [strategyId]: { max_consecutive_losses: 2 } },
    });
    const stale = await put({ account: {}, version: 0 });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('LIMITS_VERSION_CONFLICT');

    const tooBig = await call(`${host.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'JNJ', side: 'buy', quantity: 6 }),
    });
    expect(tooBig.status).toBe(422);
    expect(errorOf(tooBig)).toMatchObject({ code: 'MAX_ORDER_QUANTITY', details: [{ field: 'quantity' }] });
    expect((await put({ account: {} })).status).toBe(200); // back to the defaults (version 2)
  });

  it('shows the live risk picture: exposure, concentration, VaR and CVaR from a year of history', async () => {
    const placed = await call(`${host.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'JNJ', side: 'buy', quantity: 100, execution: 'immediate' }),
    });
    expect(placed.status).toBe(201);
    await host.settle();
    const risk = await get<{
      var: { historical: Record<string, number>; parametric: Record<string, number>; history_days: number };
      exposure: { by_symbol: { symbol: string; weight: number }[]; by_sector: { sector: string }[] };
    }>('/api/risk');
    expect(risk).toMatchObject({
      trading_state: 'ACTIVE',
      limits_version: 2,
      exposure: {
        by_symbol: [{ symbol: 'JNJ', sector: 'Health Care', quantity: 100 }],
        by_sector: [{ sector: 'Health Care' }],
      },
    });
    expect(risk.exposure.by_symbol[0]!.weight).toBeGreaterThan(0.1);
    expect(risk.var.history_days).toBe(250);
    const { var_95, var_99, cvar_95, cvar_99 } = risk.var.historical;
    expect(var_95).toBeGreaterThan(0);
    expect(var_99).toBeGreaterThanOrEqual(var_95!);
    expect(cvar_95).toBeGreaterThanOrEqual(var_95!);
    expect(cvar_99).toBeGreaterThanOrEqual(var_99!);
    expect(risk.var.parametric.var_99).toBeGreaterThan(risk.var.parametric.var_95!);
  });

  it('shows how the holdings move together and who carries the VaR: components that add up to it', async () => {
    for (const [symbol, quantity] of [
      ['SPY', 20],
      ['XOM', 50],
    ] as const) {
      const placed = await call(`${host.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol, side: 'buy', quantity, execution: 'immediate' }),
      });
      expect(placed.status, placed.text).toBe(201);
    }
    await host.settle();
    const risk = await get<{
      var: { parametric: { var_95: number } };
      book: {
        symbols: string[];
        correlation: number[][];
        diversification_ratio: number;
        var_95: number;
        by_symbol: { symbol: string; component_var_95: number; marginal_var_95: number }[];
        by_strategy: { strategy_id: string | null; component_var_95: number }[];
        beta: { benchmark: string; dollars: number; hedge: { side: string; quantity: number } | null };
      };
    }>('/api/risk');
    const { book } = risk;
    expect([...book.symbols].sort()).toEqual(['JNJ', 'SPY', 'XOM']);
    expect(book.correlation).toHaveLength(3);
    book.correlation.forEach((row, i) => {
      expect(row[i]).toBe(1);
      row.forEach((value, j) => {
        expect(value).toBe(book.correlation[j]![i]);
        expect(Math.abs(value)).toBeLessThanOrEqual(1);
      });
    });
    // The same VaR as the parametric figure (another code path over the same model).
    expect(book.var_95).toBeCloseTo(risk.var.parametric.var_95, 1);
    const sum = book.by_symbol.reduce((total, part) => total + part.component_var_95, 0);
    expect(Math.abs(sum - book.var_95)).toBeLessThanOrEqual(0.02);
    // Long-only and positively correlated: every holding adds risk, and together less than alone.
    expect(book.by_symbol.every((part) => part.marginal_var_95 > 0)).toBe(true);
    expect(book.diversification_ratio).toBeGreaterThan(1);
    // Long SPY and two stocks: positive beta to SPY, hedged by selling SPY (suggested, not sent).
    expect(book.beta).toMatchObject({ benchmark: 'SPY', hedge: { side: 'sell' } });
    expect(book.beta.dollars).toBeGreaterThan(0);
    expect(book.beta.hedge!.quantity).toBeGreaterThan(0);
    // Bought by hand: no strategy holds any of it.
    expect(book.by_strategy).toEqual([{ strategy_id: null, component_var_95: book.var_95 }]);
  });

  it('lists alerts, filtered by level; a bad filter is a 400', async () => {
    expect((await call(`${host.url}/api/risk/alerts?level=loud`)).status).toBe(400);
    const alerts = await get<{ alerts: { level: string }[] }>('/api/risk/alerts?level=warning');
    expect(alerts.alerts.every((alert) => alert.level === 'warning')).toBe(true);
    expect(alerts.alerts.length).toBeGreaterThan(0); // the MAX_ORDER_QUANTITY rejection above
  });
});

describe('risk limit amounts (real HTTP)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it.each([
    [1e-300, /at least 1/],
    [1e-130, /at least 1/],
    [0.5, /at least 1/],
    [1000.005, /whole cents/],
  ])('refuses a daily loss limit of %s dollars, naming it, and changes nothing', async (value, problem) => {
    const before = await call(`${host.url}/api/risk/limits`);
    const response = await call(`${host.url}/api/risk/limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: { daily_loss_limit: value } }),
    });
    expect(response.status).toBe(400);
    expect(errorOf(response).details?.[0]).toMatchObject({
      field: 'account.daily_loss_limit',
      problem: expect.stringMatching(problem),
    });
    expect((await call(`${host.url}/api/risk/limits`)).body).toEqual(before.body);
  });
});
