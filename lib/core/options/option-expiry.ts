import { type Cents, formatDollars, notionalCents } from '../money';
import type { Account, LedgerEntry, Position } from '../portfolio/account';
import { positionAfterFill } from '../portfolio/position-fill';
import { newYorkDate } from '../market/nyse-calendar';
import { isOptionSymbol, OPTION_MULTIPLIER, parseOccSymbol } from './occ-symbol';
import { expiryClose } from './option-chain';

/** Underlyings whose options settle in cash (index options); the rest deliver shares. */
const CASH_SETTLED = new Set(['SPX', 'SPXW', 'XSP', 'NDX', 'RUT', 'VIX', 'DJX']);

/** What became of one option position at its expiration. */
export interface ExpirySettlement {
  symbol: string;
  /** Signed contracts that expired. */
  quantity: number;
  /** Per share, at the underlying's closing price. */
  intrinsic: number;
  outcome: 'expired' | 'exercised' | 'assigned';
  realizedPnlCents: Cents;
}

export interface ExpiryResult {
  account: Account;
  entries: LedgerEntry[];
  settlements: ExpirySettlement[];
  /** Shares of each underlying delivered (signed), and those settled in cash instead. */
  deliveries: { underlying: string; close: number; delivered: number; cashSettled: number }[];
}

/**
 * Ends every option position whose expiration close has passed, at the underlying's close that
 * day (`closes`): out of the money it expires worthless; in the money it is exercised (long) or
 * assigned (short) — the contract closes at its intrinsic value and, for a physically settled
 * underlying, the shares change hands at the close (together: paying the strike for them). The
 * deliveries of an underlying are netted; what a cash account cannot take — shares it would
 * have to sell short, or buy without the cash — settles in cash at the close instead, as a
 * broker closes them out (each entry says so). `closeOf` gives the underlying's close on an
 * expiration date. Null when nothing has expired (or its close is not known yet).
 */
export function settleExpiredOptions(
  account: Account,
  now: Date,
  closeOf: (underlying: string, expiry: string) => number | undefined,
): ExpiryResult | null {
  const expired = Object.values(account.positions)
    .filter((position) => position.quantity !== 0 && isOptionSymbol(position.symbol))
    .map((position) => ({ position, contract: parseOccSymbol(position.symbol)! }))
    .filter(
      ({ contract }) =>
        expiryClose(contract.expiry) <= now && closeOf(contract.underlying, contract.expiry) !== undefined,
    )
    .sort((a, b) => (a.position.symbol < b.position.symbol ? -1 : 1));
  if (expired.length === 0) return null;
  const at = now.toISOString();
  const positions: Record<string, Position> = { ...account.positions };
  const entries: LedgerEntry[] = [];
  const settlements: ExpirySettlement[] = [];
  const delivery = new Map<string, number>();
  // The close each underlying's deliveries trade at (the latest expiration's, when several settle at once).
  const closes = new Map<string, number>();
  let cashCents = account.cashCents;
  let realizedCents = 0;
  let sequence = account.ledgerSequence;
  const strategyPositions = account.strategyPositions
    ? structuredClone(account.strategyPositions)
    : undefined;

  for (const { position, contract } of expired) {
    const close = closeOf(contract.underlying, contract.expiry)!;
    closes.set(contract.underlying, close);
    const intrinsic = Math.max(
      0,
      contract.type === 'call' ? close - contract.strike : contract.strike - close,
    );
    const perShare = Math.round(intrinsic * 100) / 100;
    const quantity = position.quantity;
    const notional = notionalCents(perShare, Math.abs(quantity) * OPTION_MULTIPLIER);
    const traded = positionAfterFill(position, -quantity, notional);
    const amountCents = quantity > 0 ? notional : -notional;
    cashCents += amountCents;
    realizedCents += traded.realizedCents;
    const outcome = perShare === 0 ? 'expired' : quantity > 0 ? 'exercised' : 'assigned';
    delete positions[position.symbol];
    for (const book of Object.values(strategyPositions ?? {})) delete book[position.symbol];
    entries.push({
      accountId: account.accountId,
      sequence: ++sequence,
      kind: outcome === 'expired' ? 'expiry' : outcome === 'exercised' ? 'exercise' : 'assignment',
      amountCents,
      balanceAfterCents: cashCents,
      at,
      reference: `expiry:${contract.expiry}:${position.symbol}`,
      note:
        outcome === 'expired'
          ? `${Math.abs(quantity)} ${position.symbol} expired worthless (${contract.underlying} closed at ${close}); P&L ${formatDollars(traded.realizedCents / 100)}`
          : `${Math.abs(quantity)} ${position.symbol} ${outcome} at ${contract.underlying}'s close of ${close}: intrinsic ${formatDollars(perShare)} a share; P&L ${formatDollars(traded.realizedCents / 100)}`,
      trade: {
        orderId: `expiry-${contract.expiry}`,
        symbol: position.symbol,
        side: quantity > 0 ? 'sell' : 'buy',
        quantity: Math.abs(quantity),
        price: perShare,
        realizedPnlCents: traded.realizedCents,
      },
    });
    settlements.push({
      symbol: position.symbol,
      quantity,
      intrinsic: perShare,
      outcome,
      realizedPnlCents: traded.realizedCents,
    });
    if (perShare > 0 && !CASH_SETTLED.has(contract.underlying)) {
      const shares = (contract.type === 'call' ? 1 : -1) * quantity * OPTION_MULTIPLIER;
      delivery.set(contract.underlying, (delivery.get(contract.underlying) ?? 0) + shares);
    }
  }

  const deliveries: ExpiryResult['deliveries'] = [];
  for (const [underlying, wanted] of [...delivery].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (wanted === 0) continue;
    const close = closes.get(underlying)!;
    const held = positions[underlying]?.quantity ?? 0;
    const affordable = Math.floor((cashCents - account.reservedCents) / Math.max(1, Math.round(close * 100)));
    const deliverable =
      wanted < 0 ? Math.max(wanted, -Math.max(0, held)) : Math.min(wanted, Math.max(0, affordable));
    const delivered = deliverable === 0 ? 0 : deliverable; // never -0
    const cashSettled = wanted - delivered;
    deliveries.push({ underlying, close, delivered, cashSettled });
    if (delivered === 0) {
      entries.push(deliveryNote(account.accountId, ++sequence, cashCents, at, underlying, wanted, close));
      continue;
    }
    const position = positions[underlying] ?? {
      symbol: underlying,
      quantity: 0,
      costBasisCents: 0,
      realizedPnlCents: 0,
      openedAt: at,
      updatedAt: at,
    };
    const notional = notionalCents(close, Math.abs(delivered));
    const traded = positionAfterFill(position, delivered, notional);
    const amountCents = delivered > 0 ? -notional : notional;
    cashCents += amountCents;
    realizedCents += traded.realizedCents;
    const next = {
      ...position,
      quantity: traded.quantity,
      costBasisCents: traded.costBasisCents,
      realizedPnlCents: position.realizedPnlCents + traded.realizedCents,
      updatedAt: at,
    };
    if (next.quantity === 0 && next.costBasisCents === 0) delete positions[underlying];
    else positions[underlying] = next;
    entries.push({
      accountId: account.accountId,
      sequence: ++sequence,
      kind: 'trade',
      amountCents,
      balanceAfterCents: cashCents,
      at,
      reference: `expiry:${newYorkDate(now)}:${underlying}`,
      note:
        `${Math.abs(delivered)} ${underlying} ${delivered > 0 ? 'bought' : 'sold'} at the close (${close}) on exercise and assignment` +
        (cashSettled === 0
          ? ''
          : `; ${Math.abs(cashSettled)} more settled in cash: a cash account cannot ${cashSettled < 0 ? 'sell shares it does not hold' : 'pay for them'}`),
      trade: {
        orderId: `expiry-${newYorkDate(now)}`,
        symbol: underlying,
        side: delivered > 0 ? 'buy' : 'sell',
        quantity: Math.abs(delivered),
        price: close,
        realizedPnlCents: traded.realizedCents,
      },
    });
  }
  return {
    account: {
      ...account,
      cashCents,
      realizedPnlCents: account.realizedPnlCents + realizedCents,
      positions,
      ...(strategyPositions ? { strategyPositions: dropEmpty(strategyPositions) } : {}),
      ledgerSequence: sequence,
      updatedAt: at,
      version: account.version + 1,
    },
    entries,
    settlements,
    deliveries,
  };
}

/** A delivery that settled wholly in cash: no money moves (the contracts did), the entry says why. */
function deliveryNote(
  accountId: string,
  sequence: number,
  cashCents: Cents,
  at: string,
  underlying: string,
  wanted: number,
  close: number,
): LedgerEntry {
  return {
    accountId,
    sequence,
    kind: 'adjustment',
    amountCents: 0,
    balanceAfterCents: cashCents,
    at,
    note: `${Math.abs(wanted)} ${underlying} due ${wanted > 0 ? 'to' : 'from'} the account on exercise and assignment settled in cash at the close (${close}): a cash account cannot ${wanted < 0 ? 'sell shares it does not hold' : 'pay for them'}`,
  };
}

function dropEmpty<T extends Record<string, Record<string, unknown>>>(books: T): T {
  for (const key of Object.keys(books)) if (Object.keys(books[key]!).length === 0) delete books[key];
  return books;
}
