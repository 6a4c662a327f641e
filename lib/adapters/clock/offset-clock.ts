import type { Clock } from '../../app/ports/clock';

/**
 * The system clock moved by a fixed offset. The local host uses it as the simulated market's
 * session clock, so that the API can be tried at any hour: time runs at its normal pace from a
 * moment inside a trading session. Zero offset is the system clock.
 */
export class OffsetClock implements Clock {
  constructor(private offset: number) {}

  /** Milliseconds this clock is ahead of the system clock. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock (the local host's test controls and benches step the session clock). */
  setOffset(offsetMs: number): void {
    this.offset = offsetMs;
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}
