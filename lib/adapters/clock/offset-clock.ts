import type { Clock } from '../../app/ports/clock';

/**
 * The system clock moved by a fixed offset. The local host uses it as the simulated market's
 * session clock, so that the API can be tried at any hour: time runs at its normal pace from a
 * moment inside a trading session. Zero offset is the system clock. A test that steps the
 * market bar by bar stops it (`stoppedAt`): every reading is then that instant, so what a step
 * sees does not depend on how long the machine took to get there.
 */
export class OffsetClock implements Clock {
  constructor(
    private offset: number,
    private stopped: number | null = null,
  ) {}

  /** The instant the clock stands at (epoch ms), or null while it runs. */
  get stoppedAt(): number | null {
    return this.stopped;
  }

  /** Stops the clock at an instant (epoch ms), or lets it run again (null). */
  setStoppedAt(at: number | null): void {
    this.stopped = at;
  }

  /** Milliseconds this clock is ahead of the system clock. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock (the local host's test controls and benches step the session clock). */
  setOffset(offsetMs: number): void {
    this.offset = offsetMs;
  }

  now(): Date {
    return new Date(this.stopped ?? Date.now() + this.offset);
  }
}
