import { describe, expect, it } from 'vitest';
import { parseSyntheticSpec } from '../../../lib/app/backtest/backtest-command';
import { generateBars } from '../../../lib/core/backtest';
import { marketStatus, newYorkDate } from '../../../lib/core/market/nyse-calendar';

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

describe('synthetic bars lie on NYSE sessions', () => {
  it('stamps minute bars inside sessions only, 390 a full day, none on nights, weekends or holidays', () => {
    const bars = generateBars(parseSyntheticSpec('gbm:bars=2000,interval=1,seed=1,start=2026-11-25'));
    const byDate = new Map<string, number>();
    for (let i = 0; i < bars.length; i++) {
      const time = bars.time[i]!;
      expect(marketStatus(new Date(time - 1)).isOpen).toBe(true);
      const date = newYorkDate(new Date(time - 1));
      byDate.set(date, (byDate.get(date) ?? 0) + 1);
    }
    // Wednesday 25th, Friday 27th (a half day), then full days; Thanksgiving and the weekend have none.
    expect(byDate.get('2026-11-25')).toBe(390);
    expect(byDate.get('2026-11-26')).toBeUndefined();
    expect(byDate.get('2026-11-27')).toBe(210);
    expect(byDate.get('2026-11-28')).toBeUndefined();
    expect(byDate.get('2026-11-30')).toBe(390);
  });

  it('stamps daily bars one per session', () => {
    const bars = generateBars(parseSyntheticSpec('gbm:bars=10,seed=1,start=2026-11-23'));
    const dates = Array.from(bars.time, (time) => new Date(time).toISOString().slice(0, 10));
    expect(dates).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-27',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-07',
    ]);
  });
});
