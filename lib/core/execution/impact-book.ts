import { roundToTick } from '../market/instrument';
import type { Side } from '../orders/order';
import type { Execution } from './fill-model';

/**
 * The simulated book's shape and memory. Depth is laid out so that taking Q shares from an
 * untouched book costs the square-root law (Tóth et al. 2011; docs/decisions/0008): the price
 * x shares beyond the touch is `touch ± P·Y·σ_daily·(x/V)^δ`, so an order's average impact is
 * of order Y·σ·√(Q/V) of the price. What an order takes stays taken — the next order on that
 * side starts where it stopped — and comes back with exponential resilience (Obizhaeva & Wang
 * 2013) at the half-life. A buy and a sell take from different sides.
 */
export interface ImpactModel {
  /** Y: of order 1 in the literature. */
  coefficient: number;
  /** δ: 0.5 is the square-root law. */
  exponent: number;
  /** Taken depth comes back by half in this many seconds. */
  halfLifeSeconds: number;
}

export const DEFAULT_IMPACT: ImpactModel = { coefficient: 1, exponent: 0.5, halfLifeSeconds: 60 };

/** What the impact depends on, per instrument. */
export interface Liquidity {
  /** Shares traded on an average day (V). */
  averageDailyVolume: number;
  /** Standard deviation of daily returns (σ_daily: annual ÷ √252). */
  dailyVolatility: number;
}

/** What earlier orders took from one symbol's book: shares per side, as of `at` (epoch ms). */
export interface BookDepthTaken {
  at: number;
  ask: number;
  bid: number;
}

export const UNTOUCHED: BookDepthTaken = { at: 0, ask: 0, bid: 0 };

/** The depth taken as it stands at `at`: each side's shares decayed by the time since. */
export function recovered(taken: BookDepthTaken, at: number, model: ImpactModel): BookDepthTaken {
  if (at <= taken.at) return taken;
  const factor = 0.5 ** ((at - taken.at) / 1000 / model.halfLifeSeconds);
  return { at, ask: taken.ask * factor, bid: taken.bid * factor };
}

/**
 * Walks the impact book for one order: from where earlier orders left its side, tick by tick
 * away from the touch, no further than the limit. Share k of the order (k = 0, 1, …) is priced
 * at the tick its position `taken + k` falls in, so sending pieces one after another at the
 * same instant trades exactly what the whole order would. Returns the executions (one per tick
 * touched) and the depth taken after it.
 */
export function walkImpactBook(
  order: { side: Side; quantity: number; limitPrice: number },
  market: { quote: { bid: number; ask: number }; tickSize: number; liquidity: Liquidity },
  taken: BookDepthTaken,
  model: ImpactModel,
): { executions: Execution[]; taken: BookDepthTaken } {
  const buy = order.side === 'buy';
  const touch = buy ? market.quote.ask : market.quote.bid;
  const tick = market.tickSize;
  // The price offset at depth x is scale·x^δ; its inverse gives each tick's depth boundary.
  const scale =
    (touch * model.coefficient * market.liquidity.dailyVolatility) /
    market.liquidity.averageDailyVolume ** model.exponent;
  const depthAtOffset = (offset: number) => (offset / scale) ** (1 / model.exponent);
  const start = buy ? taken.ask : taken.bid;
  const executions: Execution[] = [];
  let filled = 0;
  let level = Math.floor((scale * start ** model.exponent) / tick + 1e-9);
  while (filled < order.quantity) {
    const price = roundToTick(buy ? touch + level * tick : touch - level * tick, tick, 'nearest');
    if (price <= 0 || (buy ? price > order.limitPrice + 1e-9 : price < order.limitPrice - 1e-9)) break;
    // Shares whose position start + k lies below this tick's far boundary trade at this tick.
    const boundary = depthAtOffset((level + 1) * tick);
    const upTo = Math.min(order.quantity, Math.max(filled, Math.ceil(boundary - start - 1e-9)));
    if (upTo > filled) {
      executions.push({ quantity: upTo - filled, price });
      filled = upTo;
    }
    level++;
  }
  return {
    executions,
    taken: buy ? { ...taken, ask: start + filled } : { ...taken, bid: start + filled },
  };
}
