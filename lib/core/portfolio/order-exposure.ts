import { DomainError } from '../errors';
import { type Cents, formatDollars, notionalCents, prorateCents } from '../money';
import { contractMultiplier, isOptionSymbol } from '../options/occ-symbol';
import {
  type Account,
  type LedgerEntry,
  type OrderExposure,
  type Position,
  buyingPowerCents,
  closableContracts,
  sellableQuantity,
} from './account';
import { positionAfterFill } from './position-fill';

/**
 * Sets money or shares aside for a new working order, or refuses. Pure: returns the next
 * account (version + 1); the caller saves it conditionally, so two orders racing for the same
 * dollars cannot both win. Reserving an order that already holds a reservation is a no-op.
 */
export function reserveForOrder(
  account: Account,
  exposure: Omit<OrderExposure, 'filledQuantity' | 'fillIds'>,
  now: Date,
): Account {
  if (account.openOrders[exposure.orderId]) return account;
  for (const leg of exposure.legs ?? []) {
    if (!leg.closing) continue;
    const closable = closableContracts(account, leg.symbol, leg.side);
    if (leg.ratio * exposure.quantity > closable) {
      throw new DomainError(
        'INSUFFICIENT_POSITION',
        `Closing ${leg.ratio * exposure.quantity} ${leg.symbol} needs that many contracts ${leg.side === 'sell' ? 'long' : 'short'}; ${Math.max(0, closable)} can be closed`,
        'unprocessable',
      );
    }
  }
  if (exposure.side === 'buy' || exposure.legs) {
    const available = buyingPowerCents(account);
    if (exposure.reservedCents > available) {
      throw new DomainError(
        'INSUFFICIENT_BUYING_POWER',
        `The order needs ${formatDollars(exposure.reservedCents / 100)} of buying power; ${formatDollars(available / 100)} is available`,
        'unprocessable',
      );
    }
  } else {
    const available = sellableQuantity(account, exposure.symbol);
    if (exposure.reservedQuantity > available) {
      throw new DomainError(
        'INSUFFICIENT_POSITION',
        `Selling ${exposure.reservedQuantity} ${exposure.symbol} needs that many shares; ${Math.max(0, available)} are available (short selling is disabled)`,
        'unprocessable',
      );
    }
  }
  return {
    ...account,
    reservedCents: account.reservedCents + exposure.reservedCents,
    openOrders: {
      ...account.openOrders,
      [exposure.orderId]: { ...exposure, filledQuantity: 0, fillIds: [] },
    },
    updatedAt: now.toISOString(),
    version: account.version + 1,
  };
}

/** One execution as the account sees it. `notionalCents` is exact (sum of price × quantity per level). */
export interface AccountFill {
  fillId: string;
  /** The exposure the fill draws on: the parent for a child slice, else the order itself. */
  exposureId: string;
  orderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  /** Shares, or for an option order the units of it that traded. */
  quantity: number;
  notionalCents: Cents;
  commissionCents: Cents;
  at: Date;
  /** Option orders: what each leg traded (contracts; notional with the multiplier, in cents). */
  legs?: readonly TradedLeg[];
}

/** One instrument's part of a fill. */
export interface TradedLeg {
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  notionalCents: Cents;
}

export type FillOutcome =
  | { kind: 'applied'; account: Account; entries: LedgerEntry[]; realizedPnlCents: Cents }
  | { kind: 'duplicate' }
  | { kind: 'no_exposure' };

/**
 * Applies one fill to cash, the positions and the order's reservation, exactly once. Buys pay
 * notional + commission; sells receive notional − commission and realise P&L against the
 * average cost of what they close. Commission is a realised expense (not cost basis), so
 * `opening cash + realised P&L = cash + cost basis of open positions` holds after every fill.
 * An option order's fill trades each of its legs (a sell may open a short contract: its risk
 * was reserved); shares are never sold short.
 */
export function applyFill(account: Account, fill: AccountFill): FillOutcome {
  const exposure = account.openOrders[fill.exposureId];
  if (!exposure) return { kind: 'no_exposure' };
  if (exposure.fillIds.includes(fill.fillId)) return { kind: 'duplicate' };
  const remainingBefore = exposure.quantity - exposure.filledQuantity;
  if (fill.quantity <= 0 || fill.quantity > remainingBefore) {
    throw new DomainError(
      'OVERFILL',
      `Fill ${fill.fillId} of ${fill.quantity} exceeds the ${remainingBefore} remaining on ${exposure.orderId}`,
      'conflict',
    );
  }
  const at = fill.at.toISOString();
  const legs: readonly TradedLeg[] = fill.legs ?? [fill];
  const positions = { ...account.positions };
  const entries: LedgerEntry[] = [];
  let sequence = account.ledgerSequence;
  let cashCents = account.cashCents;
  let realized: Cents = -fill.commissionCents;
  for (const leg of legs) {
    const traded = tradeLeg(positions, leg, fill.fillId, at);
    realized += traded.realizedCents;
    const amountCents = leg.side === 'buy' ? -leg.notionalCents : leg.notionalCents;
    cashCents += amountCents;
    entries.push({
      accountId: account.accountId,
      sequence: ++sequence,
      kind: 'trade',
      amountCents,
      balanceAfterCents: cashCents,
      at,
      reference: legs.length > 1 ? `${fill.fillId}:${leg.symbol}` : fill.fillId,
      trade: {
        orderId: fill.orderId,
        symbol: leg.symbol,
        side: leg.side,
        quantity: leg.quantity,
        price: leg.notionalCents / 100 / leg.quantity / contractMultiplier(leg.symbol),
        realizedPnlCents: traded.realizedCents,
        ...(exposure.strategyId ? { strategyId: exposure.strategyId } : {}),
      },
    });
  }
  cashCents -= fill.commissionCents;
  if (fill.commissionCents > 0) {
    entries.push({
      accountId: account.accountId,
      sequence: ++sequence,
      kind: 'commission',
      amountCents: -fill.commissionCents,
      balanceAfterCents: cashCents,
      at,
      reference: fill.fillId,
    });
  }
  // The commission is realised on the order's first leg's symbol (an equity fill's only one).
  const first = positions[legs[0]!.symbol];
  if (first)
    positions[first.symbol] = { ...first, realizedPnlCents: first.realizedPnlCents - fill.commissionCents };

  const filledQuantity = exposure.filledQuantity + fill.quantity;
  const releasedCents = prorateCents(exposure.reservedCents, fill.quantity, remainingBefore);
  const nextExposure: OrderExposure = {
    ...exposure,
    filledQuantity,
    reservedCents: exposure.reservedCents - releasedCents,
    reservedQuantity:
      exposure.side === 'sell' && !exposure.legs ? exposure.reservedQuantity - fill.quantity : 0,
    fillIds: [...exposure.fillIds, fill.fillId],
  };
  for (const leg of legs) {
    const position = positions[leg.symbol];
    // Keep realised P&L on the account; a flat position leaves the list.
    if (position && position.quantity === 0 && position.costBasisCents === 0) delete positions[leg.symbol];
  }
  return {
    kind: 'applied',
    realizedPnlCents: realized,
    entries,
    account: {
      ...account,
      cashCents,
      reservedCents: account.reservedCents - releasedCents,
      realizedPnlCents: account.realizedPnlCents + realized,
      positions,
      openOrders: { ...account.openOrders, [exposure.orderId]: nextExposure },
      ledgerSequence: sequence,
      updatedAt: at,
      version: account.version + 1,
    },
  };
}

/** One leg's trade into `positions` (changed in place): the P&L it realised, before commission. */
function tradeLeg(
  positions: Record<string, Position>,
  leg: TradedLeg,
  fillId: string,
  at: string,
): { realizedCents: Cents } {
  const position = positions[leg.symbol] ?? {
    symbol: leg.symbol,
    quantity: 0,
    costBasisCents: 0,
    realizedPnlCents: 0,
    openedAt: at,
    updatedAt: at,
  };
  if (leg.side === 'sell' && leg.quantity > position.quantity && !isOptionSymbol(leg.symbol)) {
    throw new DomainError('OVERSELL', `Fill ${fillId} sells more ${leg.symbol} than is held`, 'conflict');
  }
  const traded = positionAfterFill(
    position,
    leg.side === 'buy' ? leg.quantity : -leg.quantity,
    leg.notionalCents,
  );
  positions[leg.symbol] = {
    ...position,
    quantity: traded.quantity,
    costBasisCents: traded.costBasisCents,
    realizedPnlCents: position.realizedPnlCents + traded.realizedCents,
    ...(position.quantity === 0 ? { openedAt: at } : {}),
    updatedAt: at,
  };
  return { realizedCents: traded.realizedCents };
}

/**
 * Ends an order's hold on the account (filled, canceled, expired or rejected): whatever it
 * still reserves is released. Ending an order that holds nothing is a no-op (null).
 */
export function releaseOrder(account: Account, orderId: string, now: Date): Account | null {
  const exposure = account.openOrders[orderId];
  if (!exposure) return null;
  const openOrders = { ...account.openOrders };
  delete openOrders[orderId];
  return {
    ...account,
    reservedCents: account.reservedCents - exposure.reservedCents,
    openOrders,
    updatedAt: now.toISOString(),
    version: account.version + 1,
  };
}

/** Cash a buy order must hold: its notional at the protection price plus a commission allowance. */
export function buyReservationCents(
  quantity: number,
  protectionPrice: number,
  commissionAllowanceCents: Cents,
): Cents {
  return notionalCents(protectionPrice, quantity) + commissionAllowanceCents;
}
