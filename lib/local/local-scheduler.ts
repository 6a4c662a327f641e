/**
 * Timers standing in for EventBridge Scheduler on the local host. A job never overlaps
 * itself: the next run is scheduled only after the current one finishes. `stop` waits for
 * running jobs so that none is cut off half-way through a write.
 */
export class LocalScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly onError: (job: string, error: unknown) => void) {}

  /** Runs `job` every `intervalMs` (the first run after one interval, or at once with `immediately`). */
  every(name: string, intervalMs: number, job: () => Promise<void>, immediately = false): void {
    if (this.timers.has(name)) throw new Error(`a job named ${name} is already scheduled`);
    const tick = () => {
      const run = job()
        .catch((error: unknown) => this.onError(name, error))
        .finally(() => {
          this.running.delete(run);
          if (!this.stopped) this.timers.set(name, setTimeout(tick, intervalMs));
        });
      this.running.add(run);
    };
    this.timers.set(name, setTimeout(tick, immediately ? 0 : intervalMs));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
  }
}
