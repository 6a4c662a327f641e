import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);

/** Starts `stratus serve` in its own process (as `npm start` does) and resolves with its URL. */
export async function startServe(
  args: string[],
  env: Record<string, string> = {},
): Promise<{
  url: string;
  /** CPU seconds the server process has used so far, all its threads (Linux; null elsewhere). */
  cpuSeconds: () => number | null;
  stop: () => Promise<void>;
  kill: () => Promise<void>;
}> {
  // `node --import tsx`, not the tsx CLI: a SIGKILL must reach the server itself.
  const child: ChildProcess = spawn(
    process.execPath,
    [...profilingArgs(), '--import', 'tsx', 'bin/stratus.ts', 'serve', '--port', '0', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /API and web UI\s+(http:\/\/\S+)/.exec(output);
      if (found?.[1]) resolveUrl(found[1]);
    });
    void exited.then(() => reject(new Error(`stratus serve exited before it was ready:\n${output}`)));
  });
  return {
    url,
    cpuSeconds: () => processCpuSeconds(child.pid),
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
    /** SIGKILL: no shutdown, no flush — a crash. */
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Extra Node flags for the server process, e.g. `STRATUS_BENCH_NODE_ARGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof"` to profile the host under the bench's load (Node refuses
 * `--cpu-prof` in NODE_OPTIONS).
 */
function profilingArgs(): string[] {
  return (process.env.STRATUS_BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
}

/**
 * A process's user + system CPU time from /proc/<pid>/stat (fields 14 and 15, in clock ticks of
 * 1/100 s on Linux). Null where /proc is not there.
 */
function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;
