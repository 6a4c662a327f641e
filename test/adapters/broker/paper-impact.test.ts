import { describe, expect, it } from 'vitest';
import { DynamoDbVenueStore } from '../../../lib/adapters/broker/dynamodb-venue-store';
import { DEFAULT_PAPER_VENUE, PaperBroker } from '../../../lib/adapters/broker/paper-broker';
import { SimulatedInstruments } from '../../../lib/adapters/market-data/simulated-instruments';
import { SimulatedMarketData } from '../../../lib/adapters/market-data/simulated-market-data';
import { DEFAULT_IMPACT, UNTOUCHED, walkImpactBook } from '../../../lib/core/execution/impact-book';
import { useDynalite } from '../../support/dynalite';
import { TestClock } from '../../support/order-harness';
import { CollectedReports } from './broker.contract';

const dynamo = useDynalite();
const instruments = new SimulatedInstruments();

/** A paper venue with the impact book on dynalite, at an instant of its own in a regular session. */
async function venueAt(iso: string) {
  const clock = new TestClock(new Date(iso));
  const market = new SimulatedMarketData(clock, 42);
  const reports = new CollectedReports();
  const broker = new PaperBroker(
    new DynamoDbVenueStore(dynamo.documents(), dynamo.tableName('venue')),
    market,
    instruments,
    clock,
    reports,
    { ...DEFAULT_PAPER_VENUE, latencyMs: 0, impact: DEFAULT_IMPACT },
  );
  const quote = (await market.getQuotes(['AAPL'])).get('AAPL')!;
  let next = 0;
  const buy = (
    accountId: string,
    quantity: number,
    limitPrice: number,
    timeInForce: 'day' | 'ioc' = 'ioc',
  ) => {
    const id = `${accountId}-${iso}-${next++}`;
    return broker
      .submit({
        accountId,
        orderId: id,
        clientOrderId: id,
        symbol: 'AAPL',
        side: 'buy',
        quantity,
        limitPrice,
        timeInForce,
      })
      .then(() => id);
  };
  const paid = (id: string) =>
    reports.of(id).reduce((sum, report) => sum + (report.kind === 'fill' ? report.notionalCents : 0), 0);
  const commission = (id: string) =>
    reports.of(id).reduce((sum, report) => sum + (report.kind === 'fill' ? report.commissionCents : 0), 0);
  return { clock, broker, reports, quote, buy, paid, commission };
}

const notionalCents = (executions: { quantity: number; price: number }[]) =>
  executions.reduce((sum, execution) => sum + Math.round(execution.price * execution.quantity * 100), 0);

describe('the paper venue’s impact book (dynalite)', () => {
  it('is shared by every account: orders sent at once take the depth once each, as one order would', async () => {
    const venue = await venueAt('2026-11-18T15:00:00Z');
    const liquidity = (await instruments.get('AAPL'))!.liquidity!;
    const limit = Math.round(venue.quote.ask * 1.05 * 100) / 100;
    const ids = await Promise.all(
      Array.from({ length: 10 }, (_, i) => venue.buy(`account-${i % 3}`, 400, limit)),
    );
    const total = ids.reduce((sum, id) => sum + venue.paid(id), 0);
    const whole = walkImpactBook(
      { side: 'buy', quantity: 4_000, limitPrice: limit },
      { quote: venue.quote, tickSize: 0.01, liquidity, at: venue.clock.now().getTime() },
      UNTOUCHED,
      DEFAULT_IMPACT,
    );
    expect(ids.every((id) => venue.reports.filled(id) === 400)).toBe(true);
    expect(total).toBe(notionalCents(whole.executions));
  });

  it('gives the depth back at the half-life: a resting order fills later from the recovered depth, paying the minimum commission once', async () => {
    const venue = await venueAt('2026-11-19T16:10:00Z');
    const liquidity = (await instruments.get('AAPL'))!.liquidity!;
    const permanentShare = DEFAULT_IMPACT.permanentFraction ** (1 / DEFAULT_IMPACT.exponent);
    // A walk from `depth` shares into the ask side (transient and permanent alike), at an instant.
    const walk = (quantity: number, quote: { bid: number; ask: number }, depth: number, at: number) =>
      walkImpactBook(
        { side: 'buy', quantity, limitPrice: venue.quote.ask },
        { quote, tickSize: 0.01, liquidity, at },
        { ...UNTOUCHED, ask: depth },
        DEFAULT_IMPACT,
      );
    const start = venue.clock.now().getTime();
    // Another account takes all but 50 of the shares the touch holds at this minute's volume.
    const touchDepth = walk(10_000, venue.quote, 0, start).executions.reduce((sum, e) => sum + e.quantity, 0);
    await venue.buy('account-b', touchDepth - 50, venue.quote.ask);
    const resting = await venue.buy('account-a', 150, venue.quote.ask, 'day');
    const firstPass = 50;
    expect(venue.reports.filled(resting)).toBe(firstPass);
    expect(venue.commission(resting)).toBe(100); // the $1 minimum, on the first pass
    const paidFirst = venue.paid(resting);

    // A half-life on (the market has moved), the taken depth has halved. (The first test's permanent impact was yesterday's.)
    venue.clock.advance(DEFAULT_IMPACT.halfLifeSeconds * 1_000);
    const later = (await new SimulatedMarketData(venue.clock, 42).getQuotes(['AAPL'])).get('AAPL')!;
    await venue.broker.matchResting();
    expect(venue.reports.filled(resting)).toBe(150);
    // The transient part of what was taken has halved; the permanent part stays.
    const now = start + DEFAULT_IMPACT.halfLifeSeconds * 1_000;
    const remains = (touchDepth * (1 - permanentShare)) / 2 + touchDepth * permanentShare;
    const expected = walk(150 - firstPass, later, remains, now);
    const unrecovered = walk(150 - firstPass, later, touchDepth, now);
    expect(venue.paid(resting) - paidFirst).toBe(notionalCents(expected.executions));
    // Had nothing come back, the same limit would have bought less, or paid more.
    const filledOf = (walked: { executions: { quantity: number }[] }) =>
      walked.executions.reduce((sum, e) => sum + e.quantity, 0);
    expect(filledOf(expected)).toBe(150 - firstPass);
    expect(
      filledOf(unrecovered) < filledOf(expected) ||
        notionalCents(unrecovered.executions) > notionalCents(expected.executions),
    ).toBe(true);
    // 150 × $0.005 = $0.75 < $1: the whole order pays the minimum once.
    expect(venue.commission(resting)).toBe(100);
  });
});
