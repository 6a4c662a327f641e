import type { Clock } from '../../app/ports/clock';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
