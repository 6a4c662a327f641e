import type { Cents } from '../money';
import { optionsRequirementCents } from '../options/option-requirement';
import type { AccountRiskState } from '../risk/account-risk-state';
import type { StrategyPositions } from './strategy-positions';

/** Whether an account trades on the simulated paper venue or a real broker account. */
export type AccountMode = 'paper' | 'live';

/**
 * A position in one instrument. `quantity` is signed (negative = short). `costBasisCents`
 * is the total cost of the open quantity (negative for shorts), so the average cost is
 * `costBasisCents / quantity / 100` dollars. Realized P&L accumulates per symbol.
 */
export interface Position {
  symbol: string;
  quantity: number;
  costBasisCents: Cents;
  realizedPnlCents: Cents;
  openedAt: string;
  updatedAt: string;
}

/**
 * The unit of atomicity for money: cash, reservations for open buy orders and every
 * position live in one record with a `version`, so a change to any of them is one
 * conditional write (DynamoDB has no multi-item transactions in the local host).
 */
export interface Account {
  accountId: string;
  mode: AccountMode;
  currency: 'USD';
  cashCents: Cents;
  /** Cash set aside for open buy orders; buying power excludes it. */
  reservedCents: Cents;
  realizedPnlCents: Cents;
  positions: Record<string, Position>;
  /** Money and shares set aside for each working order (parents and simple orders), by order id. */
  openOrders: Record<string, OrderExposure>;
  /** Sequence of the last ledger entry written; entries continue from here. */
  ledgerSequence: number;
  /** The risk engine's memory (session-open equity, recent orders, losing streaks); absent until the first order. */
  risk?: AccountRiskState;
  /** What each strategy's own fills hold, by strategy id and symbol (see strategy-positions.ts). */
  strategyPositions?: StrategyPositions;
  createdAt: string;
  updatedAt: string;
  /** Incremented on every write; writers condition on the version they read. */
  version: number;
}

/**
 * What a working order holds on the account. Buys reserve cash (the notional at the order's
 * protection price plus a commission allowance); sells reserve shares. Fills release the
 * reservation in proportion; the end of the order releases what is left. `fillIds` makes
 * applying a fill idempotent: it is checked in the same conditional write that applies it.
 */
export interface OrderExposure {
  orderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  filledQuantity: number;
  reservedCents: Cents;
  reservedQuantity: number;
  fillIds: string[];
  /** The strategy that sent the order, for its losing streak. */
  strategyId?: string;
  /**
   * Option orders: the contracts each unit trades. `quantity` counts units; `reservedCents` holds
   * the order's worst case (premium and the requirement it adds); legs that close a position
   * hold those contracts, so two orders cannot close the same one.
   */
  legs?: ExposureLeg[];
  openedAt: string;
}

export interface ExposureLeg {
  symbol: string;
  side: 'buy' | 'sell';
  ratio: number;
  /** The leg closes (part of) a position rather than opening one. */
  closing: boolean;
}

/** One movement of cash, kept as an append-only ledger that must sum to the account's cash. */
export interface LedgerEntry {
  accountId: string;
  /** 1, 2, 3… in commit order, gap-free; continues from the account's `ledgerSequence` (one write may commit several). */
  sequence: number;
  /** `expiry`, `exercise`, `assignment`: an option position ended at its expiration (worthless, or at its intrinsic value). */
  kind:
    'deposit' | 'withdrawal' | 'trade' | 'commission' | 'adjustment' | 'expiry' | 'exercise' | 'assignment';
  amountCents: Cents;
  balanceAfterCents: Cents;
  at: string;
  reference?: string;
  note?: string;
  /** For trade entries: what was traded, and the P&L it realised (sells). */
  trade?: {
    orderId: string;
    symbol: string;
    side: 'buy' | 'sell';
    quantity: number;
    price: number;
    realizedPnlCents: Cents;
    /** The strategy whose order it was (absent for an order placed by hand). */
    strategyId?: string;
  };
}

/** Opens a paper account funded with `startingCashCents`; returns it with its opening deposit. */
export function openPaperAccount(
  accountId: string,
  startingCashCents: Cents,
  now: Date,
): { account: Account; entries: LedgerEntry[] } {
  if (!Number.isSafeInteger(startingCashCents) || startingCashCents < 0) {
    throw new RangeError(`starting cash must be a non-negative whole number of cents: ${startingCashCents}`);
  }
  const at = now.toISOString();
  const account: Account = {
    accountId,
    mode: 'paper',
    currency: 'USD',
    cashCents: startingCashCents,
    reservedCents: 0,
    realizedPnlCents: 0,
    positions: {},
    openOrders: {},
    ledgerSequence: 1,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const deposit: LedgerEntry = {
    accountId,
    sequence: 1,
    kind: 'deposit',
    amountCents: startingCashCents,
    balanceAfterCents: startingCashCents,
    at,
    note: 'opening paper balance',
  };
  return { account, entries: [deposit] };
}

/**
 * Cash available for new orders: cash less what open orders have reserved and what held short
 * options oblige the account to keep (their worst payoff at expiry). Cash account, no margin.
 */
export function buyingPowerCents(account: Account): Cents {
  return (
    account.cashCents - account.reservedCents - optionsRequirementCents(Object.values(account.positions))
  );
}

/** Shares of a symbol that can still be sold: held, less what working sell orders have reserved. */
export function sellableQuantity(account: Account, symbol: string): number {
  const held = account.positions[symbol]?.quantity ?? 0;
  const reserved = Object.values(account.openOrders)
    .filter((exposure) => exposure.symbol === symbol && exposure.side === 'sell')
    .reduce((sum, exposure) => sum + exposure.reservedQuantity, 0);
  return held - reserved;
}

/**
 * Contracts of an option position that an order may still close: the position's size (long for
 * a sell, short for a buy), less what working option orders already close of it.
 */
export function closableContracts(account: Account, symbol: string, side: 'buy' | 'sell'): number {
  const held = account.positions[symbol]?.quantity ?? 0;
  const size = side === 'sell' ? Math.max(0, held) : Math.max(0, -held);
  let closing = 0;
  for (const exposure of Object.values(account.openOrders)) {
    for (const leg of exposure.legs ?? []) {
      if (leg.closing && leg.symbol === symbol && leg.side === side)
        closing += leg.ratio * (exposure.quantity - exposure.filledQuantity);
    }
  }
  return size - closing;
}
