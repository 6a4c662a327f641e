import type { Clock } from '../../app/ports/clock';

/**
 * The system clock moved by a fixed offset. The local host uses it as the simulated market's
 * session clock, so that the API can be tried at any hour: time runs at its normal pace from a
 * moment inside a trading session. Zero offset is the system clock.
 */
export class OffsetClock implements Clock {
  constructor(private readonly offsetMs: number) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
