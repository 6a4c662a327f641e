import { describe, expect, it } from 'vitest';
import { parseSyntheticSpec } from '../../../lib/app/backtest/backtest-command';
import { generateBars } from '../../../lib/core/backtest';

describe('synthetic bars are dated to end when asked, not years ahead', () => {
  const today = new Date('2026-12-06T11:30:00Z');

  it('ends a daily path on the given date’s close and an intraday path on its minute', () => {
    const daily = generateBars(parseSyntheticSpec('gbm:bars=2520,seed=1', today));
    expect(new Date(daily.time[daily.length - 1]!).toISOString()).toBe('2026-12-06T21:00:00.000Z');
    const minutes = generateBars(parseSyntheticSpec('gbm:bars=500,interval=1,seed=1', today));
    expect(new Date(minutes.time[minutes.length - 1]!).toISOString()).toBe('2026-12-06T11:30:00.000Z');
  });

  it('keeps a start the spec names, and the same prices whatever the dates', () => {
    const named = generateBars(parseSyntheticSpec('gbm:bars=100,seed=1,start=2020-01-02', today));
    expect(new Date(named.time[0]!).toISOString()).toBe('2020-01-02T21:00:00.000Z');
    const ending = generateBars(parseSyntheticSpec('gbm:bars=100,seed=1', today));
    expect(Array.from(ending.close)).toEqual(Array.from(named.close));
  });
});
