import { AlpacaBroker } from '../../../lib/adapters/alpaca/alpaca-broker';
import { AlpacaTradeUpdates } from '../../../lib/adapters/alpaca/alpaca-trade-updates';
import { InMemoryVenueStore } from '../../../lib/adapters/broker/in-memory-venue-store';
import { DEFAULT_PAPER_VENUE, PaperBroker } from '../../../lib/adapters/broker/paper-broker';
import { SimulatedOptionChains } from '../../../lib/adapters/market-data/simulated-option-chains';
import { chainExpiry } from '../../../lib/app/options/option-chain';
import { SimulatedInstruments } from '../../../lib/adapters/market-data/simulated-instruments';
import { startFakeAlpaca } from '../../support/fake-alpaca';
import { ScriptedMarketData, TestClock } from '../../support/order-harness';
import { brokerContract, CollectedReports } from './broker.contract';

/** Wednesday 2026-11-18, 15:00 UTC: inside NYSE's regular session. */
const IN_SESSION = new Date('2026-11-18T15:00:00Z');

brokerContract('the paper venue', async () => {
  const clock = new TestClock(IN_SESSION);
  const market = new ScriptedMarketData(clock);
  const reports = new CollectedReports();
  const chains = new SimulatedOptionChains(market, clock);
  const broker = new PaperBroker(
    new InMemoryVenueStore(),
    market,
    new SimulatedInstruments(),
    clock,
    reports,
    DEFAULT_PAPER_VENUE,
    chains,
  );
  const ask = async (symbol: string) => (await market.getQuotes([symbol])).get(symbol)!.ask;
  return {
    broker,
    reports,
    deliver: async () => undefined,
    marketableBuy: async (symbol) => Math.round((await ask(symbol)) * 1.02 * 100) / 100,
    restingBuy: async (symbol) => Math.round((await ask(symbol)) * 0.5 * 100) / 100,
    spyCalls: async () => (await chainExpiry(chains, 'SPY')).calls,
    trade: async (symbol, price) => {
      clock.advance(1_000);
      market.trade(symbol, price);
      await broker.matchResting();
    },
    stop: async () => undefined,
  };
});

brokerContract('Alpaca, against a fake Alpaca server on loopback', async () => {
  const clock = new TestClock(IN_SESSION);
  const { fake, rest } = await startFakeAlpaca(clock);
  const journal = new InMemoryVenueStore();
  const reports = new CollectedReports();
  const updates = new AlpacaTradeUpdates(rest, journal, reports, clock, 'acct-contract');
  return {
    broker: new AlpacaBroker(rest, journal, reports, clock),
    reports,
    deliver: async () => {
      await updates.poll();
    },
    marketableBuy: async (symbol) => fake.prices.get(symbol)! * 1.01,
    restingBuy: async (symbol) => fake.prices.get(symbol)! * 0.5,
    spyCalls: async () => fake.simulatedChain('SPY')!.expiries[0]!.calls,
    trade: async (symbol, price) => {
      clock.advance(1_000);
      fake.trade(symbol, price);
    },
    stop: () => fake.stop(),
  };
});
