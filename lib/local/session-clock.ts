import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { marketStatus } from '../core/market/nyse-calendar';

/**
 * The simulated market's session clock: how far ahead of the system clock the platform's
 * clock runs so that, whatever the hour, the local market is in a regular session. Zero when
 * the real market is open. The offset is kept in the data folder and only ever moves market
 * time forward, so timestamps stay in order across restarts.
 */
export function sessionClockOffsetMs(now: Date, stateFile: string | null): number {
  const stored = stateFile && existsSync(stateFile) ? readStored(stateFile) : 0;
  const candidate = new Date(now.getTime() + stored);
  let offset = stored;
  if (!marketStatus(candidate).isOpen) {
    const target = marketStatus(candidate).nextOpen.getTime() + 60_000; // a minute after the next open
    offset = target - now.getTime();
  }
  if (stateFile) {
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify({ offsetMs: offset }));
  }
  return offset;
}

function readStored(stateFile: string): number {
  try {
    const value = (JSON.parse(readFileSync(stateFile, 'utf8')) as { offsetMs?: unknown }).offsetMs;
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}
