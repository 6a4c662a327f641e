import type { Cents } from '../money';
import { isOptionSymbol } from '../options/occ-symbol';
import { positionAfterFill } from './position-fill';

/**
 * What one strategy holds in one symbol: the shares (or signed option contracts) its own orders'
 * fills left it with and what they cost. Kept on the account item and changed in the same conditional write that applies
 * the fill, so a strategy's book always reconciles with the fills. The account's position in a
 * symbol is the sum over strategies plus what was traded by hand.
 */
export interface StrategyPosition {
  quantity: number;
  costBasisCents: Cents;
  /** When the position was opened (the first fill from flat). */
  openedAt: string;
}

export type StrategyPositions = Record<string, Record<string, StrategyPosition>>;

/**
 * The strategy's position after a fill: buys add at their cost; sells take shares out at the
 * average cost (the realised P&L lives on the account). A position back at zero is removed.
 */
export function withStrategyFill(
  positions: StrategyPositions | undefined,
  fill: {
    strategyId: string;
    symbol: string;
    side: 'buy' | 'sell';
    quantity: number;
    notionalCents: Cents;
    at: string;
  },
): StrategyPositions {
  const book = { ...positions?.[fill.strategyId] };
  const current = book[fill.symbol];
  const held = current?.quantity ?? 0;
  const cost = current?.costBasisCents ?? 0;
  let next: StrategyPosition | undefined;
  if (isOptionSymbol(fill.symbol)) {
    // Option legs are signed: a strategy sells contracts to open (a spread's short legs).
    const traded = positionAfterFill(
      { quantity: held, costBasisCents: cost },
      fill.side === 'buy' ? fill.quantity : -fill.quantity,
      fill.notionalCents,
    );
    next =
      traded.quantity === 0
        ? undefined
        : {
            quantity: traded.quantity,
            costBasisCents: traded.costBasisCents,
            openedAt: current && Math.sign(held) === Math.sign(traded.quantity) ? current.openedAt : fill.at,
          };
  } else if (fill.side === 'buy') {
    next = {
      quantity: held + fill.quantity,
      costBasisCents: cost + fill.notionalCents,
      openedAt: held > 0 && current ? current.openedAt : fill.at,
    };
  } else {
    const sold = Math.min(held, fill.quantity);
    const remaining = held - sold;
    // Cost leaves at the average, rounded so that the last share takes exactly what is left.
    const costOut = remaining === 0 ? cost : Math.round((cost * sold) / Math.max(held, 1));
    next =
      remaining > 0 && current
        ? { ...current, quantity: remaining, costBasisCents: cost - costOut }
        : undefined;
  }
  if (next) book[fill.symbol] = next;
  else delete book[fill.symbol];
  const all = { ...positions };
  if (Object.keys(book).length > 0) all[fill.strategyId] = book;
  else delete all[fill.strategyId];
  return all;
}

/**
 * The strategies' positions in a symbol brought within the account's: when shares left the
 * account other than through a strategy's own order (a flatten by the emergency stop, a position
 * closed by hand, a fill outside the session), the strategies no longer hold them either. The
 * excess is taken from the strategies in the order of their ids, at their average cost; a
 * strategy left with nothing drops the symbol. Unchanged (the same object) when nothing exceeds.
 */
export function withinAccountPosition(
  positions: StrategyPositions | undefined,
  symbol: string,
  accountQuantity: number,
): StrategyPositions | undefined {
  if (!positions || isOptionSymbol(symbol)) return positions;
  const holders = Object.keys(positions)
    .filter((strategyId) => (positions[strategyId]![symbol]?.quantity ?? 0) > 0)
    .sort();
  let excess =
    holders.reduce((sum, strategyId) => sum + positions[strategyId]![symbol]!.quantity, 0) -
    Math.max(0, accountQuantity);
  if (excess <= 0) return positions;
  const all = { ...positions };
  for (const strategyId of holders) {
    if (excess <= 0) break;
    const current = all[strategyId]![symbol]!;
    const taken = Math.min(excess, current.quantity);
    excess -= taken;
    const remaining = current.quantity - taken;
    const book = { ...all[strategyId] };
    if (remaining > 0) {
      book[symbol] = {
        ...current,
        quantity: remaining,
        costBasisCents:
          current.costBasisCents - Math.round((current.costBasisCents * taken) / current.quantity),
      };
    } else {
      delete book[symbol];
    }
    if (Object.keys(book).length > 0) all[strategyId] = book;
    else delete all[strategyId];
  }
  return all;
}

/** The average entry price of a strategy position in dollars (null when flat). */
export function averageEntryPrice(position: StrategyPosition | undefined): number | null {
  if (!position || position.quantity <= 0) return null;
  return position.costBasisCents / position.quantity / 100;
}
