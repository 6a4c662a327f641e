import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bracketExitOnBar,
  protectedQuantity,
  stopFillOnBar,
  stopTriggered,
  trailingStopOnBar,
  trailStop,
} from '../../../lib/core/orders/stop-triggers';

const bar = (open: number, high: number, low: number, close: number) => ({ open, high, low, close });

describe('stop triggers', () => {
  it('triggers a sell stop at or below its price and a buy stop at or above', () => {
    expect(stopTriggered('sell', 95, 95)).toBe(true);
    expect(stopTriggered('sell', 95, 95.01)).toBe(false);
    expect(stopTriggered('buy', 105, 105)).toBe(true);
    expect(stopTriggered('buy', 105, 104.99)).toBe(false);
  });

  it('fills a stop that gaps through at the open, not at the stop; one reached inside the bar at the stop', () => {
    // Closed at 100 with a sell stop at 95; the next bar opens at 90.
    expect(stopFillOnBar('sell', 95, bar(90, 92, 88, 91))).toBe(90);
    expect(stopFillOnBar('sell', 95, bar(99, 100, 94, 96))).toBe(95);
    expect(stopFillOnBar('sell', 95, bar(99, 100, 95.5, 96))).toBeNull();
    expect(stopFillOnBar('buy', 105, bar(108, 110, 107, 109))).toBe(108);
  });
});

describe('trailing stops', () => {
  it('follows the high-water mark exactly on a crafted path, and never moves back', () => {
    // A sell trailing $2: trades 100, 101, 103, 102, 104.5, 103, 102.49.
    const path = [100, 101, 103, 102, 104.5, 103, 102.49];
    let mark: number | null = null;
    const stops: number[] = [];
    let triggeredAt: number | null = null;
    for (const [i, last] of path.entries()) {
      const state = trailStop('sell', { price: 2 }, mark, last);
      if (
        triggeredAt === null &&
        mark !== null &&
        stopTriggered('sell', trailStop('sell', { price: 2 }, mark, mark).stopPrice, last)
      )
        triggeredAt = i;
      mark = state.mark;
      stops.push(state.stopPrice);
    }
    expect(stops).toEqual([98, 99, 101, 101, 102.5, 102.5, 102.5]);
    expect(triggeredAt).toBe(6); // 102.49 is through the 102.50 stop the 104.50 high left
  });

  it('trails by a percent of the mark, rounding away from the market', () => {
    expect(trailStop('sell', { percent: 1.5 }, 200, 210)).toEqual({ mark: 210, stopPrice: 206.85 });
    expect(trailStop('buy', { percent: 1.5 }, 50, 49.33)).toEqual({ mark: 49.33, stopPrice: 50.07 });
  });

  it('on bars: checks the bar against the stop before the bar moves the mark (conservative)', () => {
    // Mark 110, trail $5: stop 105. A bar to 112 high and 104 low: the low could have come first.
    expect(trailingStopOnBar('sell', { price: 5 }, 110, bar(109, 112, 104, 111))).toMatchObject({
      fill: 105,
    });
    const kept = trailingStopOnBar('sell', { price: 5 }, 110, bar(109, 112, 106, 111));
    expect(kept).toEqual({ fill: null, mark: 112, stopPrice: 107 });
  });

  it('a sell trailing stop’s price never falls, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5_000, max: 15_000 }), { minLength: 1, maxLength: 60 }),
        (cents) => {
          let mark: number | null = null;
          let previous = Number.NEGATIVE_INFINITY;
          for (const c of cents) {
            const state = trailStop('sell', { percent: 3 }, mark, c / 100);
            expect(state.stopPrice).toBeGreaterThanOrEqual(previous);
            previous = state.stopPrice;
            mark = state.mark;
          }
        },
      ),
      { seed: 27 },
    );
  });
});

describe('a bracket’s exits within one bar', () => {
  // Long from 100: take profit at 110, stop loss at 95 (sell exits).
  it('takes the stop first when a bar touches both (the worse outcome), unless the open decided', () => {
    expect(bracketExitOnBar('sell', 110, 95, bar(100, 111, 94, 105))).toEqual({
      leg: 'stop_loss',
      price: 95,
    });
    expect(bracketExitOnBar('sell', 110, 95, bar(112, 113, 94, 100))).toEqual({
      leg: 'take_profit',
      price: 112,
    });
    expect(bracketExitOnBar('sell', 110, 95, bar(93, 111, 90, 100))).toEqual({ leg: 'stop_loss', price: 93 });
    expect(bracketExitOnBar('sell', 110, 95, bar(100, 110.5, 96, 105))).toEqual({
      leg: 'take_profit',
      price: 110,
    });
    expect(bracketExitOnBar('sell', 110, 95, bar(100, 109, 96, 105))).toBeNull();
    // Short from 100: buy exits, take profit at 90 below, stop at 105 above.
    expect(bracketExitOnBar('buy', 90, 105, bar(100, 106, 89, 95))).toEqual({ leg: 'stop_loss', price: 105 });
  });

  it('protects exactly what the entry filled, less what the exits sold', () => {
    expect(protectedQuantity(60, 0)).toBe(60); // 60 of 100 filled: both exits rest for 60
    expect(protectedQuantity(100, 30)).toBe(70); // the take-profit sold 30: the stop shrinks to 70
    expect(protectedQuantity(100, 100)).toBe(0);
  });
});
