import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { parseOccSymbol } from '../../lib/core/options';
import { sendJson, startTestHost } from '../support/local-host';

interface Contract {
  symbol: string;
  type: 'call' | 'put';
  strike: number;
  bid: number;
  ask: number;
  mid: number;
  implied_volatility: number;
  delta: number;
  gamma: number;
  theta_per_day: number;
  vega_per_point: number;
}
interface Chain {
  underlying: string;
  spot: number;
  expirations: string[];
  expiration: string;
  days_to_expiry: number;
  multiplier: number;
  calls: Contract[];
  puts: Contract[];
}

/** Wednesday 2026-11-18, 11:00 New York. */
const AT = new Date('2026-11-18T16:00:00Z');

describe('GET /api/options/chain (the chain the paper venue quotes)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({ clockStart: AT });
    host.setClock(AT, { stopped: true });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('serves the nearest expiry by default: OCC symbols, quotes inside one another, greeks with their signs', async () => {
    const response = await sendJson(host, 'GET', '/api/options/chain?underlying=SPY');
    expect(response.status, response.text).toBe(200);
    const chain = response.body as Chain;
    expect(chain.expiration).toBe(chain.expirations[0]);
    expect(chain.multiplier).toBe(100);
    expect(chain.calls.length).toBeGreaterThan(20);
    expect(chain.puts.length).toBe(chain.calls.length);
    for (const contract of [...chain.calls, ...chain.puts]) {
      const parsed = parseOccSymbol(contract.symbol)!;
      expect(parsed).toMatchObject({
        underlying: 'SPY',
        expiry: chain.expiration,
        type: contract.type,
        strike: contract.strike,
      });
      expect(contract.bid).toBeLessThan(contract.ask);
      expect(contract.mid).toBeGreaterThanOrEqual(contract.bid);
      expect(contract.mid).toBeLessThanOrEqual(contract.ask);
      expect(contract.gamma).toBeGreaterThanOrEqual(0);
      expect(contract.vega_per_point).toBeGreaterThanOrEqual(0);
      // A call (no dividends) only loses value with time; a deep in-the-money European put may gain.
      if (contract.type === 'call') {
        expect(contract.delta).toBeGreaterThan(0);
        expect(contract.theta_per_day).toBeLessThan(0);
      } else expect(contract.delta).toBeLessThan(0);
    }
    // Put–call parity, near the money, within the spreads: C − P ≈ S − K·e^(−rT).
    const atm = chain.calls.reduce((best, call) =>
      Math.abs(call.strike - chain.spot) < Math.abs(best.strike - chain.spot) ? call : best,
    );
    const put = chain.puts.find((p) => p.strike === atm.strike)!;
    const years = chain.days_to_expiry / 365;
    expect(Math.abs(atm.mid - put.mid - (chain.spot - atm.strike * Math.exp(-0.04 * years)))).toBeLessThan(
      (atm.ask - atm.bid + put.ask - put.bid) / 2 + 0.05,
    );
  });

  it('serves a listed expiration asked for; refuses an unlisted one naming the field, and an underlying without options', async () => {
    const first = (await sendJson(host, 'GET', '/api/options/chain?underlying=SPY')).body as Chain;
    const later = first.expirations.at(-1)!;
    const asked = await sendJson(host, 'GET', `/api/options/chain?underlying=SPY&expiration=${later}`);
    expect(asked.status, asked.text).toBe(200);
    expect((asked.body as Chain).expiration).toBe(later);
    expect((asked.body as Chain).days_to_expiry).toBeGreaterThan(first.days_to_expiry);

    const unlisted = await sendJson(host, 'GET', '/api/options/chain?underlying=SPY&expiration=2026-11-22');
    expect(unlisted.status, unlisted.text).toBe(422);
    expect(unlisted.body).toMatchObject({
      error: { code: 'EXPIRATION_NOT_LISTED', details: [{ field: 'expiration' }] },
    });
    const unknown = await sendJson(host, 'GET', '/api/options/chain?underlying=ZZZZ');
    expect(unknown.status, unknown.text).toBe(404);
  });
});
