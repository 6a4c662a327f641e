import { roundToTick } from '../market/instrument';
import { newYorkDateSpan } from '../market/nyse-calendar';
import { volumeRateAt } from '../market/volume-profile';
import type { Side } from '../orders/order';
import type { Execution } from './fill-model';

/**
 * The simulated book's shape and memory. Depth is laid out so that taking Q shares from an
 * untouched book costs the square-root law (Tóth et al. 2011; docs/decisions/0008): the price
 * x shares beyond the touch is `touch ± P·Y·σ_daily·(x/V)^δ`, so an order's average impact is
 * of order Y·σ·√(Q/V) of the price. V is the day's volume at the rate the market trades at
 * that minute (the intraday U shape: the book is thicker at the open and the close). What an
 * order takes stays taken — the next order on that side starts where it stopped — and comes
 * back with exponential resilience (Obizhaeva & Wang 2013) at the half-life, except a
 * permanent part that moves the whole book (both sides) for the rest of the session.
 */
export interface ImpactModel {
  /** Y: of order 1 in the literature. */
  coefficient: number;
  /** δ: 0.5 is the square-root law. */
  exponent: number;
  /** Taken depth comes back by half in this many seconds. */
  halfLifeSeconds: number;
  /**
   * The fraction of an order's peak impact that never comes back in the session (2/3: the
   * fair-pricing value for a square-root law, Farmer et al. 2013, near the ≈ 2/3 measured by
   * Bershova & Rakhlin 2013). 0: all of it recovers.
   */
  permanentFraction: number;
}

export const DEFAULT_IMPACT: ImpactModel = {
  coefficient: 1,
  exponent: 0.5,
  halfLifeSeconds: 60,
  permanentFraction: 2 / 3,
};

/** What the impact depends on, per instrument. */
export interface Liquidity {
  /** Shares traded on an average day (V). */
  averageDailyVolume: number;
  /** Standard deviation of daily returns (σ_daily: annual ÷ √252). */
  dailyVolatility: number;
}

/**
 * What earlier orders took from one symbol's book, as of `at` (epoch ms): shares per side that
 * come back over time, and `permanent` — net shares bought (sells negative) whose impact stays
 * for the session, pushing the ask side further and the bid side closer for buys.
 */
export interface BookDepthTaken {
  at: number;
  ask: number;
  bid: number;
  permanent: number;
}

export const UNTOUCHED: BookDepthTaken = { at: 0, ask: 0, bid: 0, permanent: 0 };

/**
 * The depth taken as it stands at `at`: each side's transient shares decayed by the time since;
 * the permanent part kept within the New York trading date and gone the next (the market's own
 * path carries the next session).
 */
export function recovered(taken: BookDepthTaken, at: number, model: ImpactModel): BookDepthTaken {
  if (at <= taken.at) return taken;
  const factor = 0.5 ** ((at - taken.at) / 1000 / model.halfLifeSeconds);
  const then = newYorkDateSpan(taken.at);
  const sameDay = at < then.until || newYorkDateSpan(at).date === then.date;
  return { at, ask: taken.ask * factor, bid: taken.bid * factor, permanent: sameDay ? taken.permanent : 0 };
}

/** The share of each taken share that stays: the permanent fraction of the peak impact, in depth (φ^(1/δ)). */
function permanentDepthShare(model: ImpactModel): number {
  return model.permanentFraction ** (1 / model.exponent);
}

/**
 * Walks the impact book for one order: from where earlier orders left its side, tick by tick
 * away from the touch, no further than the limit. Share k of the order (k = 0, 1, …) is priced
 * at the tick its position `start + k` falls in — start being its side's transient depth plus
 * the permanent (signed: a buyer's permanent impact lifts the bids, so a seller's start is
 * below zero, inside the quoted bid) — so sending pieces one after another at the same instant
 * trades exactly what the whole order would. `market.at` (epoch ms) sets the volume rate of the
 * minute (the average when absent). Returns the executions (one per tick touched) and the depth
 * taken after it.
 */
export function walkImpactBook(
  order: { side: Side; quantity: number; limitPrice: number },
  market: { quote: { bid: number; ask: number }; tickSize: number; liquidity: Liquidity; at?: number },
  taken: BookDepthTaken,
  model: ImpactModel,
): { executions: Execution[]; taken: BookDepthTaken } {
  const buy = order.side === 'buy';
  const touch = buy ? market.quote.ask : market.quote.bid;
  const tick = market.tickSize;
  const volume =
    market.liquidity.averageDailyVolume * (market.at === undefined ? 1 : volumeRateAt(market.at));
  // The price offset at depth x is scale·sign(x)·|x|^δ; its inverse gives each tick's depth boundary.
  const scale = (touch * model.coefficient * market.liquidity.dailyVolatility) / volume ** model.exponent;
  const depthAtOffset = (offset: number) =>
    Math.sign(offset) * (Math.abs(offset) / scale) ** (1 / model.exponent);
  const offsetAtDepth = (depth: number) => Math.sign(depth) * scale * Math.abs(depth) ** model.exponent;
  const start = buy ? taken.ask + taken.permanent : taken.bid - taken.permanent;
  const executions: Execution[] = [];
  let filled = 0;
  // A tick level holds the offsets that round toward the touch to it: [L, L+1) ticks above
  // zero, (L−1, L] below (where net sells' permanent impact has lowered the ask side).
  const startOffset = offsetAtDepth(start) / tick;
  let level = startOffset >= 0 ? Math.floor(startOffset + 1e-9) : Math.ceil(startOffset - 1e-9);
  while (filled < order.quantity) {
    const price = roundToTick(buy ? touch + level * tick : touch - level * tick, tick, 'nearest');
    if (price <= 0 || (buy ? price > order.limitPrice + 1e-9 : price < order.limitPrice - 1e-9)) break;
    // Shares whose position start + k lies below this tick's far boundary trade at this tick.
    const boundary = depthAtOffset((level >= 0 ? level + 1 : level) * tick);
    const upTo = Math.min(order.quantity, Math.max(filled, Math.ceil(boundary - start - 1e-9)));
    if (upTo > filled) {
      executions.push({ quantity: upTo - filled, price });
      filled = upTo;
    }
    level++;
  }
  const kept = filled * permanentDepthShare(model);
  return {
    executions,
    taken: buy
      ? { ...taken, ask: taken.ask + filled - kept, permanent: taken.permanent + kept }
      : { ...taken, bid: taken.bid + filled - kept, permanent: taken.permanent - kept },
  };
}
