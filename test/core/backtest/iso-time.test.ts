import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../../lib/core/backtest/iso-time';

const MAX_EPOCH = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe('isoTime', () => {
  it('is toISOString for any instant from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_EPOCH }), (epoch) => {
        expect(isoTime(epoch)).toBe(new Date(epoch).toISOString());
      }),
      { numRuns: 2_000 },
    );
  });

  it('is toISOString for whole minutes (its cached path), days apart and back again', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: Math.floor(MAX_EPOCH / 60_000) }), {
          minLength: 1,
          maxLength: 20,
        }),
        (minutes) => {
          for (const minute of minutes) {
            const epoch = minute * 60_000;
            expect(isoTime(epoch)).toBe(new Date(epoch).toISOString());
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(isoTime(Date.UTC(2024, 1, 29, 0, 0))).toBe('2024-02-29T00:00:00.000Z');
    expect(isoTime(Date.UTC(2024, 1, 29, 23, 59))).toBe('2024-02-29T23:59:00.000Z');
    expect(isoTime(Date.UTC(2024, 1, 29, 23, 59, 0, 1))).toBe('2024-02-29T23:59:00.001Z');
  });
});
