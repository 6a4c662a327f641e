import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { sendJson, startTestHost } from '../support/local-host';

interface Estimate {
  mode: 'immediate' | 'twap' | 'iceberg';
  children: number;
  duration_seconds: number;
  participation: number | null;
  spread_bps: number;
  impact_bps: number;
  fees_bps: number;
  expected_bps: number;
}
interface Shortfall {
  total_bps: number;
  timing_bps: number | null;
  spread_bps: number | null;
  impact_bps: number | null;
  fees_bps: number;
  delay_bps: number | null;
}
interface OrderBody {
  twap: { duration_seconds: number; slices: number } | null;
  decision_price: number | null;
  metrics: { shortfall: Shortfall | null };
  id: string;
  execution: string;
  arrival_price: number;
  cost_estimates: Estimate[];
  filled_avg_price: number | null;
  commission: number;
  quantity: number;
  status: string;
}

/** Wednesday 2026-11-18, 11:00 New York; the clock stands still so the estimate and the fill meet one quote. */
const AT = new Date('2026-11-18T16:00:00Z');

describe('auto routing by expected cost (the paper venue’s impact book)', () => {
  let host: LocalHost;
  const order = async (body: Record<string, unknown>) => {
    const placed = await sendJson(host, 'POST', '/api/orders', body);
    expect(placed.status, placed.text).toBe(201);
    await host.settle();
    return (await sendJson(host, 'GET', `/api/orders/${(placed.body as OrderBody).id}`)).body as OrderBody;
  };

  beforeAll(async () => {
    host = await startTestHost({ startingCash: 10_000_000, waitOverrideMs: 0, clockStart: AT });
    host.setClock(AT, { stopped: true });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('sends a small order at once, estimated exactly as it then fills', async () => {
    const small = await order({ symbol: 'AAPL', side: 'buy', quantity: 10 });
    expect(small.execution).toBe('immediate');
    expect(small.cost_estimates.map((estimate) => estimate.mode)).toEqual(['immediate', 'twap', 'iceberg']);
    const lowest = Math.min(...small.cost_estimates.map((estimate) => estimate.expected_bps));
    const immediate = small.cost_estimates.find((estimate) => estimate.mode === 'immediate')!;
    expect(immediate.expected_bps).toBe(lowest);
    // Each slice pays a $1 minimum: slicing 10 shares costs that many times the fees.
    const twap = small.cost_estimates.find((estimate) => estimate.mode === 'twap')!;
    expect(twap.children).toBeGreaterThanOrEqual(2);
    expect(twap.fees_bps).toBeCloseTo(twap.children * immediate.fees_bps, 3);
    // What it cost: the fill against the arrival mid, and the commission — as estimated.
    const notional = small.arrival_price * small.quantity;
    const shortfall =
      (((small.filled_avg_price! - small.arrival_price) * small.quantity) / notional) * 10_000;
    expect(shortfall).toBeCloseTo(immediate.spread_bps + immediate.impact_bps, 2);
    expect((small.commission / notional) * 10_000).toBeCloseTo(immediate.fees_bps, 2);
    // The realized shortfall, split the same way as the estimate.
    expect(small.metrics.shortfall).toMatchObject({
      timing_bps: 0,
      spread_bps: expect.closeTo(immediate.spread_bps, 3),
      impact_bps: expect.closeTo(immediate.impact_bps, 3),
      fees_bps: expect.closeTo(immediate.fees_bps, 3),
      total_bps: expect.closeTo(immediate.expected_bps, 3),
    });
  });

  it('slices a large order when that is expected to cost less, on the schedule it estimated', async () => {
    const large = await order({ symbol: 'MSFT', side: 'buy', quantity: 8_000, execution: 'twap' });
    const byMode = Object.fromEntries(large.cost_estimates.map((estimate) => [estimate.mode, estimate]));
    expect(byMode.twap!.impact_bps).toBeLessThan(byMode.immediate!.impact_bps);
    expect(byMode.twap!.expected_bps).toBeLessThan(byMode.immediate!.expected_bps);
    // The TWAP runs on the schedule chosen for it: within 10 % of the volume expected, at most 30 minutes.
    expect(large.twap).toEqual({
      duration_seconds: byMode.twap!.duration_seconds,
      slices: byMode.twap!.children,
    });
    expect(byMode.twap!.participation).toBeGreaterThan(0);
    expect(byMode.twap!.participation).toBeLessThanOrEqual(0.1);
    expect(byMode.twap!.duration_seconds).toBeLessThanOrEqual(1_800);
  });

  it('measures the delay from the price a trader decided at', async () => {
    const first = await order({ symbol: 'AAPL', side: 'buy', quantity: 5 });
    const decided = Math.round((first.arrival_price - 0.5) * 100) / 100;
    const late = await order({ symbol: 'AAPL', side: 'buy', quantity: 6, decision_price: decided });
    expect(late.decision_price).toBe(decided);
    expect(late.metrics.shortfall!.delay_bps).toBeCloseTo(
      ((late.arrival_price - decided) / late.arrival_price) * 10_000,
      3,
    );
    expect(first.metrics.shortfall!.delay_bps).toBeNull();
  });

  it('keeps an explicit mode, with the estimates beside it', async () => {
    const explicit = await order({ symbol: 'AAPL', side: 'buy', quantity: 12, execution: 'iceberg' });
    expect(explicit.execution).toBe('iceberg');
    expect(explicit.cost_estimates).toHaveLength(3);
  });

  it('reports the shortfall over the orders: in all, by mode, by symbol and by size against daily volume', async () => {
    const metrics = (await sendJson(host, 'GET', '/api/orders/metrics')).body as {
      shortfall: {
        all: { orders: number; average_bps: number | null; spread_bps: number | null };
        by_execution: Record<string, { orders: number }>;
        by_symbol: Record<string, { orders: number }>;
        by_size: Record<string, { orders: number }>;
      };
    };
    const { all, by_execution, by_symbol, by_size } = metrics.shortfall;
    expect(all.orders).toBe(5);
    expect(all.average_bps).toBeGreaterThan(0);
    expect(all.spread_bps).toBeGreaterThan(0);
    expect(Object.values(by_execution).reduce((sum, group) => sum + group.orders, 0)).toBe(5);
    expect(Object.keys(by_symbol).sort()).toEqual(['AAPL', 'MSFT']);
    // 10, 12, 5 and 6 AAPL of 55 M a day; 8,000 MSFT of 20 M (0.04 %).
    expect(by_size).toMatchObject({ '<0.01%': { orders: 4 }, '0.01-0.1%': { orders: 1 } });
  });
});
