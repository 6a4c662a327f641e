import { midPrice } from '../../core/market/quote';
import { type Account, openPaperAccount } from '../../core/portfolio/account';
import { type PortfolioValuation, valuePortfolio } from '../../core/portfolio/valuation';
import type { Quote } from '../../core/market/quote';
import {
  optionPositionGreeks,
  type PositionGreeks,
  sharePositionGreeks,
} from '../../core/options/position-greeks';
import type { AccountRepository } from '../ports/account-repository';
import type { Clock } from '../ports/clock';
import type { MarketData } from '../ports/market-data';
import type { OptionChains } from '../ports/option-chains';
import { quoteSymbols } from '../options/position-quotes';

export interface PortfolioDependencies {
  accounts: AccountRepository;
  marketData: MarketData;
  /** Held option contracts are marked to their chains. */
  optionChains: OptionChains;
  clock: Clock;
  /** Cash a paper account opens with, in cents. */
  startingCashCents: number;
}

/**
 * Returns the account's portfolio marked to the latest quotes. A paper account that does
 * not exist yet is opened on first sight; concurrent first requests open it exactly once.
 */
export async function getPortfolio(deps: PortfolioDependencies, accountId: string): Promise<PortfolioView> {
  const account = await ensurePaperAccount(deps, accountId);
  const symbols = Object.values(account.positions)
    .filter((position) => position.quantity !== 0)
    .map((position) => position.symbol);
  const quotes: Map<string, Quote> = symbols.length > 0 ? await quoteSymbols(deps, symbols) : new Map();
  const prices = new Map([...quotes].map(([symbol, quote]) => [symbol, midPrice(quote)]));
  const valuation = valuePortfolio(account, prices);
  const greeks = new Map<string, PositionGreeks>();
  for (const { position, marketPrice } of valuation.positions) {
    const mark = quotes.get(position.symbol)?.option;
    if (mark) greeks.set(position.symbol, optionPositionGreeks(position.quantity, mark));
    else if (marketPrice !== null)
      greeks.set(position.symbol, sharePositionGreeks(position.quantity, marketPrice));
  }
  return { ...valuation, greeks };
}

/** The portfolio marked to market, with each priced position's greeks (dollar greeks: lib/core/options/position-greeks.ts). */
export interface PortfolioView extends PortfolioValuation {
  greeks: ReadonlyMap<string, PositionGreeks>;
}

/** Reads the account, opening a paper account with the configured starting cash if there is none. */
export async function ensurePaperAccount(
  deps: Pick<PortfolioDependencies, 'accounts' | 'clock' | 'startingCashCents'>,
  accountId: string,
): Promise<Account> {
  const existing = await deps.accounts.get(accountId);
  if (existing) return existing;
  const { account, entries } = openPaperAccount(accountId, deps.startingCashCents, deps.clock.now());
  const created = await deps.accounts.create(account, entries);
  if (created) return account;
  // Another request opened it between our read and our write: theirs stands.
  const winner = await deps.accounts.get(accountId);
  if (!winner) throw new Error(`account ${accountId} vanished after a create conflict`);
  return winner;
}
