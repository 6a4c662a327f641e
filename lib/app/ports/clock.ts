/** The time source. Core code never reads the system clock; it is handed `now` from here. */
export interface Clock {
  now(): Date;
}
