import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAt, parseCsvTime } from '../../../lib/core/backtest/csv';

const MAX_EPOCH = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

describe('parseCsvTime on ISO date-times', () => {
  it('reads back every instant toISOString writes, whatever day it was asked before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: MAX_EPOCH }), { minLength: 1, maxLength: 10 }),
        (epochs) => {
          for (const epoch of epochs) expect(parseCsvTime(new Date(epoch).toISOString())).toBe(epoch);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with Date.parse on any text of that shape, valid or not (hour 24, second 60, 30 February…)', () => {
    const shaped = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    fc.assert(
      fc.property(shaped, (text) => {
        expect(parseCsvTime(text)).toBe(Date.parse(text));
      }),
      { numRuns: 5_000 },
    );
    for (const text of [
      '2020-02-30T00:00:00.000Z',
      '2020-02-29T24:00:00.000Z',
      '2020-02-28T23:59:60.000Z',
      '2020-13-01T00:00:00.000Z',
      '2020-01-02T09:3a:00.000Z',
      '2020-01-02T09:30:00Z',
      '2020-01-02T09:30:00.000+01:00',
    ])
      expect(parseCsvTime(text)).toBe(Date.parse(text));
  });
});

describe('decimalAt', () => {
  const read = (text: string) => decimalAt(`x,${text},y`, 2, 2 + text.length);

  it('reads every number as Number does: prices as written, any double, and what is not a plain decimal', () => {
    // Up to 15 digits in all take the fast path; longer ones go to Number — both are here.
    const plain = fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 8 }))
      .chain(([integer, decimals]) => fc.tuple(digits(integer), digits(decimals)))
      .map(([integer, fraction]) => (fraction ? `${integer}.${fraction}` : integer));
    const anyDouble = fc.double({ noNaN: true }).map((value) => String(value));
    const odd = fc.constantFrom(
      '',
      '.',
      '5.',
      '.5',
      ' 1.5',
      '1.5 ',
      '+1',
      '-2.25',
      '1e3',
      '0x10',
      '1_000',
      'abc',
      '00012.340',
    );
    fc.assert(
      fc.property(fc.oneof(plain, anyDouble, odd), (text) => {
        expect(Object.is(read(text), Number(text))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});
