import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseSyntheticSpec } from '../../lib/app/backtest/backtest-command';
import { generateBars, runBacktest } from '../../lib/core/backtest';
import { parseCommissionModel } from '../../lib/core/execution/commission';
import { createStrategy } from '../../lib/core/strategies/registry';
import { readSettings } from '../../lib/platform/settings';
import { venueFills } from '../../lib/platform/venue-fills';
import { inkedPixels, launchChromium } from '../support/chromium';
import { readmeStratusCommands } from '../support/readme-commands';
import { runCli, startServeProcess } from '../support/cli-process';
import { call } from '../support/local-host';

const GOLDEN = 'test/core/backtest/fixtures/golden.csv';
/** An SMA(2)/SMA(3) crossover over the golden CSV (the core engine test's golden trade). */
const GOLDEN_CROSSOVER = [
  'backtest',
  '--data',
  GOLDEN,
  '--strategy',
  'ma_crossover',
  '--param',
  'fast_period=2',
  '--param',
  'slow_period=3',
];

describe('stratus backtest (the CLI, its JSON and its HTML report in Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-backtest-'));
  const report = join(dir, 'report.html');
  let first: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    first = await runCli([
      'backtest',
      '--strategy',
      'ma_crossover',
      '--param',
      'fast_period=10',
      '--param',
      'slow_period=30',
      '--synthetic',
      'gbm:bars=1500,seed=5,vol=0.3,start=2024-01-02',
      '--json',
      '--report',
      report,
    ]);
  });

  it('prints the result as JSON, and the same run gives the same JSON', async () => {
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout) as {
      bars: number;
      trades: unknown[];
      final_equity: number;
      equity: unknown[];
    };
    expect(result.bars).toBe(1_500);
    expect(result.trades.length).toBeGreaterThan(5);
    expect(result.equity).toHaveLength(1_500);
    // Dollars to the cent, prices to the sub-penny tick: no 1477.5200000000002 of fees.
    const full = JSON.parse(first.stdout) as {
      final_equity: number;
      fees: number;
      trade_statistics: Record<string, number | null>;
      trades: { pnl: number; fees: number; entry_price: number; exit_price: number }[];
      equity: [string, number][];
    };
    const decimals = (value: number) => (String(value).split('.')[1] ?? '').length;
    const dollars = [
      full.final_equity,
      full.fees,
      ...['net_pnl', 'fees', 'average_win', 'average_loss', 'expectancy', 'largest_win', 'largest_loss'].map(
        (field) => full.trade_statistics[field] ?? 0,
      ),
      ...full.trades.flatMap((trade) => [trade.pnl, trade.fees]),
      ...full.equity.map(([, value]) => value),
    ];
    expect(dollars.filter((value) => decimals(value) > 2)).toEqual([]);
    const prices = full.trades.flatMap((trade) => [trade.entry_price, trade.exit_price]);
    expect(prices.filter((value) => decimals(value) > 4)).toEqual([]);
    const again = await runCli([
      'backtest',
      '--strategy',
      'ma_crossover',
      '--param',
      'fast_period=10',
      '--param',
      'slow_period=30',
      '--synthetic',
      'gbm:bars=1500,seed=5,vol=0.3,start=2024-01-02',
      '--json',
    ]);
    expect(again.stdout).toBe(first.stdout);
  });

  it('saves the bars as a named data set and runs it again by name, to the same result', async () => {
    const args = ['backtest', '--strategy', 'ma_crossover', '--json', '--data-dir', dir];
    const saved = await runCli([...args, '--synthetic', 'gbm:bars=800,seed=4', '--save-dataset', 'syn800']);
    const reused = await runCli([...args, '--data', 'syn800']);
    expect(reused.code, reused.stderr).toBe(0);
    const [a, b] = [saved, reused].map(
      (run) => JSON.parse(run.stdout) as { final_equity: number; trades: unknown[] },
    );
    expect(b!.final_equity).toBeCloseTo(a!.final_equity, 6);
    expect(b!.trades).toHaveLength(a!.trades.length);
    const escape = await runCli([...args, '--data', '../../etc/passwd-ish']);
    expect(escape.code).toBe(1);
  });

  it('runs the golden CSV to the golden trade', async () => {
    const { code, stdout } = await runCli([
      ...GOLDEN_CROSSOVER,
      '--commission',
      'percent:10',
      '--slippage-bps',
      '10',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { trades: { symbol: string; entry_at: string; exit_at: string }[] };
    expect(result.trades).toEqual([
      expect.objectContaining({
        symbol: 'GOLDEN',
        entry_at: '2026-01-13T00:00:00.000Z',
        exit_at: '2026-01-16T00:00:00.000Z',
      }),
    ]);
  });

  it('refuses bad input with a clear message and exit code 2 (usage) or 1 (data)', async () => {
    const usage = await runCli(['backtest', '--strategy', 'ma_crossover']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/exactly one of --data, --synthetic or --sessions/);
    const noSymbol = await runCli(['backtest', '--strategy', 'ma_crossover', '--sessions', '300']);
    expect(noSymbol.code).toBe(2);
    expect(noSymbol.stderr).toMatch(/--sessions needs --symbol/);
    const parameters = await runCli([
      'backtest',
      '--strategy',
      'ma_crossover',
      '--param',
      'fast_period=1',
      '--synthetic',
      'gbm',
    ]);
    expect(parameters.code).toBe(1);
    expect(parameters.stderr).toMatch(/parameters\.fast_period must be at least 2/);
  });

  it('sizes by --quantity or a --sizing model, and refuses two ways at once', async () => {
    const base = [
      'backtest',
      '--strategy',
      'ma_crossover',
      '--synthetic',
      'gbm:bars=1500,seed=5,vol=0.3,start=2024-01-02',
      '--json',
    ];
    const fixed = await runCli([...base, '--quantity', '100']);
    expect(fixed.code, fixed.stderr).toBe(0);
    const trades = (JSON.parse(fixed.stdout) as { trades: { quantity: number }[] }).trades;
    expect(trades.length).toBeGreaterThan(5);
    expect(new Set(trades.map((trade) => trade.quantity))).toEqual(new Set([100]));

    const kelly = await runCli([...base, '--sizing', 'kelly:p=0.6,ratio=1.5,max=0.1']);
    expect(kelly.code, kelly.stderr).toBe(0);
    const sized = (JSON.parse(kelly.stdout) as { trades: { quantity: number; entry_price: number }[] })
      .trades;
    // At most 10 % of equity (about $100,000 here) in any one position.
    for (const trade of sized) expect(trade.quantity * trade.entry_price).toBeLessThan(0.1 * 130_000);

    const both = await runCli([...base, '--quantity', '100', '--fraction', '0.5']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/one of --fraction and --quantity/);
    const bad = await runCli([...base, '--sizing', 'kelly:p=2,ratio=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sizing kelly:p=2,ratio=1: p must be a number from 0 to 1/);
  });

  it('fills as the paper venue with --fills venue (minute bars), to the cent of the engine in process; refuses daily bars', async () => {
    const synthetic = 'gbm:bars=3000,interval=1,seed=8,vol=0.3,start=2024-01-02';
    const venue = await runCli([
      'backtest',
      '--strategy',
      'ma_crossover',
      '--synthetic',
      synthetic,
      '--quantity',
      '100',
      '--fills',
      'venue',
      '--json',
    ]);
    expect(venue.code, venue.stderr).toBe(0);
    const printed = JSON.parse(venue.stdout) as { final_equity: number; trades: unknown[] };
    const expected = runBacktest(
      createStrategy('ma_crossover', {}),
      [generateBars(parseSyntheticSpec(synthetic))],
      {
        capital: 100_000,
        commission: parseCommissionModel('per_share:0.005:min=1'),
        slippage: { model: 'bps', bps: 5 },
        sizing: { kind: 'fixed', quantity: 100 },
        venue: venueFills(readSettings({})),
      },
    );
    expect(printed.trades.length).toBe(expected.trades.length);
    expect(printed.trades.length).toBeGreaterThan(5);
    expect(printed.final_equity).toBe(expected.finalEquity);

    const dailyWith = (fills: string) =>
      runCli(['backtest', '--strategy', 'ma_crossover', '--synthetic', 'gbm', '--fills', fills]);
    const daily = await dailyWith('venue');
    expect(daily.code).toBe(1);
    expect(daily.stderr).toMatch(/venue fills trade as the live engine does, inside the regular session/);
    const unknown = await dailyWith('mid');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--fills must be bar or venue/);
  });

  it('runs every backtest example of the README, each making trades (reports written to a temporary folder)', async () => {
    const commands = readmeStratusCommands('backtest');
    expect(commands.length).toBeGreaterThanOrEqual(6);
    const reports = new Set<string>();
    for (const command of commands) {
      const args = command.map((arg, index) =>
        command[index - 1] === '--report' ? join(dir, `readme-${arg}`) : arg,
      );
      args.filter((_, index) => args[index - 1] === '--report').forEach((file) => reports.add(file));
      const run = await runCli(args);
      expect(run.code, `${command.join(' ')}\n${run.stderr}`).toBe(0);
      const trades = args.includes('--json')
        ? (JSON.parse(run.stdout) as { trades: unknown[] }).trades.length
        : Number(/(\d+) trades/.exec(run.stdout)?.[1]);
      expect(trades, command.join(' ')).toBeGreaterThan(0);
    }
    expect([...reports].map((file) => file.slice(-4)).sort()).toEqual(['.pdf', 'html']);
    for (const file of reports) expect(existsSync(file), file).toBe(true);
  });

  it('answers the same through `npx stratus` (its JavaScript build), serves from it, and rebuilds once a source is newer', async () => {
    // Inside the project (the build finds its packages there), a folder of this test's own.
    const build = join('dist', `cli-test-${process.pid}`);
    onTestFinished(() => rmSync(build, { recursive: true, force: true }));
    const env = { ...process.env, STRATUS_CLI_BUILD: build };
    const args = [...GOLDEN_CROSSOVER, '--json'];
    const launcher = (extra: string[] = []) =>
      new Promise<{ code: number | null; stdout: string }>((done) => {
        execFile(process.execPath, ['bin/stratus.mjs', ...args, ...extra], { env }, (error, stdout) =>
          done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
        );
      });
    const fromSources = await runCli(args);
    const built = await launcher();
    expect(built.code).toBe(0);
    expect(built.stdout).toBe(fromSources.stdout);
    const entry = join(build, 'bin', 'stratus.mjs');
    expect(existsSync(entry)).toBe(true);
    // Every function the local host runs is built beside the CLI: `npm start` needs no TypeScript.
    expect(existsSync(join(build, 'functions', 'http', 'orders.mjs'))).toBe(true);
    const served = await startServeProcess(['--in-memory'], { STRATUS_CLI_BUILD: build }, 'bin/stratus.mjs');
    try {
      expect((await call(`${served.url}/api/health`)).status).toBe(200);
      const order = await call(`${served.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol: 'AAPL', side: 'buy', quantity: 1 }),
      });
      expect(order.status, order.text).toBe(201);
    } finally {
      await served.stop();
    }
    // A build older than the sources is rebuilt before it runs.
    utimesSync(entry, new Date(0), new Date(0));
    expect((await launcher()).stdout).toBe(fromSources.stdout);
    expect(statSync(entry).mtimeMs).toBeGreaterThan(Date.parse('2020-01-01'));
  });

  describe('the HTML report in Chromium', () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders: metrics, an equity and a drawdown chart that drew, the monthly table and the trades', async () => {
      expect(readFileSync(report, 'utf8')).toContain('<svg id="equity-chart"');
      const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
      await page.goto(pathToFileURL(report).href);
      await expect(page.locator('.metric').count()).resolves.toBe(15);
      await expect(page.locator('#monthly tr').count()).resolves.toBeGreaterThan(1);
      await expect(page.locator('#trades tr').count()).resolves.toBeGreaterThan(5);
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
      // What was run, and charts a reader can read: values up the side, dates along the bottom.
      const setup = await page.locator('#setup').textContent();
      for (const words of [
        'ma_crossover',
        'fast_period=10',
        'synthetic gbm:bars=1500',
        '$100,000.00',
        'per_share',
        '5 bps',
      ])
        expect(setup).toContain(words);
      const equityAxis = await page.locator('#equity-chart text').allTextContents();
      expect(equityAxis.filter((text) => /^\$[\d,]+\.\d\d$/.test(text))).toHaveLength(3);
      expect(equityAxis.filter((text) => /^\d{4}-\d\d-\d\d$/.test(text))).toHaveLength(5);
      const drawdownAxis = await page.locator('#drawdown-chart text').allTextContents();
      expect(drawdownAxis.filter((text) => /%$/.test(text))).toHaveLength(3);
      expect(await page.locator('#trades td').nth(8).textContent()).toMatch(/^-?\$[\d,]+\.\d\d$/);
      for (const [id, color] of [
        ['#equity-chart', [9, 105, 218]],
        ['#drawdown-chart', [207, 34, 46]],
      ] as const) {
        const inked = await inkedPixels(page, page.locator(id), color);
        expect(inked, `${id} drew its line`).toBeGreaterThan(500);
      }
      await page.close();
    });
  });
});
