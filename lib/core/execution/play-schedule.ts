import type { CommissionModel } from './commission';
import { fillOnImpactBook } from './fill-model';
import { type BookDepthTaken, type ImpactModel, type Liquidity, recovered, UNTOUCHED } from './impact-book';
import type { ShortfallFill } from './shortfall';
import type { Side } from '../orders/order';

/**
 * What a schedule of children would realize on the paper venue's book: each child, at its time,
 * meets the quote the market shows then and walks the impact book from the depth the earlier
 * ones left (recovered since), within the parent's limit, paying its own commission — the
 * venue's own matching (`fillOnImpactBook`), played by time instead of through the workflows.
 * For measuring execution (the benchmark, and the estimate against what it predicts).
 */
export function playSchedule(
  order: { side: Side; limitPrice: number },
  children: readonly { quantity: number; offsetSeconds: number }[],
  market: {
    startAt: number;
    /** The book as the first child finds it (untouched when not given). */
    taken?: BookDepthTaken;
    quoteAt: (at: number) => { bid: number; ask: number };
    tickSize: number;
    liquidity: Liquidity;
  },
  settings: { impact: ImpactModel; commission: CommissionModel },
): ShortfallFill[] {
  let taken = market.taken ?? { ...UNTOUCHED, at: market.startAt };
  const fills: ShortfallFill[] = [];
  for (const child of children) {
    const at = market.startAt + child.offsetSeconds * 1_000;
    const quote = market.quoteAt(at);
    const traded = fillOnImpactBook(
      { side: order.side, quantity: child.quantity, limitPrice: order.limitPrice },
      {
        quote,
        tickSize: market.tickSize,
        liquidity: market.liquidity,
        taken: recovered(taken, at, settings.impact),
        at,
      },
      settings,
    );
    if (!traded) continue;
    taken = traded.taken!;
    fills.push({
      quantity: traded.quantity,
      price: traded.notionalCents / 100 / traded.quantity,
      commissionCents: traded.commissionCents,
      bid: quote.bid,
      ask: quote.ask,
    });
  }
  return fills;
}
