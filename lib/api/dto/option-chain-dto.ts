import type * as z from '../zod';
import type { ChainExpiry } from '../../app/options/option-chain';
import { thetaPerDay, vegaPerPoint } from '../../core/options';
import type { OptionQuote } from '../../core/options';
import { toPriceTick } from '../../core/money';
import type { ChainResponse } from '../schemas/options';

const YEAR_DAYS = 365;

export function toChainDto(chain: ChainExpiry): z.infer<typeof ChainResponse> {
  const contract = (quote: OptionQuote) => ({
    symbol: quote.symbol,
    type: quote.contract.type,
    strike: quote.contract.strike,
    bid: quote.bid,
    ask: quote.ask,
    mid: toPriceTick(quote.mid),
    implied_volatility: quote.impliedVolatility,
    delta: quote.delta,
    gamma: quote.gamma,
    theta_per_day: thetaPerDay(quote),
    vega_per_point: vegaPerPoint(quote),
  });
  return {
    underlying: chain.underlying,
    spot: toPriceTick(chain.spot),
    as_of: chain.asOf,
    expirations: chain.expirations,
    expiration: chain.expiration,
    days_to_expiry: Math.round(chain.timeToExpiry * YEAR_DAYS * 100) / 100,
    multiplier: 100,
    calls: chain.calls.map(contract),
    puts: chain.puts.map(contract),
  };
}
