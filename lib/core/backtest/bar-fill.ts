/**
 * How an order fills against one bar — the backtester's counterpart of the paper venue's book
 * walk, for data that has bars instead of quotes. Conventions (the classic engines' defaults,
 * so results compare): a market order fills at the bar's open; slippage moves the price against
 * the order by `bps` of it, never beyond the bar's high (buys) or low (sells); a limit fills at
 * the better of the open and the limit if the bar reached it; a stop triggers when the bar
 * reached it and fills at the worse of the open and the stop (then slips like a market order).
 * At most `maxVolumeShare` of the bar's volume fills; the rest waits for the next bar.
 */
export interface SlippageModel {
  /** `bps`: a fixed fraction; `volume_share`: impact · (quantity / bar volume), in bps per 100 %. */
  model: 'bps' | 'volume_share';
  bps: number;
}

export interface BarOrder {
  side: 'buy' | 'sell';
  quantity: number;
  type: 'market' | 'limit' | 'stop';
  price?: number;
  /** A long entry's bracket: exits that work once it fills (the signal's `exits`). */
  exits?: { takeProfit?: number; stopLoss?: number };
}

export interface BarFill {
  price: number;
  quantity: number;
}

/** Writes the fill into `out` and returns true, or returns false when nothing fills on this bar. */
export function fillOnBar(
  order: BarOrder,
  bar: { open: number; high: number; low: number; volume: number },
  slippage: SlippageModel,
  maxVolumeShare: number,
  out: BarFill,
): boolean {
  const buy = order.side === 'buy';
  let price: number;
  if (order.type === 'limit') {
    const limit = order.price!;
    if (buy ? bar.low > limit : bar.high < limit) return false;
    price = buy ? Math.min(bar.open, limit) : Math.max(bar.open, limit);
  } else {
    price = bar.open;
    if (order.type === 'stop') {
      const stop = order.price!;
      if (buy ? bar.high < stop : bar.low > stop) return false;
      price = buy ? Math.max(bar.open, stop) : Math.min(bar.open, stop);
    }
  }
  const available =
    maxVolumeShare > 0 && bar.volume > 0 ? Math.floor(bar.volume * maxVolumeShare) : order.quantity;
  const quantity = Math.min(order.quantity, available);
  if (quantity <= 0) return false;
  if (order.type !== 'limit') {
    const bps =
      slippage.model === 'bps' ? slippage.bps : slippage.bps * (bar.volume > 0 ? quantity / bar.volume : 1);
    price = buy
      ? Math.min(price * (1 + bps / 10_000), Math.max(bar.high, price))
      : Math.max(price * (1 - bps / 10_000), Math.min(bar.low, price));
  }
  out.price = price;
  out.quantity = quantity;
  return true;
}
