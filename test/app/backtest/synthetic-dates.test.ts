import { describe, expect, it } from 'vitest';
import { parseSyntheticSpec } from '../../../lib/app/backtest/backtest-command';
import { generateBars } from '../../../lib/core/backtest';

describe('synthetic bars are dated to end when asked, not years ahead', () => {
  // A Sunday morning: the latest session is Friday's.
  const today = new Date('2026-12-06T11:30:00Z');
  const lastOf = (spec: string, at: Date) => {
    const bars = generateBars(parseSyntheticSpec(spec, at));
    return new Date(bars.time[bars.length - 1]!).toISOString();
  };

  it('ends a path on the latest session: a daily one on its date, an intraday one on its minute or its close', () => {
    expect(lastOf('gbm:bars=2520,seed=1', today)).toBe('2026-12-04T21:00:00.000Z');
    expect(lastOf('gbm:bars=500,interval=1,seed=1', today)).toBe('2026-12-04T21:00:00.000Z');
    // Mid-session on Monday: the minute it is.
    expect(lastOf('gbm:bars=500,interval=1,seed=1', new Date('2026-12-07T15:42:30Z'))).toBe(
      '2026-12-07T15:42:00.000Z',
    );
  });

  it('keeps a start the spec names, and the same prices whatever the dates', () => {
    const named = generateBars(parseSyntheticSpec('gbm:bars=100,seed=1,start=2020-01-02', today));
    expect(new Date(named.time[0]!).toISOString()).toBe('2020-01-02T21:00:00.000Z');
    const ending = generateBars(parseSyntheticSpec('gbm:bars=100,seed=1', today));
    expect(Array.from(ending.close)).toEqual(Array.from(named.close));
  });
});
