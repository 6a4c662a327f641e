import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ICEBERG_MAX_STEPS,
  icebergPollSeconds,
  nextIcebergClip,
} from '../../../lib/core/execution/iceberg-planner';
import { chooseExecution } from '../../../lib/core/execution/routing';
import { nextTwapChildQuantity, planTwap } from '../../../lib/core/execution/twap-planner';

describe('chooseExecution', () => {
  it.each([
    ['auto', 999.99, 'immediate'],
    ['auto', 1_000, 'iceberg'],
    ['auto', 5_000, 'iceberg'],
    ['auto', 5_000.01, 'twap'],
    ['immediate', 1_000_000, 'immediate'],
    ['twap', 10, 'twap'],
  ] as const)('routes %s at $%s notional to %s', (requested, notional, mode) => {
    expect(chooseExecution(requested, notional)).toBe(mode);
  });
});

describe('planTwap', () => {
  it('spreads 10,000 shares over 10 slices a minute apart', () => {
    const plan = planTwap(10_000, 10, 600);
    expect(plan.map((slice) => slice.plannedQuantity)).toEqual(Array(10).fill(1_000));
    expect(plan.map((slice) => slice.offsetSeconds)).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480, 540]);
    expect(plan[0]?.waitSeconds).toBe(0);
  });

  it('uses fewer slices than asked when there are fewer lots', () => {
    expect(planTwap(300, 10, 60, 100).map((slice) => slice.plannedQuantity)).toEqual([100, 100, 100]);
  });

  it('always sums to the parent quantity, in whole lots, and waits add up to the duration', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 23_400 }),
        (lot, lots, slices, duration) => {
          const plan = planTwap(lot * lots, slices, duration, lot);
          expect(plan.reduce((sum, slice) => sum + slice.plannedQuantity, 0)).toBe(lot * lots);
          for (const slice of plan) {
            expect(slice.plannedQuantity % lot).toBe(0);
            expect(slice.plannedQuantity).toBeGreaterThan(0);
          }
          expect(plan.reduce((sum, slice) => sum + slice.waitSeconds, 0)).toBe(plan.at(-1)?.offsetSeconds);
        },
      ),
    );
  });
});

describe('nextTwapChildQuantity under any fill pattern', () => {
  it('never overfills, and sweeps the whole parent when every child fills', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 30, maxLength: 30 }),
        (quantity, slices, fillFractions) => {
          let filled = 0;
          for (let index = 1; index <= slices; index++) {
            const child = nextTwapChildQuantity({
              quantity,
              sliceCount: slices,
              index,
              filledQuantity: filled,
              workingQuantity: 0,
            });
            expect(child).toBeGreaterThanOrEqual(0);
            expect(filled + child).toBeLessThanOrEqual(quantity);
            filled += Math.floor(child * (fillFractions[index - 1] ?? 1));
          }
          expect(filled).toBeLessThanOrEqual(quantity);
        },
      ),
    );
  });

  it('reaches exactly the parent quantity when children fill in full', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 30 }),
        (quantity, slices) => {
          let filled = 0;
          for (let index = 1; index <= slices; index++) {
            filled += nextTwapChildQuantity({
              quantity,
              sliceCount: slices,
              index,
              filledQuantity: filled,
              workingQuantity: 0,
            });
          }
          expect(filled).toBe(quantity);
        },
      ),
    );
  });

  it('catches up after a partial fill and counts working quantity', () => {
    expect(
      nextTwapChildQuantity({
        quantity: 1_000,
        sliceCount: 4,
        index: 2,
        filledQuantity: 100,
        workingQuantity: 0,
      }),
    ).toBe(400);
    expect(
      nextTwapChildQuantity({
        quantity: 1_000,
        sliceCount: 4,
        index: 2,
        filledQuantity: 250,
        workingQuantity: 250,
      }),
    ).toBe(0);
  });
});

describe('nextIcebergClip', () => {
  it('shows one clip at a time, then what is left', () => {
    expect(
      nextIcebergClip({ quantity: 1_000, filledQuantity: 0, workingQuantity: 0, displayQuantity: 300 }),
    ).toBe(300);
    expect(
      nextIcebergClip({ quantity: 1_000, filledQuantity: 0, workingQuantity: 300, displayQuantity: 300 }),
    ).toBe(0);
    expect(
      nextIcebergClip({ quantity: 1_000, filledQuantity: 900, workingQuantity: 0, displayQuantity: 300 }),
    ).toBe(100);
    expect(
      nextIcebergClip({ quantity: 1_000, filledQuantity: 1_000, workingQuantity: 0, displayQuantity: 300 }),
    ).toBe(0);
  });

  it('never shows more than the display quantity nor overfills', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (quantity, display, fractions) => {
          let filled = 0;
          for (const fraction of fractions) {
            const clip = nextIcebergClip({
              quantity,
              filledQuantity: filled,
              workingQuantity: 0,
              displayQuantity: display,
            });
            expect(clip).toBeLessThanOrEqual(display);
            filled += Math.floor(clip * fraction);
            expect(filled).toBeLessThanOrEqual(quantity);
          }
        },
      ),
    );
  });
});

describe('icebergPollSeconds', () => {
  it.each([
    ['at the open, a whole session ahead', 23_400, 0, 11],
    ['an hour before the close', 3_600, 0, 2],
    ['with most looks spent', 3_600, ICEBERG_MAX_STEPS - 60, 60],
    ['after the close', -5, 10, 2],
  ])('waits within bounds %s', (_case, secondsToClose, stepsTaken, expected) => {
    expect(icebergPollSeconds({ secondsToClose, stepsTaken })).toBe(expected);
  });

  it('reaches the close from any start without using more looks than the history allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23_400 }), (secondsToClose) => {
        let left = secondsToClose;
        let steps = 0;
        while (left > 0 && steps < ICEBERG_MAX_STEPS) {
          steps++;
          left -= icebergPollSeconds({ secondsToClose: left, stepsTaken: steps });
        }
        return left <= 0 && steps <= ICEBERG_MAX_STEPS;
      }),
    );
  });
});
