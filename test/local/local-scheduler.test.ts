import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalScheduler } from '../../lib/local/local-scheduler';

describe('LocalScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a job every interval', async () => {
    const scheduler = new LocalScheduler(() => undefined);
    let runs = 0;
    scheduler.every('tick', 1_000, async () => {
      runs++;
    });
    await vi.advanceTimersByTimeAsync(3_500);
    expect(runs).toBe(3);
    await scheduler.stop();
  });

  it('never overlaps a job with itself: the next run waits for the slow one', async () => {
    const scheduler = new LocalScheduler(() => undefined);
    let running = 0;
    let maxConcurrent = 0;
    let runs = 0;
    scheduler.every('slow', 1_000, async () => {
      running++;
      runs++;
      maxConcurrent = Math.max(maxConcurrent, running);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      running--;
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(maxConcurrent).toBe(1);
    expect(runs).toBe(3); // starts at 1 s, 4.5 s, 8 s
    const stopped = scheduler.stop();
    await vi.advanceTimersByTimeAsync(3_000); // lets the run that started at 11.5 s finish
    await stopped;
  });

  it('reports a failing run and keeps the schedule going', async () => {
    const failures: string[] = [];
    const scheduler = new LocalScheduler((job) => failures.push(job));
    let runs = 0;
    scheduler.every('flaky', 1_000, async () => {
      runs++;
      throw new Error('boom');
    });
    await vi.advanceTimersByTimeAsync(2_500);
    expect(failures).toEqual(['flaky', 'flaky']);
    expect(runs).toBe(2);
    await scheduler.stop();
  });

  it('stop waits for the running job and schedules nothing after', async () => {
    const scheduler = new LocalScheduler(() => undefined);
    let finished = false;
    let runs = 0;
    scheduler.every('job', 1_000, async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    });
    await vi.advanceTimersByTimeAsync(1_100);
    const stopped = scheduler.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(1);
  });

  it('refuses two jobs with one name', () => {
    const scheduler = new LocalScheduler(() => undefined);
    scheduler.every('dup', 1_000, async () => undefined);
    expect(() => scheduler.every('dup', 1_000, async () => undefined)).toThrow(/already scheduled/);
    void scheduler.stop();
  });
});
