import { describe, expect, it } from 'vitest';
import { OVERNIGHT_MINUTES, tradingMinutes } from '../../../lib/core/market/trading-time';

const at = (iso: string) => tradingMinutes(Date.parse(iso));

describe('trading time', () => {
  it('counts a session minute for minute', () => {
    // Wednesday 2026-11-18: 09:30–16:00 New York is 14:30–21:00 UTC.
    expect(at('2026-11-18T21:00:00Z') - at('2026-11-18T14:30:00Z')).toBeCloseTo(390, 9);
    expect(at('2026-11-18T15:31:00Z') - at('2026-11-18T15:30:00Z')).toBeCloseTo(1, 9);
  });

  it('gives a night, and a whole weekend, the same trading minutes, spread evenly over it', () => {
    const night = at('2026-11-19T14:30:00Z') - at('2026-11-18T21:00:00Z');
    expect(night).toBeCloseTo(OVERNIGHT_MINUTES, 9);
    // Friday 20th 16:00 to Monday 23rd 09:30.
    expect(at('2026-11-23T14:30:00Z') - at('2026-11-20T21:00:00Z')).toBeCloseTo(OVERNIGHT_MINUTES, 9);
    // Half-way through the night, half of it has passed.
    const midnight = Date.parse('2026-11-18T21:00:00Z') + (17.5 * 3_600_000) / 2;
    expect(tradingMinutes(midnight) - at('2026-11-18T21:00:00Z')).toBeCloseTo(OVERNIGHT_MINUTES / 2, 9);
  });

  it('passes Thanksgiving as a night, and the half day after it leaves its missing hours to the night', () => {
    // Wednesday 25th close → Friday 27th open (Thursday closed).
    expect(at('2026-11-27T14:30:00Z') - at('2026-11-25T21:00:00Z')).toBeCloseTo(OVERNIGHT_MINUTES, 9);
    // Friday 27th closes at 13:00 (18:00 UTC): 210 minutes, then 180 + a night to Monday's open.
    expect(at('2026-11-27T18:00:00Z') - at('2026-11-27T14:30:00Z')).toBeCloseTo(210, 9);
    expect(at('2026-11-30T14:30:00Z') - at('2026-11-27T18:00:00Z')).toBeCloseTo(180 + OVERNIGHT_MINUTES, 9);
  });

  it('always moves forward, without a jump at an open, a close or a year end', () => {
    let previous = -Infinity;
    for (let t = Date.parse('2025-12-24T00:00:00Z'); t < Date.parse('2026-01-06T00:00:00Z'); t += 60_000) {
      const now = tradingMinutes(t);
      expect(now).toBeGreaterThan(previous);
      if (previous > -Infinity) expect(now - previous).toBeLessThanOrEqual(1 + 1e-6);
      previous = now;
    }
  });
});
