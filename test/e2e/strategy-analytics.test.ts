import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, sendJson, startTestHost } from '../support/local-host';

interface Analytics {
  books: string[];
  correlation: number[][];
  records: { book: string; total_pnl: number; sharpe: number | null }[];
  account: { total_pnl: number };
  drawdown: { amount: number; contributions: { book: string; amount: number }[] };
  daily_pnl: { date: string; pnl: number[] }[];
}

describe('GET /api/analytics/strategies: the strategies compared from the account’s own fills', () => {
  let host: LocalHost;
  beforeAll(async () => {
    // Three sessions of trading, a few days back: two strategies' orders and one by hand.
    host = await startTestHost({ startingCash: 1_000_000, clockStart: new Date('2026-11-23T15:00:00Z') });
    const buy = (symbol: string, quantity: number, strategy?: string) =>
      sendJson(host, 'POST', '/api/orders', {
        symbol,
        side: 'buy',
        quantity,
        execution: 'immediate',
        ...(strategy ? { strategy_id: strategy } : {}),
      });
    expect((await buy('AAPL', 100, 'cfg-alpha')).status).toBe(201);
    expect((await buy('MSFT', 50, 'cfg-beta')).status).toBe(201);
    await host.settle();
    host.setClock(new Date('2026-11-24T15:00:00Z'));
    expect((await buy('SPY', 20)).status).toBe(201);
    await host.settle();
    host.setClock(new Date('2026-11-25T15:00:00Z'));
    expect(
      (
        await sendJson(host, 'POST', '/api/orders', {
          symbol: 'AAPL',
          side: 'sell',
          quantity: 40,
          strategy_id: 'cfg-alpha',
        })
      ).status,
    ).toBe(201);
    await host.settle();
    host.setClock(new Date('2026-12-04T21:30:00Z'));
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('answers each book’s daily P&L, their correlation, records and the drawdown’s parts that add up to it', async () => {
    const answer = await call(`${host.url}/api/analytics/strategies?sessions=15`);
    expect(answer.status, answer.text).toBe(200);
    const body = answer.body as Analytics;
    expect(body.books).toEqual(['cfg-alpha', 'cfg-beta', 'manual']);
    expect(body.correlation).toHaveLength(3);
    body.correlation.forEach((row, i) => expect(row[i]).toBe(1));
    expect(body.records.map((record) => record.book)).toEqual(body.books);
    const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100);
    // The account is the sum of its books, every day, and so is its worst fall.
    expect(sum(body.records.map((record) => record.total_pnl))).toBe(
      Math.round(body.account.total_pnl * 100),
    );
    expect(sum(body.drawdown.contributions.map((part) => part.amount))).toBe(
      Math.round(body.drawdown.amount * 100),
    );
    expect(body.daily_pnl).toHaveLength(15);
    // A strategy that did not trade in the window is not a book; nothing traded before the first fill.
    expect(
      body.daily_pnl.filter((day) => day.date < '2026-11-23').every((day) => day.pnl.every((p) => p === 0)),
    ).toBe(true);
  });

  it('while a session trades, shows today marked to the latest quotes (today’s fills count at once)', async () => {
    host.setClock(new Date('2026-12-07T16:00:00Z')); // Monday, 11:00 New York
    expect(
      (
        await sendJson(host, 'POST', '/api/orders', {
          symbol: 'XOM',
          side: 'buy',
          quantity: 30,
          execution: 'immediate',
        })
      ).status,
    ).toBe(201);
    await host.settle();
    const body = (await call(`${host.url}/api/analytics/strategies?sessions=5`)).body as Analytics & {
      open_session: boolean;
    };
    expect(body.open_session).toBe(true);
    expect(body.daily_pnl.at(-1)!.date).toBe('2026-12-07');
    expect(body.daily_pnl).toHaveLength(5);
    // Bought at the ask, marked to the mid: the manual book's day is not flat.
    expect(body.daily_pnl.at(-1)!.pnl[body.books.indexOf('manual')]).not.toBe(0);
  });

  it('names a bad window by its field', async () => {
    const bad = await call(`${host.url}/api/analytics/strategies?sessions=2`);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe(
      'sessions',
    );
  });
});
