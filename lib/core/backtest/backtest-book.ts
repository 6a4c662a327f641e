import type { Trade } from '../analytics';
import { type Cents, notionalCents } from '../money';
import { positionAfterFill } from '../portfolio/position-fill';
import { isoTime } from './iso-time';

/** One execution in a backtest, as the account would record it. */
export interface BacktestFill {
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  /** Average price of the execution, dollars per share. */
  price: number;
  notionalCents: Cents;
  commissionCents: Cents;
  /** Epoch ms: the bar the execution happened on. */
  time: number;
}

/** One symbol's position in a backtest: the account's quantity and cost basis, and the round trip it is part of. */
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
 * A backtest's books, kept as the live account keeps them: cash in integer cents, each fill
 * applied by the account's own rule (`positionAfterFill`: cost basis in cents, realised P&L
 * against the prorated cost), commission an expense. A round trip — from flat to flat, or to a
 * reversal — becomes a trade. Fills are rare next to bars: only the per-bar reads (`cash`,
 * positions' quantities) are on the hot path, and they are plain fields.
 */
export class BacktestBook {
  cashCents: Cents;
  /** `cashCents` in dollars, kept beside it so a bar's equity needs no division. */
  cash: number;
  feesCents: Cents = 0;
  readonly positions: BookPosition[];
  readonly trades: Trade[] = [];
  readonly fills: BacktestFill[] = [];
  /** Each trade's entry and exit as numbers, so the statistics need not parse the ISO texts back. */
  readonly tradeEntries: number[] = [];
  readonly tradeExits: number[] = [];

  constructor(
    private readonly symbols: readonly string[],
    capital: number,
  ) {
    this.cashCents = Math.round(capital * 100);
    this.cash = this.cashCents / 100;
    this.positions = symbols.map(() => ({
      quantity: 0,
      costBasisCents: 0,
      entryTime: 0,
      entryQuantity: 0,
      realizedCents: 0,
      feesCents: 0,
    }));
  }

  /** Applies one fill of symbol `k`: cash, the position, and a trade when it ends a round trip. */
  execute(
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
    this.moveCash((side === 'buy' ? -notional : notional) - commission);
    this.feesCents += commission;
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

  /** Cash in or out that is not a share fill (option premiums and their fees). */
  moveCash(cents: Cents): void {
    this.cashCents += cents;
    this.cash = this.cashCents / 100;
  }

  recordTrade(trade: Trade, entry: number, exit: number): void {
    this.trades.push(trade);
    this.tradeEntries.push(entry);
    this.tradeExits.push(exit);
  }

  /** Cash plus every share position at these prices, in cents (each position's value rounded as the account's valuation rounds it). */
  equityCents(prices: ArrayLike<number>): Cents {
    let value = this.cashCents;
    for (let k = 0; k < this.positions.length; k++) {
      const quantity = this.positions[k]!.quantity;
      if (quantity !== 0) value += notionalCents(prices[k]!, quantity);
    }
    return value;
  }

  /** Average cost of symbol `k`'s open position in dollars per share (0 when flat). */
  averagePrice(k: number): number {
    const position = this.positions[k]!;
    return position.quantity === 0 ? 0 : position.costBasisCents / 100 / position.quantity;
  }
}
