import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type FakeAlpaca, startFakeAlpaca } from '../support/fake-alpaca';
import { runCli } from '../support/cli-process';
import { readmeStratusCommands } from '../support/readme-commands';

describe('stratus data (the CLI against the fake Alpaca on loopback) and a backtest on its dataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-data-'));
  let fake: FakeAlpaca;
  let env: Record<string, string>;
  beforeAll(async () => {
    const started = await startFakeAlpaca({ now: () => new Date('2026-12-07T15:00:00Z') });
    fake = started.fake;
    env = {
      STRATUS_ALPACA_DATA_URL: fake.url,
      STRATUS_ALPACA_KEY_ID: fake.keyId,
      STRATUS_ALPACA_SECRET_KEY: started.secret,
    };
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches a dataset, lists it, and backtests on it by name', async () => {
    const fetched = await runCli(
      [
        'data',
        'fetch',
        '--symbols',
        'SPY',
        '--from',
        '2024-01-02',
        '--to',
        '2025-12-31',
        '--name',
        'spy',
        '--data-dir',
        dir,
      ],
      env,
    );
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout).toContain('SPY: 502 bars');
    expect(fetched.stdout + fetched.stderr).not.toContain(env.STRATUS_ALPACA_SECRET_KEY!);
    const listed = await runCli(['data', 'list', '--data-dir', dir]);
    expect(listed.stdout).toContain(
      'spy  1Day 2024-01-02…2025-12-31  alpaca, adjustment all, complete  (SPY 502)',
    );
    const run = await runCli([
      'backtest',
      '--strategy',
      'ma_crossover',
      '--param',
      'fast_period=5',
      '--param',
      'slow_period=20',
      '--data',
      'spy',
      '--data-dir',
      dir,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ bars: 502 });
  });

  it('sweeps the dataset on every core and walks the sweep forward', async () => {
    // The same strategy, dataset and sweep for both commands.
    const space = [
      '--strategy',
      'ma_crossover',
      '--data',
      'spy',
      '--data-dir',
      dir,
      '--sweep',
      'fast_period=5:15:5',
      '--sweep',
      'slow_period=30,60',
    ];
    const sweep = await runCli(['sweep', ...space, '--json']);
    expect(sweep.code, sweep.stderr).toBe(0);
    const runs = (
      JSON.parse(sweep.stdout) as {
        runs: { parameters: object; final_equity: number; performance: { sharpe: number | null } }[];
      }
    ).runs;
    expect(runs).toHaveLength(6);
    // One naming style for every --json: snake_case, as `backtest --json` and the API.
    expect(sweep.stdout).not.toMatch(/"[a-z]+[A-Z][A-Za-z]*":/);
    expect(runs[0]!.final_equity).toBeGreaterThan(0);
    const sharpes = runs.map((run) => run.performance.sharpe ?? Number.NEGATIVE_INFINITY);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));
    const walk = await runCli([
      'walk-forward',
      ...space,
      '--in-sample',
      '250',
      '--out-of-sample',
      '84',
      '--json',
    ]);
    expect(walk.code, walk.stderr).toBe(0);
    const windows = (JSON.parse(walk.stdout) as { windows: { in_sample: string; out_of_sample: string }[] })
      .windows;
    expect(windows).toHaveLength(3); // 502 bars: 250 in sample, then 84, 84 and the 84 left
    expect(windows[0]!.in_sample.startsWith('2024-01-02')).toBe(true);
  });

  it('runs the README’s research loop verbatim (fetch, import, list, sweep, walk-forward)', async () => {
    const readmeDir = mkdtempSync(join(tmpdir(), 'stratus-readme-data-'));
    onTestFinished(() => rmSync(readmeDir, { recursive: true, force: true }));
    const yahoo = join(readmeDir, 'SPY.csv');
    writeFileSync(
      yahoo,
      'Date,Open,High,Low,Close,Adj Close,Volume\n2025-06-02,10,11,9,10,10,5\n2025-06-03,10,11,9,10.5,10.5,5\n',
    );
    const commands = [
      ...readmeStratusCommands('data'),
      ...readmeStratusCommands('sweep'),
      ...readmeStratusCommands('walk-forward'),
    ];
    expect(commands.map((command) => (command[0] === 'data' ? `data ${command[1]}` : command[0]))).toEqual([
      'data fetch',
      'data import',
      'data list',
      'sweep',
      'walk-forward',
    ]);
    for (const command of commands) {
      const args = [...command.map((arg) => (arg === 'SPY.csv' ? yahoo : arg)), '--data-dir', readmeDir];
      const run = await runCli(args, env);
      expect(run.code, `${command.join(' ')}\n${run.stderr}`).toBe(0);
      expect(run.stdout.length, command.join(' ')).toBeGreaterThan(0);
    }
  });

  it('imports a CSV, refusing bad rows by line unless asked to keep the good ones', async () => {
    const file = join(dir, 'prices.csv');
    writeFileSync(
      file,
      'Date,Open,High,Low,Close,Volume\n2025-06-02,10,11,9,10,5\n2025-06-03,10,x,9,10,5\n2025-06-04,10,11,9,10,5\n',
    );
    const refused = await runCli([
      'data',
      'import',
      '--file',
      file,
      '--symbol',
      'ABC',
      '--name',
      'abc',
      '--data-dir',
      dir,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3: high "x" is not a number');
    const kept = await runCli([
      'data',
      'import',
      '--file',
      file,
      '--symbol',
      'ABC',
      '--name',
      'abc',
      '--data-dir',
      dir,
      '--keep-good-rows',
    ]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('ABC: 2 bars, 1 session missing (2025-06-03)');
    expect(kept.stderr).toContain('line 3');
  });
});
