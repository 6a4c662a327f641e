import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Broker, VenueOrder } from '../../../lib/app/ports/broker';
import type { ExecutionReport, ExecutionReportSink } from '../../../lib/app/ports/execution-reports';

/** Collects what a broker publishes, as the report queue would receive it. */
export class CollectedReports implements ExecutionReportSink {
  readonly all: ExecutionReport[] = [];
  async publish(reports: readonly ExecutionReport[]): Promise<void> {
    this.all.push(...structuredClone(reports));
  }
  of(orderId: string): ExecutionReport[] {
    return this.all.filter((report) => report.orderId === orderId);
  }
  /** Shares filled per the reports, each report id counted once (as the consumer applies them). */
  filled(orderId: string): number {
    const seen = new Map<string, number>();
    for (const report of this.of(orderId))
      if (report.kind === 'fill') seen.set(report.reportId, report.quantity);
    return [...seen.values()].reduce((sum, quantity) => sum + quantity, 0);
  }
  outcome(orderId: string): string | null {
    for (const report of this.of(orderId).reverse()) {
      if (report.kind === 'done') return report.outcome;
      if (report.kind === 'fill' && report.final) return report.final.outcome;
    }
    return null;
  }
}

export interface BrokerUnderTest {
  broker: Broker;
  reports: CollectedReports;
  /** Lets the venue's updates reach the reports (Alpaca: one trade-update poll; paper: nothing to do). */
  deliver(): Promise<void>;
  /** A price at which a buy limit trades now, and one far below the market where it rests. */
  marketableBuy(symbol: string): Promise<number>;
  restingBuy(symbol: string): Promise<number>;
  /** The market trades `symbol` at `price` (no spread), and the venue takes a pass over what rests. */
  trade(symbol: string, price: number): Promise<void>;
  /** The venue's quotes of SPY's nearest-expiry calls now, strikes ascending. */
  spyCalls(): Promise<{ symbol: string; bid: number; ask: number }[]>;
  stop(): Promise<void>;
}

let sequence = 0;
function order(overrides: Partial<VenueOrder> & { limitPrice: number }): VenueOrder {
  sequence++;
  const id = `o-contract-${Date.now().toString(36)}-${sequence}`;
  return {
    accountId: 'acct-contract',
    orderId: id,
    clientOrderId: id,
    symbol: 'AAPL',
    side: 'buy',
    quantity: 100,
    timeInForce: 'day',
    ...overrides,
  };
}

/**
 * What every Broker must do, whatever is behind it: the paper venue and Alpaca (through the
 * fake server) both pass this suite, which is what makes them interchangeable.
 */
export function brokerContract(name: string, make: () => Promise<BrokerUnderTest>): void {
  describe(`Broker contract: ${name}`, () => {
    let under: BrokerUnderTest;
    beforeEach(async () => {
      under = await make();
    });
    afterEach(async () => {
      await under.stop();
    });

    it('accepts a marketable limit and reports fills that add up to the quantity, ending filled', async () => {
      const sent = order({ limitPrice: await under.marketableBuy('AAPL') });
      expect(await under.broker.submit(sent)).toEqual({ status: 'accepted' });
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(100);
      expect(under.reports.outcome(sent.orderId)).toBe('filled');
      for (const report of under.reports.of(sent.orderId)) {
        expect(report.accountId).toBe('acct-contract');
        if (report.kind === 'fill') {
          expect(report.symbol).toBe('AAPL');
          expect(report.side).toBe('buy');
          expect(Number.isInteger(report.notionalCents)).toBe(true);
          expect(report.notionalCents).toBeGreaterThan(0);
        }
      }
    });

    it('treats a second submit with the same client order id as the same order: nothing more trades', async () => {
      const sent = order({ limitPrice: await under.marketableBuy('AAPL') });
      await under.broker.submit(sent);
      expect(await under.broker.submit({ ...sent })).toEqual({ status: 'accepted' });
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(100);
    });

    it('knows the orders it was sent and no others', async () => {
      const sent = order({ limitPrice: await under.restingBuy('MSFT'), symbol: 'MSFT' });
      await under.broker.submit(sent);
      expect(await under.broker.knows(sent.accountId, sent.clientOrderId)).toBe(true);
      expect(await under.broker.knows(sent.accountId, 'o-never-sent')).toBe(false);
    });

    it('cancels a resting order: it ends canceled with nothing filled', async () => {
      const sent = order({ limitPrice: await under.restingBuy('MSFT'), symbol: 'MSFT' });
      await under.broker.submit(sent);
      await under.deliver();
      expect(under.reports.outcome(sent.orderId)).toBeNull();
      await under.broker.cancel(sent.accountId, sent.clientOrderId);
      await under.deliver();
      expect(under.reports.outcome(sent.orderId)).toBe('canceled');
      expect(under.reports.filled(sent.orderId)).toBe(0);
    });

    it('cancels every working order in one call, with one result per order', async () => {
      const resting = [
        order({ limitPrice: await under.restingBuy('MSFT'), symbol: 'MSFT' }),
        order({ limitPrice: await under.restingBuy('AAPL') }),
      ];
      for (const sent of resting) await under.broker.submit(sent);
      const results = await under.broker.cancelAll('acct-contract');
      expect(results.map((result) => result.clientOrderId).sort()).toEqual(
        resting.map((sent) => sent.clientOrderId).sort(),
      );
      expect(results.every((result) => result.accepted)).toBe(true);
      await under.deliver();
      for (const sent of resting) expect(under.reports.outcome(sent.orderId)).toBe('canceled');
    });

    it('resends an order’s reports with the same ids (applying them again changes nothing)', async () => {
      const sent = order({ limitPrice: await under.marketableBuy('AAPL') });
      await under.broker.submit(sent);
      await under.deliver();
      const before = under.reports.of(sent.orderId).map((report) => report.reportId);
      await under.broker.resend(sent.accountId, sent.clientOrderId);
      const after = under.reports.of(sent.orderId).map((report) => report.reportId);
      expect(after.length).toBeGreaterThan(before.length);
      expect(new Set(after)).toEqual(new Set(before));
      expect(under.reports.filled(sent.orderId)).toBe(100);
    });

    it('fills an option contract as one leg: contracts at a per-share price, the notional × 100', async () => {
      const calls = await under.spyCalls();
      const call = calls[Math.floor(calls.length / 2)]!;
      const sent = order({
        symbol: call.symbol,
        quantity: 2,
        limitPrice: call.ask,
        legs: [{ symbol: call.symbol, side: 'buy', ratio: 1, positionIntent: 'buy_to_open' }],
      });
      expect(await under.broker.submit(sent)).toEqual({ status: 'accepted' });
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(2);
      expect(under.reports.outcome(sent.orderId)).toBe('filled');
      for (const report of under.reports.of(sent.orderId)) {
        if (report.kind !== 'fill') continue;
        expect(report.legs).toEqual([
          {
            symbol: call.symbol,
            side: 'buy',
            quantity: report.quantity,
            price: call.ask,
            notionalCents: Math.round(call.ask * report.quantity * 100 * 100),
          },
        ]);
        expect(report.notionalCents).toBe(report.legs![0]!.notionalCents);
      }
    });

    it('fills a spread all legs or none: every fill carries each leg in ratio, the net a debit', async () => {
      const calls = await under.spyCalls();
      const low = calls[Math.floor(calls.length / 2)]!;
      const high = calls[Math.floor(calls.length / 2) + 2]!;
      const sent = order({
        symbol: 'SPY',
        quantity: 3,
        limitPrice: Math.round((low.ask - 2 * high.bid) * 100) / 100, // 1 × 2: a ratio spread at its net
        legs: [
          { symbol: low.symbol, side: 'buy', ratio: 1, positionIntent: 'buy_to_open' },
          { symbol: high.symbol, side: 'sell', ratio: 2, positionIntent: 'sell_to_open' },
        ],
      });
      expect(await under.broker.submit(sent)).toEqual({ status: 'accepted' });
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(3);
      expect(under.reports.outcome(sent.orderId)).toBe('filled');
      for (const report of under.reports.of(sent.orderId)) {
        if (report.kind !== 'fill') continue;
        const [bought, sold] = report.legs!;
        expect(bought).toMatchObject({
          symbol: low.symbol,
          side: 'buy',
          quantity: report.quantity,
          price: low.ask,
        });
        expect(sold).toMatchObject({
          symbol: high.symbol,
          side: 'sell',
          quantity: 2 * report.quantity,
          price: high.bid,
        });
        expect(report.notionalCents).toBe(bought!.notionalCents - sold!.notionalCents);
      }
    });

    /** Fill prices per the reports, in order. */
    const fillPrices = (orderId: string) =>
      under.reports
        .of(orderId)
        .flatMap((report) => (report.kind === 'fill' ? [report.notionalCents / 100 / report.quantity] : []));

    it('rests a sell stop until a trade reaches it, then sells at that trade', async () => {
      await under.trade('AAPL', 180);
      const sent = order({
        side: 'sell',
        limitPrice: 0.01,
        trigger: { type: 'stop', stopPrice: 175 },
        timeInForce: 'gtc',
      });
      expect(await under.broker.submit(sent)).toEqual({ status: 'accepted' });
      await under.trade('AAPL', 176);
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(0);
      await under.trade('AAPL', 174);
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(100);
      expect(fillPrices(sent.orderId)).toEqual([174]);
      expect(under.reports.outcome(sent.orderId)).toBe('filled');
    });

    it('moves a trailing stop up with the best trade and sells on the first trade at its stop', async () => {
      await under.trade('AAPL', 180);
      const sent = order({
        side: 'sell',
        limitPrice: 0.01,
        trigger: { type: 'trailing_stop', trail: { price: 2 } },
        timeInForce: 'gtc',
      });
      await under.broker.submit(sent);
      for (const price of [183, 181.5, 181.01]) await under.trade('AAPL', price);
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(0);
      await under.trade('AAPL', 181);
      await under.deliver();
      expect(fillPrices(sent.orderId)).toEqual([181]);
    });

    it('fills one exit of an oco and never the other', async () => {
      await under.trade('AAPL', 180);
      const sent = order({
        side: 'sell',
        limitPrice: 185,
        oco: { takeProfit: 185, stopLoss: { stopPrice: 175 } },
        timeInForce: 'gtc',
      });
      await under.broker.submit(sent);
      await under.trade('AAPL', 185);
      await under.trade('AAPL', 170);
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(100);
      expect(fillPrices(sent.orderId)).toEqual([185]);
      expect(under.reports.outcome(sent.orderId)).toBe('filled');
    });

    it("works a bracket: the exits follow the entry's fill, the stop-loss fires on a trade through it, the take-profit never", async () => {
      await under.trade('AAPL', 180);
      const sent = order({ limitPrice: 181 });
      const exitsId = `${sent.orderId}-exits`;
      const bracket = {
        ...sent,
        exits: { orderId: exitsId, clientOrderId: exitsId, takeProfit: 185, stopLoss: { stopPrice: 175 } },
      };
      expect(await under.broker.submit(bracket)).toEqual({ status: 'accepted' });
      await under.deliver();
      expect(under.reports.filled(sent.orderId)).toBe(100);
      await under.trade('AAPL', 174);
      await under.trade('AAPL', 186);
      await under.deliver();
      expect(under.reports.filled(exitsId)).toBe(100);
      expect(fillPrices(exitsId)).toEqual([174]);
      expect(under.reports.outcome(exitsId)).toBe('filled');
      const amends = under.reports.of(exitsId).filter((report) => report.kind === 'amend');
      expect(amends).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ quantity: 100 }),
          expect.objectContaining({ exitLeg: 'stop_loss', triggered: true }),
        ]),
      );
    });
  });
}
