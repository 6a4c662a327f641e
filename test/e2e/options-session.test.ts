import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbAccountRepository } from '../../lib/adapters/dynamodb/dynamodb-account-repository';
import { isTradingDate } from '../../lib/core/market/nyse-calendar';
import type { LocalHost } from '../../lib/local/local-host';
import { expectBooksReconcile } from '../support/books';
import { call, type JsonResponse, startTestHost } from '../support/local-host';

const NEVER_MS = 2_147_483_647;
/** The test host’s paper account opens with $100,000. */
const OPENING_CENTS = 10_000_000;

interface OrderBody {
  id: string;
  strategy_id: string | null;
  status: string;
  order_class: 'simple' | 'mleg';
  filled_quantity: number;
  legs: { symbol: string; side: string; position_intent: string; filled_quantity: number }[] | null;
}

/**
 * The options strategies through the engine on the local host (real HTTP, dynalite, fauxqs, the
 * paper venue on the simulated chains): a session with the straddle and condor templates enters
 * both spreads as multi-leg orders, holds them, closes the condor at its profit target and lets
 * the straddle expire with one leg in the money — the books exact at every step.
 */
describe('an options session: entry, a profit-target exit, an expiry', () => {
  let host: LocalHost;
  let accounts: DynamoDbAccountRepository;
  let straddle = '';
  let condor = '';
  const send = (method: string, path: string, body?: unknown): Promise<JsonResponse> =>
    call(`${host.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const cycle = async (iso: string) => {
    host.setClock(new Date(iso), { stopped: true });
    const result = (await host.runScheduled('engineCycle')) as { ran: boolean };
    await host.settle();
    return result;
  };
  const orders = async () => (await send('GET', '/api/orders?limit=100')).body as { orders: OrderBody[] };
  const books = () => expectBooksReconcile(accounts, 'paper', OPENING_CENTS, expect);

  beforeAll(async () => {
    host = await startTestHost({
      waitOverrideMs: 0,
      scheduleIntervalMs: NEVER_MS,
      cycleIntervalMs: NEVER_MS,
      clockStart: new Date('2026-11-18T14:35:00Z'),
    });
    accounts = new DynamoDbAccountRepository(
      createDocumentClient(host.operatorEnvironment()),
      host.operatorEnvironment().STRATUS_TABLE_ACCOUNTS!,
    );
    // The templates, tuned so the test sees each path: the straddle bought two days out and held
    // to expiry; the condor closed once 5 % of its credit is kept (and never on a loss or on time).
    const made = await send('POST', '/api/strategies/create', {
      template_id: 'spy-straddle',
      name: 'Straddle to expiry',
      parameters: { target_dte: 2, entry_ratio: 0.5, profit_target: 10, stop_loss: 1, exit_dte: 0 },
    });
    expect(made.status, made.text).toBe(201);
    straddle = (made.body as { id: string }).id;
    const sold = await send('POST', '/api/strategies/create', {
      template_id: 'spy-condor-45',
      name: 'Condor to 5 %',
      parameters: { profit_target: 0.05, loss_multiple: 10, exit_dte: 0 },
    });
    expect(sold.status, sold.text).toBe(201);
    condor = (sold.body as { id: string }).id;
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('enters both spreads as one multi-leg order each, once, and holds them with their greeks', async () => {
    const started = await send('POST', '/api/strategies/start-execution', {
      strategies: [{ config_id: straddle }, { config_id: condor }],
    });
    expect(started.status, started.text).toBe(201);
    expect(await cycle('2026-11-18T15:00:00Z')).toMatchObject({ ran: true });
    await cycle('2026-11-18T15:00:15Z'); // a second cycle: nothing sent twice
    const { orders: placed } = await orders();
    expect(placed).toHaveLength(2);
    for (const order of placed) expect(order).toMatchObject({ order_class: 'mleg', status: 'filled' });
    const legsOf = (id: string) => placed.find((order) => order.strategy_id === id)!.legs!;
    expect(legsOf(straddle).map((leg) => leg.position_intent)).toEqual(['buy_to_open', 'buy_to_open']);
    expect(legsOf(condor).map((leg) => leg.side)).toEqual(['buy', 'sell', 'sell', 'buy']);

    const account = await books();
    expect(Object.keys(account.positions)).toHaveLength(6);
    const portfolio = (await send('GET', '/api/portfolio')).body as {
      positions: { symbol: string; asset_class: string; greeks: { delta_shares: number } | null }[];
      option_strategies: { strategy_id: string; legs: unknown[] }[];
      greeks: {
        by_underlying: {
          underlying: string;
          vega_per_point: number;
          delta_shares: number;
          delta_hedge: { side: string; quantity: number } | null;
        }[];
      };
    };
    expect(portfolio.positions.every((p) => p.asset_class === 'us_option' && p.greeks !== null)).toBe(true);
    expect(portfolio.option_strategies.map((s) => [s.strategy_id, s.legs.length]).sort()).toEqual(
      [
        [straddle, 2],
        [condor, 4],
      ].sort(),
    );
    expect(portfolio.greeks.by_underlying.map((g) => g.underlying)).toEqual(['SPY']);
    // The hedge suggested (never sent) is the book's delta on SPY the other way, in whole shares.
    const [spy] = portfolio.greeks.by_underlying;
    if (Math.abs(spy!.delta_shares) >= 0.5)
      expect(spy!.delta_hedge).toEqual({
        side: spy!.delta_shares > 0 ? 'sell' : 'buy',
        quantity: Math.round(Math.abs(spy!.delta_shares)),
      });
    else expect(spy!.delta_hedge).toBeNull();
    const risk = (await send('GET', '/api/risk')).body as {
      var: { full_revaluation: { var_95: number } | null };
    };
    expect(risk.var.full_revaluation?.var_95).toBeGreaterThan(0);
  });

  it('settles the straddle at its expiration close: one leg exercised or assigned in the money, the other worthless', async () => {
    await cycle('2026-11-19T15:00:00Z');
    await cycle('2026-11-20T15:00:00Z');
    const before = await books();
    const straddleLegs = Object.keys(before.strategyPositions?.[straddle] ?? {});
    expect(straddleLegs).toHaveLength(2);
    // Stop the straddle from buying the next one, then pass the close of 2026-11-20.
    expect((await send('POST', '/api/strategies/pause', { config_id: straddle })).status).toBe(200);
    host.setClock(new Date('2026-11-20T21:05:00Z'), { stopped: true });
    const run = (await host.runScheduled('optionExpiry')) as { settled: { contracts: number }[] };
    expect(run.settled).toEqual([{ accountId: 'paper', contracts: 2 }]);
    const after = await books();
    for (const symbol of straddleLegs) expect(after.positions[symbol]).toBeUndefined();
    expect(after.strategyPositions?.[straddle]).toBeUndefined();
    const ledger = (await send('GET', '/api/portfolio/ledger?limit=500')).body as {
      entries: { kind: string; note?: string }[];
    };
    const kinds = ledger.entries.map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'expiry')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'exercise')).toHaveLength(1);
    // The condor's four legs are still held.
    expect(Object.keys(after.positions).filter((symbol) => symbol.length > 8)).toHaveLength(4);
    expect((await host.runScheduled('optionExpiry')) as { settled: unknown[] }).toMatchObject({
      settled: [],
    });
  });

  it('closes the condor as one order when its profit target is reached, and books the profit it kept', async () => {
    let day = new Date('2026-11-23T15:00:00Z');
    let exit: OrderBody | undefined;
    for (let sessions = 0; sessions < 30 && !exit; day = new Date(day.getTime() + 86_400_000)) {
      if (!isTradingDate(day.toISOString().slice(0, 10))) continue;
      sessions++;
      await cycle(day.toISOString());
      exit = (await orders()).orders.find(
        (order) =>
          order.strategy_id === condor &&
          order.legs?.every((leg) => leg.position_intent.endsWith('_to_close')),
      );
    }
    expect(exit, 'the condor reached its profit target within 30 sessions').toBeDefined();
    expect(exit).toMatchObject({ status: 'filled', order_class: 'mleg', filled_quantity: 1 });
    const account = await books();
    expect(Object.keys(account.positions).filter((symbol) => symbol.length > 8)).toEqual([]);
    expect(account.strategyPositions?.[condor]).toBeUndefined();
    // Kept at least 5 % of the credit at the closing prices, less the commissions of both orders.
    const ledger = await accounts.listLedger('paper');
    const condorOrders = (await orders()).orders
      .filter((order) => order.strategy_id === condor)
      .map((order) => order.id);
    const trades = ledger.filter((entry) => entry.trade && condorOrders.includes(entry.trade.orderId));
    const credit = trades
      .filter((entry) => entry.trade!.orderId !== exit!.id)
      .reduce((sum, entry) => sum + entry.amountCents, 0);
    const buyback = -trades
      .filter((entry) => entry.trade!.orderId === exit!.id)
      .reduce((sum, entry) => sum + entry.amountCents, 0);
    expect(credit).toBeGreaterThan(0);
    expect(credit - buyback).toBeGreaterThanOrEqual(Math.round(0.05 * credit));
  });
});
