import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);

/** Starts `stratus serve` in its own process (as `npm start` does) and resolves with its URL. */
export async function startServe(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; stop: () => Promise<void>; kill: () => Promise<void> }> {
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
