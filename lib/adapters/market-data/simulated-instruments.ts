import type { Instruments } from '../../app/ports/instruments';
import type { Instrument } from '../../core/market/instrument';
import { SIMULATED_UNIVERSE } from './simulated-universe';

/** The simulated market's instruments: US equities on a one-cent tick, one-share lots, with the universe's liquidity. */
export class SimulatedInstruments implements Instruments {
  private readonly bySymbol = new Map<string, Instrument>(
    SIMULATED_UNIVERSE.map((instrument) => [
      instrument.symbol,
      {
        symbol: instrument.symbol,
        name: instrument.name,
        sector: instrument.sector,
        tickSize: 0.01,
        lotSize: 1,
        tradable: true,
        liquidity: {
          averageDailyVolume: instrument.averageDailyVolume,
          dailyVolatility: instrument.volatility / Math.sqrt(252),
        },
      },
    ]),
  );

  async get(symbol: string): Promise<Instrument | null> {
    return this.bySymbol.get(symbol) ?? null;
  }

  all(): Instrument[] {
    return [...this.bySymbol.values()];
  }
}
