import { describe, expect, it } from 'vitest';
import { cycleWindow } from '../../../lib/core/engine/cycle-window';

const open = (iso: string) => cycleWindow(new Date(iso)).open;

describe('the cycle runs only inside the regular session', () => {
  it('runs from 09:30 to the close of a normal day (New York), in both daylight and standard time', () => {
    expect(open('2026-11-18T14:29:59Z')).toBe(false); // 09:29:59 EST
    expect(open('2026-11-18T14:30:00Z')).toBe(true);
    expect(open('2026-11-18T20:59:59Z')).toBe(true);
    expect(open('2026-11-18T21:00:00Z')).toBe(false); // 16:00 EST
    expect(open('2026-07-15T13:30:00Z')).toBe(true); // 09:30 EDT
    expect(open('2026-07-15T13:29:00Z')).toBe(false);
  });

  it('never runs on weekends or holidays', () => {
    expect(open('2026-11-21T15:00:00Z')).toBe(false); // Saturday
    expect(open('2026-11-22T15:00:00Z')).toBe(false); // Sunday
    expect(open('2026-11-26T15:00:00Z')).toBe(false); // Thanksgiving
    expect(open('2026-12-25T15:00:00Z')).toBe(false); // Christmas
    expect(open('2026-01-19T15:00:00Z')).toBe(false); // Martin Luther King Jr. Day
  });

  it('stops at 13:00 on early-close days', () => {
    expect(open('2026-11-27T17:59:00Z')).toBe(true); // day after Thanksgiving, 12:59 EST
    expect(open('2026-11-27T18:00:00Z')).toBe(false); // 13:00 EST
    expect(open('2026-12-24T18:30:00Z')).toBe(false); // Christmas Eve, 13:30 EST
  });

  it('says why it did not run', () => {
    expect(cycleWindow(new Date('2026-11-21T15:00:00Z')).reason).toMatch(
      /market closed; next open 2026-11-23T14:30/,
    );
  });
});
