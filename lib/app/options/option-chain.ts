import { DomainError, NotFoundError } from '../../core/errors';
import type { OptionChain, OptionQuote } from '../../core/options';
import type { OptionChains } from '../ports/option-chains';

/** One expiry of an underlying's chain: what the venue quotes and fills option orders against. */
export interface ChainExpiry {
  underlying: string;
  spot: number;
  asOf: string;
  /** Every listed expiry (YYYY-MM-DD), nearest first. */
  expirations: string[];
  expiration: string;
  timeToExpiry: number;
  calls: OptionQuote[];
  puts: OptionQuote[];
}

/**
 * The chain of an underlying at one expiry: the one asked for, or the nearest. 404 when the
 * underlying has no options; 422 naming `expiration` when that date is not listed.
 */
export async function chainExpiry(
  chains: OptionChains,
  underlying: string,
  expiration?: string,
): Promise<ChainExpiry> {
  const chain: OptionChain | null = await chains.chain(underlying);
  if (!chain || chain.expiries.length === 0) throw new NotFoundError(`An option chain for ${underlying}`);
  const expirations = chain.expiries.map((entry) => entry.expiry);
  const chosen =
    expiration === undefined ? chain.expiries[0]! : chain.expiries.find((e) => e.expiry === expiration);
  if (!chosen) {
    throw new DomainError(
      'EXPIRATION_NOT_LISTED',
      `${underlying} has no options expiring ${expiration}; listed: ${expirations.join(', ')}`,
      'unprocessable',
      [{ field: 'expiration', in: 'query', problem: `is not a listed expiration of ${underlying}` }],
    );
  }
  return {
    underlying: chain.underlying,
    spot: chain.spot,
    asOf: chain.asOf,
    expirations,
    expiration: chosen.expiry,
    timeToExpiry: chosen.timeToExpiry,
    calls: chosen.calls,
    puts: chosen.puts,
  };
}
