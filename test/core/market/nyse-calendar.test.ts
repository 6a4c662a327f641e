import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeMarketStatus,
  latestSessionOnOrBefore,
  marketStatus,
  newYorkDate,
  nyseEarlyCloses,
  nyseHolidays,
  tradingSession,
  sessionClosingAfter,
} from '../../../lib/core/market/nyse-calendar';

// Published NYSE calendars (nyse.com holiday and trading-hours notices).
const PUBLISHED: Record<number, { holidays: string[]; earlyCloses: string[] }> = {
  2024: {
    holidays: [
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-03-29',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-11-28',
      '2024-12-25',
    ],
    earlyCloses: ['2024-07-03', '2024-11-29', '2024-12-24'],
  },
  2025: {
    holidays: [
      '2025-01-01',
      '2025-01-09',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ],
    earlyCloses: ['2025-07-03', '2025-11-28', '2025-12-24'],
  },
  2026: {
    holidays: [
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ],
    earlyCloses: ['2026-11-27', '2026-12-24'],
  },
  2027: {
    holidays: [
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-03-26',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-11-25',
      '2027-12-24',
    ],
    earlyCloses: ['2027-11-26'],
  },
};

describe('NYSE calendar', () => {
  it.each(Object.entries(PUBLISHED))(
    'matches the published holidays and early closes of %s',
    (year, published) => {
      expect([...nyseHolidays(Number(year))].sort()).toEqual(published.holidays);
      expect([...nyseEarlyCloses(Number(year))].sort()).toEqual(published.earlyCloses);
    },
  );

  it('does not observe New Year’s Day falling on a Saturday (2022: open on Dec 31, 2021)', () => {
    expect(nyseHolidays(2022).has('2021-12-31')).toBe(false);
    expect(tradingSession('2021-12-31')).not.toBeNull();
  });

  it('opens at 9:30 and closes at 16:00 New York time across DST (EST and EDT)', () => {
    expect(tradingSession('2026-01-05')).toMatchObject({
      open: new Date('2026-01-05T14:30:00Z'),
      close: new Date('2026-01-05T21:00:00Z'),
      earlyClose: false,
    });
    expect(tradingSession('2026-07-06')).toMatchObject({
      open: new Date('2026-07-06T13:30:00Z'),
      close: new Date('2026-07-06T20:00:00Z'),
    });
    // The Monday after the spring change (2026-03-08) already trades on EDT.
    expect(tradingSession('2026-03-09')?.open).toEqual(new Date('2026-03-09T13:30:00Z'));
  });

  it('closes at 13:00 on a half day', () => {
    expect(tradingSession('2026-11-27')).toMatchObject({
      close: new Date('2026-11-27T18:00:00Z'),
      earlyClose: true,
    });
  });

  it.each([
    ['Saturday', '2026-11-21'],
    ['Sunday', '2026-11-22'],
    ['Thanksgiving', '2026-11-26'],
    ['Good Friday', '2026-04-03'],
  ])('has no session on a %s', (_name, date) => {
    expect(tradingSession(date)).toBeNull();
  });

  it.each([
    ['a minute before the open', '2026-11-23T14:29:00Z', false],
    ['at the open', '2026-11-23T14:30:00Z', true],
    ['a minute before the close', '2026-11-23T20:59:00Z', true],
    ['at the close', '2026-11-23T21:00:00Z', false],
    ['after the early close', '2026-11-27T18:30:00Z', false],
    ['on a Saturday', '2026-11-21T16:00:00Z', false],
  ])('is %s: open=%s', (_name, at, open) => {
    expect(marketStatus(new Date(at)).isOpen).toBe(open);
  });

  it('finds the first session not yet closed: today’s until its close, then the next (over a holiday)', () => {
    expect(sessionClosingAfter(new Date('2026-11-25T20:59:00Z')).date).toBe('2026-11-25'); // 15:59 Wed
    expect(sessionClosingAfter(new Date('2026-11-25T21:00:00Z')).date).toBe('2026-11-27'); // Thanksgiving shut
    expect(sessionClosingAfter(new Date('2026-11-27T18:00:00Z')).date).toBe('2026-11-30'); // the half day closed at 13:00
  });

  it('gives the next open and close across a holiday weekend', () => {
    const status = marketStatus(new Date('2026-11-26T15:00:00Z')); // Thanksgiving
    expect(status.nextOpen).toEqual(new Date('2026-11-27T14:30:00Z'));
    expect(status.nextClose).toEqual(new Date('2026-11-27T18:00:00Z'));
  });

  it('finds the latest session that has opened', () => {
    expect(latestSessionOnOrBefore(new Date('2026-11-22T12:00:00Z')).date).toBe('2026-11-20');
    expect(latestSessionOnOrBefore(new Date('2026-11-23T15:00:00Z')).date).toBe('2026-11-23');
    expect(latestSessionOnOrBefore(new Date('2026-11-23T12:00:00Z')).date).toBe('2026-11-20');
  });
});

describe('marketStatus cache', () => {
  it('answers exactly as the uncached computation, for instants in any order', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    const span = Date.parse('2028-01-01T00:00:00Z') - start;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: span }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 48 * 3_600_000 }), { minLength: 1, maxLength: 60 }),
        (anchors, steps) => {
          // Walk forward from random anchors in small steps, so most lookups hit a cached window.
          for (const anchor of anchors) {
            let time = start + anchor;
            for (const step of steps.slice(0, 8)) {
              time += step;
              const at = new Date(time);
              expect(marketStatus(at)).toEqual(computeMarketStatus(at));
            }
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('newYorkDate', () => {
  it('is the New York calendar date, across midnight and DST, in any order of asking', () => {
    const cases: [string, string][] = [
      ['2026-11-23T04:59:59Z', '2026-11-22'], // 23:59:59 EST
      ['2026-11-23T05:00:00Z', '2026-11-23'], // midnight EST
      ['2026-07-01T03:59:59Z', '2026-06-30'], // 23:59:59 EDT
      ['2026-07-01T04:00:00Z', '2026-07-01'],
      ['2026-11-23T04:59:59Z', '2026-11-22'], // again, after the cache moved on
      ['2026-03-08T06:59:59Z', '2026-03-08'], // 01:59:59 EST, the DST morning
      ['2026-03-08T07:00:00Z', '2026-03-08'], // 03:00 EDT
    ];
    for (const [at, date] of cases) expect(newYorkDate(new Date(at))).toBe(date);
  });
});

describe('newYorkDate against the uncached time-zone arithmetic', () => {
  it('agrees at every quarter hour across DST changes, in order and out of order', () => {
    const reference = (at: Date) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'America/New_York',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(at);
    const instants: number[] = [];
    for (const start of [Date.UTC(2026, 2, 6), Date.UTC(2026, 9, 30)]) {
      for (let t = start; t < start + 4 * 86_400_000; t += 15 * 60_000) instants.push(t);
    }
    for (const t of [...instants, ...[...instants].reverse()])
      expect(newYorkDate(new Date(t))).toBe(reference(new Date(t)));
  });
});
