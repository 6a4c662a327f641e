import { DomainError } from '../errors';
import { type Cents, formatDollars, notionalCents, prorateCents } from '../money';
import {
  type Account,
  type LedgerEntry,
  type OrderExposure,
  buyingPowerCents,
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
  if (exposure.side === 'buy') {
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
    reservedCents: account.reservedCents + (exposure.side === 'buy' ? exposure.reservedCents : 0),
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
  quantity: number;
  notionalCents: Cents;
  commissionCents: Cents;
  at: Date;
}

export type FillOutcome =
  | { kind: 'applied'; account: Account; entries: LedgerEntry[]; realizedPnlCents: Cents }
  | { kind: 'duplicate' }
  | { kind: 'no_exposure' };

/**
 * Applies one fill to cash, the position and the order's reservation, exactly once. Buys pay
 * notional + commission; sells receive notional − commission and realise P&L against the
 * average cost of the shares sold. Commission is a realised expense (not cost basis), so
 * `opening cash + realised P&L = cash + cost basis of open positions` holds after every fill.
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
  const position = account.positions[fill.symbol] ?? {
    symbol: fill.symbol,
    quantity: 0,
    costBasisCents: 0,
    realizedPnlCents: 0,
    openedAt: at,
    updatedAt: at,
  };
  if (fill.side === 'sell' && fill.quantity > position.quantity) {
    throw new DomainError(
      'OVERSELL',
      `Fill ${fill.fillId} sells more ${fill.symbol} than is held`,
      'conflict',
    );
  }
  const traded = positionAfterFill(
    position,
    fill.side === 'buy' ? fill.quantity : -fill.quantity,
    fill.notionalCents,
  );
  const realized: Cents = traded.realizedCents - fill.commissionCents;
  const cashCents =
    account.cashCents +
    (fill.side === 'buy' ? -fill.notionalCents : fill.notionalCents) -
    fill.commissionCents;
  let nextPosition = { ...position, quantity: traded.quantity, costBasisCents: traded.costBasisCents };
  nextPosition = { ...nextPosition, realizedPnlCents: position.realizedPnlCents + realized, updatedAt: at };

  const filledQuantity = exposure.filledQuantity + fill.quantity;
  const releasedCents =
    exposure.side === 'buy' ? prorateCents(exposure.reservedCents, fill.quantity, remainingBefore) : 0;
  const nextExposure: OrderExposure = {
    ...exposure,
    filledQuantity,
    reservedCents: exposure.reservedCents - releasedCents,
    reservedQuantity: exposure.side === 'sell' ? exposure.reservedQuantity - fill.quantity : 0,
    fillIds: [...exposure.fillIds, fill.fillId],
  };

  const price = fill.notionalCents / 100 / fill.quantity;
  let sequence = account.ledgerSequence;
  const tradeAmount = fill.side === 'buy' ? -fill.notionalCents : fill.notionalCents;
  const entries: LedgerEntry[] = [
    {
      accountId: account.accountId,
      sequence: ++sequence,
      kind: 'trade',
      amountCents: tradeAmount,
      balanceAfterCents: account.cashCents + tradeAmount,
      at,
      reference: fill.fillId,
      trade: {
        orderId: fill.orderId,
        symbol: fill.symbol,
        side: fill.side,
        quantity: fill.quantity,
        price,
        realizedPnlCents: realized + fill.commissionCents,
      },
    },
  ];
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
  const positions = { ...account.positions, [fill.symbol]: nextPosition };
  if (nextPosition.quantity === 0 && nextPosition.costBasisCents === 0) {
    // Keep realised P&L on the account; a flat position leaves the list.
    delete positions[fill.symbol];
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
    reservedCents: account.reservedCents - (exposure.side === 'buy' ? exposure.reservedCents : 0),
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
