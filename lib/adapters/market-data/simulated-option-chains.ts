import type { Clock } from '../../app/ports/clock';
import type { OptionChains } from '../../app/ports/option-chains';
import { listedExpiries, type OptionChain, simulateChain } from '../../core/options';
import { midPrice } from '../../core/market/quote';
import type { SimulatedMarketData } from './simulated-market-data';

/**
 * Option chains on the simulated market: spot from the simulated quote, the at-the-money
 * volatility of the instrument with a put skew and a smile, weekly and monthly expiries, strikes
 * on the listing grid usual for the price ($1 under $50, $2.50 under $200, $5 above).
 */
export class SimulatedOptionChains implements OptionChains {
  constructor(
    private readonly market: SimulatedMarketData,
    private readonly clock: Clock,
  ) {}

  async chain(underlying: string): Promise<OptionChain | null> {
    const quote = (await this.market.getQuotes([underlying])).get(underlying);
    const volatility = this.market.volatilityOf(underlying);
    if (!quote || volatility === undefined) return null;
    const spot = midPrice(quote);
    const asOf = this.clock.now();
    return simulateChain({
      underlying,
      spot,
      asOf,
      atmVolatility: volatility,
      rate: 0.04,
      skew: -0.15,
      smile: 0.4,
      strikeStep: spot < 50 ? 1 : spot < 200 ? 2.5 : 5,
      strikesEachSide: 30,
      expiries: listedExpiries(asOf, 4, 3),
    });
  }
}
