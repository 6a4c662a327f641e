import type { Liquidity } from '../execution/impact-book';

/** What the platform needs to know to trade a symbol. Prices in dollars. */
export interface Instrument {
  symbol: string;
  name: string;
  sector: string;
  /** Minimum price increment: $0.01 at or above $1 (Reg NMS Rule 612). */
  tickSize: number;
  /** Shares per lot; order quantities are whole multiples of it. */
  lotSize: number;
  tradable: boolean;
  /** How much trades and how much it moves (the paper venue's impact book); absent where unknown. */
  liquidity?: Liquidity;
}

/** Rounds a price to the instrument's tick, in the direction that never worsens a limit. */
export function roundToTick(price: number, tickSize: number, direction: 'down' | 'up' | 'nearest'): number {
  const ticks = price / tickSize;
  const rounded =
    direction === 'down'
      ? Math.floor(ticks + 1e-9)
      : direction === 'up'
        ? Math.ceil(ticks - 1e-9)
        : Math.round(ticks);
  return Number((rounded * tickSize).toFixed(decimals(tickSize)));
}

/** Rounds a quantity down to whole lots. */
export function roundDownToLot(quantity: number, lotSize: number): number {
  return Math.floor(quantity / lotSize + 1e-9) * lotSize;
}

function decimals(step: number): number {
  const text = String(step);
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}
