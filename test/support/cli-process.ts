import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
/**
 * `node --import tsx`, not the tsx CLI: the CLI runs the program in a child process of its own,
 * so a SIGKILL sent to it would leave the real server running (and holding the data folder).
 */
const NODE_WITH_TSX = [process.execPath, '--import', 'tsx'] as const;

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends a signal and resolves with the exit code once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `stratus serve` as its own process (as `npm start` does) and waits for its URL line. */
export function startServeProcess(
  args: string[],
  env: Record<string, string> = {},
  /** The sources through tsx (default), or `bin/stratus.mjs`: the JavaScript build, as `npm start` runs it. */
  entry: 'bin/stratus.ts' | 'bin/stratus.mjs' = 'bin/stratus.ts',
): Promise<ServeProcess> {
  const child = spawn(
    NODE_WITH_TSX[0],
    [...(entry === 'bin/stratus.ts' ? NODE_WITH_TSX.slice(1) : []), entry, 'serve', '--port', '0', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolveStart, rejectStart) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /API and web UI\s+(http:\/\/\S+)/.exec(output);
      if (found?.[1]) {
        resolveStart({
          url: found[1],
          child,
          output: () => output,
          stop: async (signal = 'SIGINT') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    void exited.then((code) =>
      rejectStart(new Error(`stratus serve exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

/** Runs `stratus <args>` to completion (its own process); resolves with exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(TSX, ['bin/stratus.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}
