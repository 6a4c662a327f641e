import { SimulatedMarketData } from '../../lib/adapters/market-data/simulated-market-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, startTestHost } from '../support/local-host';

interface ConfigBody {
  id: string;
  version: number;
  type: string;
  parameters: Record<string, unknown>;
  symbols: string[];
  archived: boolean;
  note: string;
}

describe('strategy registry, versions, templates and signals on the local host (real HTTP)', () => {
  let host: LocalHost;
  const send = (method: string, path: string, body: unknown) =>
    call(`${host.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = async <T>(path: string) => (await call(`${host.url}${path}`)).body as T;

  beforeAll(async () => {
    host = await startTestHost({ waitOverrideMs: 0, scheduleIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('lists the types with their parameter schemas (defaults, bounds, descriptions)', async () => {
    const { types, configurations } = await get<{
      types: {
        type: string;
        asset_class: string;
        parameters: { properties: Record<string, Record<string, unknown>> };
      }[];
      configurations: unknown[];
    }>('/api/strategies');
    expect(types.map((t) => t.type)).toEqual([
      'ma_crossover',
      'rsi_mean_reversion',
      'bollinger_breakout',
      'momentum_rotation',
      'atm_straddle',
      'iron_condor',
    ]);
    expect(types[0]!.parameters.properties.fast_period).toMatchObject({
      type: 'integer',
      minimum: 2,
      maximum: 200,
      default: 10,
      description: 'Bars in the fast average',
    });
    expect(configurations).toEqual([]);
  });

  it('creates, versions and archives a configuration; invalid parameters are rejected by name and change nothing', async () => {
    const bad = await send('POST', '/api/strategies/create', {
      type: 'ma_crossover',
      name: 'Bad',
      parameters: { fast_period: 50, slow_period: 20, wobble: 1 },
      symbols: ['AAPL'],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).details?.map((d) => d.field)).toEqual(
      expect.arrayContaining(['parameters.slow_period', 'parameters']),
    );
    expect(
      (await send('POST', '/api/strategies/create', { type: 'ma_crossover', name: 'X', symbols: ['ZZZZ'] }))
        .status,
    ).toBe(400);
    expect((await get<{ configurations: unknown[] }>('/api/strategies')).configurations).toEqual([]);

    const made = await send('POST', '/api/strategies/create', {
      type: 'ma_crossover',
      name: 'Tech crossover',
      parameters: { fast_period: 5 },
      symbols: ['AAPL', 'MSFT'],
    });
    expect(made.status).toBe(201);
    const v1 = made.body as ConfigBody;
    expect(v1).toMatchObject({
      version: 1,
      parameters: { fast_period: 5, slow_period: 30, average: 'sma' },
      symbols: ['AAPL', 'MSFT'],
    });

    const v2 = await send('PUT', `/api/strategies/${v1.id}`, {
      parameters: { average: 'ema' },
      note: 'exponential averages react faster',
      version: 1,
    });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({
      version: 2,
      parameters: { fast_period: 5, slow_period: 30, average: 'ema' },
    });
    const stale = await send('PUT', `/api/strategies/${v1.id}`, { note: 'late', version: 1 });
    expect(stale.status).toBe(409);
    const invalid = await send('PUT', `/api/strategies/${v1.id}`, {
      parameters: { fast_period: 40 },
      note: 'oops',
    });
    expect(errorOf(invalid).details?.[0]).toMatchObject({ field: 'parameters.slow_period' });

    const detail = await get<{ version: number; versions: ConfigBody[] }>(`/api/strategies/${v1.id}`);
    expect(detail.version).toBe(2);
    expect(detail.versions.map((v) => [v.version, v.note])).toEqual([
      [1, 'created'],
      [2, 'exponential averages react faster'],
    ]);
    expect((await get<ConfigBody>(`/api/strategies/${v1.id}?version=1`)).parameters.average).toBe('sma');
    expect((await call(`${host.url}/api/strategies/${v1.id}?version=7`)).status).toBe(404);

    const archived = await send('PUT', `/api/strategies/${v1.id}`, { archived: true, note: 'retired' });
    expect(archived.body).toMatchObject({ version: 3, archived: true });
  });

  it('starts from a template, and shows signals of active configurations', async () => {
    const { templates } = await get<{ templates: { template_id: string; type: string }[] }>(
      '/api/strategies/templates',
    );
    expect(templates.map((t) => t.template_id)).toContain('spy-condor-45');
    const fromTemplate = await send('POST', '/api/strategies/create', {
      template_id: 'fast-ema-tech',
      name: 'My EMA',
      parameters: { fast_period: 5 },
    });
    expect(fromTemplate.status).toBe(201);
    expect(fromTemplate.body).toMatchObject({
      type: 'ma_crossover',
      parameters: { fast_period: 5, slow_period: 21, average: 'ema' },
      symbols: ['AAPL', 'MSFT', 'NVDA'],
    });
    const condor = await send('POST', '/api/strategies/create', {
      template_id: 'spy-condor-45',
      name: 'Condor',
    });
    expect(condor.status).toBe(201);

    const { signals } = await get<{
      signals: {
        config_id: string;
        symbol: string;
        at: string;
        direction: string;
        rationale: string;
        legs: unknown[] | null;
      }[];
    }>('/api/signals');
    const mine = signals.filter((s) => s.config_id === (fromTemplate.body as ConfigBody).id);
    // The minute bars a session replays now (390): each symbol has crossed at least once.
    expect(mine.map((s) => s.symbol).sort()).toEqual(['AAPL', 'MSFT', 'NVDA']);
    for (const signal of mine) expect(['long', 'flat']).toContain(signal.direction);
    // Minute bars, as the session trades: signals inside the session, not at daily closes.
    // On the minute bars a session replays now (its 390-bar window), not on daily closes.
    const now = new Date(((await get<{ time: string }>('/api/health')) as { time: string }).time);
    const window = (await new SimulatedMarketData({ now: () => now }, 42).minuteBars(['AAPL'], 390, now)).get(
      'AAPL',
    )!;
    const minutes = new Set(window.map((bar) => bar.time));
    for (const signal of mine) expect(minutes.has(signal.at), signal.at).toBe(true);
    const condorSignals = signals.filter((s) => s.config_id === (condor.body as ConfigBody).id);
    expect(condorSignals).toEqual([
      expect.objectContaining({ symbol: 'SPY', direction: 'short', legs: expect.any(Array) }),
    ]);
    const filtered = await get<{ signals: { config_id: string }[] }>(
      `/api/signals?config_id=${(condor.body as ConfigBody).id}`,
    );
    expect(filtered.signals.every((s) => s.config_id === (condor.body as ConfigBody).id)).toBe(true);
  });
});
