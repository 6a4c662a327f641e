import { type Cents } from '../money';
import { positionAfterFill } from '../portfolio/position-fill';
import { isoTime } from '../backtest/iso-time';
import type { Trade } from './trades';

/** One execution, as the account records it. */
export interface BookFill {
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  /** Average price of the execution, dollars per share. */
  price: number;
  notionalCents: Cents;
  commissionCents: Cents;
  /** Epoch ms. */
  time: number;
}

/** One symbol's position: the account's quantity and cost basis, and the round trip it is part of. */
export interface BookPosition {
  quantity: number;
  costBasisCents: Cents;
  /** When the current round trip opened (epoch ms) and the most shares it held. */
  entryTime: number;
  entryQuantity: number;
  realizedCents: Cents;
  feesCents: Cents;
}

/**
 * Trades as round trips, built from fills — the one builder backtests and the live account's
 * performance share. Each fill is applied by the account's own rule (`positionAfterFill`: cost
 * basis in cents, realised P&L against the prorated cost); a round trip runs from flat to flat
 * (or to a reversal), however many fills opened, added to, reduced or closed it: its entry is the
 * average cost, its exit the closing fill's price, its fees every fill's commission, its holding
 * time from the first fill to the last.
 */
export class RoundTrips {
  readonly positions: BookPosition[];
  readonly trades: Trade[] = [];
  readonly fills: BookFill[] = [];
  /** Each trade's entry and exit as numbers, so the statistics need not parse the ISO texts back. */
  readonly tradeEntries: number[] = [];
  readonly tradeExits: number[] = [];

  constructor(protected readonly symbols: readonly string[]) {
    this.positions = symbols.map(() => ({
      quantity: 0,
      costBasisCents: 0,
      entryTime: 0,
      entryQuantity: 0,
      realizedCents: 0,
      feesCents: 0,
    }));
  }

  /** Applies one fill of symbol `k` to its position, and records a trade when it ends a round trip. */
  apply(
    k: number,
    side: 'buy' | 'sell',
    quantity: number,
    notional: Cents,
    commission: Cents,
    time: number,
  ): void {
    const position = this.positions[k]!;
    const signed = side === 'buy' ? quantity : -quantity;
    this.fills.push({
      symbol: this.symbols[k]!,
      side,
      quantity,
      price: notional / 100 / quantity,
      notionalCents: notional,
      commissionCents: commission,
      time,
    });
    const before = position.quantity;
    if (before === 0) {
      position.entryTime = time;
      position.entryQuantity = 0;
      position.realizedCents = 0;
      position.feesCents = 0;
    }
    position.feesCents += commission;
    const costBefore = position.costBasisCents;
    const next = positionAfterFill(position, signed, notional);
    position.quantity = next.quantity;
    position.costBasisCents = next.costBasisCents;
    position.realizedCents += next.realizedCents;
    if (before === 0 || Math.sign(before) === Math.sign(signed)) {
      position.entryQuantity = Math.max(position.entryQuantity, Math.abs(position.quantity));
      return;
    }
    if (position.quantity !== 0 && Math.sign(position.quantity) === Math.sign(before)) return;
    this.recordTrade(
      {
        symbol: this.symbols[k]!,
        direction: before > 0 ? 'long' : 'short',
        quantity: position.entryQuantity,
        entryAt: isoTime(position.entryTime),
        exitAt: isoTime(time),
        entryPrice: costBefore / 100 / before,
        exitPrice: notional / 100 / quantity,
        fees: position.feesCents / 100,
        pnl: (position.realizedCents - position.feesCents) / 100,
      },
      position.entryTime,
      time,
    );
    position.entryTime = time;
    position.entryQuantity = Math.abs(position.quantity);
    position.realizedCents = 0;
    position.feesCents = 0;
  }

  recordTrade(trade: Trade, entry: number, exit: number): void {
    this.trades.push(trade);
    this.tradeEntries.push(entry);
    this.tradeExits.push(exit);
  }

  /** Average cost of symbol `k`'s open position in dollars per share (0 when flat). */
  averagePrice(k: number): number {
    const position = this.positions[k]!;
    return position.quantity === 0 ? 0 : position.costBasisCents / 100 / position.quantity;
  }
}
