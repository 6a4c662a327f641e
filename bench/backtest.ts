import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBarsCsv, generateBars, parseBarsCsv, runBacktest } from '../lib/core/backtest';
import { createStrategy } from '../lib/core/strategies/registry';

export const MINUTE_BARS = 1_000_000;

/** The reference workload's bars: 1,000,000 seeded GBM minute bars (the backtest and research benches share them). */
export function referenceMinuteBars() {
  return generateBars({
    symbol: 'SYN',
    bars: MINUTE_BARS,
    start: Date.UTC(2020, 0, 2, 14, 31),
    intervalMinutes: 1,
    initialPrice: 100,
    drift: 0.05,
    volatility: 0.25,
    seed: 2026,
  });
}

export interface BacktestFigures {
  engineBarsPerSecond: number;
  finalEquity: number;
  /** `stratus backtest` on the same bars as CSV: process start, parse, run, summary (best of 3). */
  cliSeconds: number;
  cliTrades: number;
  cliFinalEquity: number;
  parseBarsPerSecond: number;
  endToEndBarsPerSecond: number;
  condorSeconds: number;
  trades: number;
  condorTrades: number;
}

/**
 * An SMA(10)/SMA(30) crossover over 1,000,000 synthetic minute bars with commission (per share)
 * and 5 bps slippage: the engine alone (bars already in columns), CSV parsing alone, and both
 * (CSV text in, results out). Then an iron condor over 10 years of daily bars with a simulated
 * chain repriced every day. Each is run twice untimed (V8 tiers the hot loop up over the first
 * runs), then timed three times; the best of the three is reported.
 */
export function benchBacktest(): BacktestFigures {
  const bars = referenceMinuteBars();
  const csv = formatBarsCsv(bars);
  // The reference workload: long-only, 100 shares, next-bar-open fills, 5 bp slippage capped to
  // the bar's range, 0.1 % commission, $1,000,000 (the CLI's REFERENCE_COMMAND runs the same).
  const config = {
    capital: 1_000_000,
    commission: { kind: 'percent' as const, bps: 10, minimum: 0 },
    slippage: { model: 'bps' as const, bps: 5 },
    sizing: { kind: 'fixed' as const, quantity: 100 },
    periodsPerYear: 252 * 390,
  };
  const best = (run: () => void) => {
    run();
    run();
    let fastest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      run();
      fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest / 1000;
  };
  const crossover = () => createStrategy('ma_crossover', { fast_period: 10, slow_period: 30 });
  let trades = 0;
  let finalEquity = 0;
  const engine = best(() => {
    const result = runBacktest(crossover(), [bars], config);
    trades = result.trades.length;
    finalEquity = result.finalEquity;
  });
  const parse = best(() => {
    parseBarsCsv(csv, 'SYN');
  });
  const endToEnd = best(() => {
    runBacktest(crossover(), [parseBarsCsv(csv, 'SYN')], config);
  });
  const days = generateBars({
    symbol: 'SPY',
    bars: 2_520,
    start: Date.UTC(2016, 0, 4, 21),
    intervalMinutes: 1_440,
    initialPrice: 200,
    drift: 0.07,
    volatility: 0.18,
    seed: 7,
  });
  let condorTrades = 0;
  const condor = best(() => {
    condorTrades = runBacktest(
      createStrategy('iron_condor', { underlying: 'SPY', target_dte: 45, exit_dte: 21, wing_width: 10 }),
      [days],
      {
        capital: 100_000,
        commission: { kind: 'none' },
        optionCommission: { kind: 'per_contract', perContract: 0.65, minimum: 0 },
        slippage: { model: 'bps', bps: 0 },
        sizing: { kind: 'fixed', quantity: 0 },
        chains: [{ underlying: 'SPY', volatility: 0.18, strikeStep: 5, strikesEachSide: 25 }],
      },
    ).trades.length;
  });
  const cli = cliEndToEnd(csv);
  return {
    engineBarsPerSecond: MINUTE_BARS / engine,
    finalEquity,
    cliSeconds: cli.seconds,
    cliTrades: cli.trades,
    cliFinalEquity: cli.finalEquity,
    parseBarsPerSecond: MINUTE_BARS / parse,
    endToEndBarsPerSecond: MINUTE_BARS / endToEnd,
    condorSeconds: condor,
    trades,
    condorTrades,
  };
}

export function printBacktest(figures: BacktestFigures): void {
  const rate = (value: number) => `${(value / 1e6).toFixed(2)} M bars/s`;
  console.log(
    `\nBacktest (reference workload): SMA(10)/SMA(30) long-only over ${MINUTE_BARS.toLocaleString('en')} GBM minute bars, 100 shares, next-open fills, 5 bp slippage, 0.1 % commission, $1,000,000 — ${figures.trades} trades, final equity $${figures.finalEquity.toFixed(2)}`,
  );
  console.log(
    `  engine (parse excluded)   ${rate(figures.engineBarsPerSecond)}   target ≥ 10 M: ${figures.engineBarsPerSecond >= 10e6 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  CLI end to end            ${figures.cliSeconds.toFixed(2)} s (${figures.cliTrades} trades, $${figures.cliFinalEquity.toFixed(2)})   target ≤ 1 s: ${figures.cliSeconds <= 1 ? 'met' : 'MISSED'}`,
  );
  console.log(`    ${REFERENCE_COMMAND.join(' ')}`);
  console.log(
    `  CSV parsing alone         ${rate(figures.parseBarsPerSecond)}   target ≥ 1 M: ${figures.parseBarsPerSecond >= 1e6 ? 'met' : 'MISSED'}`,
  );
  console.log(`  end to end (parse included) ${rate(figures.endToEndBarsPerSecond)}`);
  console.log(
    `  iron condor, 10 years daily, chain repriced daily: ${figures.condorSeconds.toFixed(2)} s (${figures.condorTrades} trades)   target ≤ 1 s: ${figures.condorSeconds <= 1 ? 'met' : 'MISSED'}`,
  );
}

/** The reference workload through the CLI (`bars.csv`: the generated bars written as CSV). */
export const REFERENCE_COMMAND = [
  'npx stratus backtest --data bars.csv --symbol SYN --strategy ma_crossover',
  '--param fast_period=10 --param slow_period=30 --quantity 100',
  '--commission percent:10 --slippage-bps 5 --capital 1000000',
];

/**
 * Runs the CLI as a trader would — `npx stratus`, i.e. bin/stratus.mjs in a process of its own —
 * once to build its bundle if the sources changed, then three times; the fastest. The summary it
 * prints is what is timed (`--json` would add writing a million equity points).
 */
function cliEndToEnd(csv: string): { seconds: number; trades: number; finalEquity: number } {
  const file = join(mkdtempSync(join(tmpdir(), 'stratus-bench-')), 'bars.csv');
  writeFileSync(file, csv);
  const args = REFERENCE_COMMAND.join(' ').replace('npx stratus ', '').replace('bars.csv', file).split(' ');
  const run = () => execFileSync(process.execPath, ['bin/stratus.mjs', ...args], { encoding: 'utf8' });
  let output = run();
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    output = run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  const trades = Number(/(\d+) trades/.exec(output)?.[1]);
  // The summary writes dollars with separators ($592,948.83).
  const finalEquity = Number(/final equity\s+\$([\d,.]+)/.exec(output)?.[1]?.replaceAll(',', ''));
  return { seconds: fastest / 1000, trades, finalEquity };
}
