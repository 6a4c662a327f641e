#!/usr/bin/env -S npx tsx
import { parseArgs } from 'node:util';

const USAGE = `Usage: stratus <command> [options]

Commands:
  serve     Run Stratus on this machine: API and web UI, paper trading on a simulated market.
            --port <n>        port to listen on (default 5000; 0 picks a free one)
            --host <addr>     address to bind (default 127.0.0.1; others need STRATUS_API_TOKEN)
            --data-dir <dir>  where state is kept between runs (default .stratus)
            --in-memory       keep nothing: a throwaway run
            --market-clock <m> session (default: the simulated market is in session at any hour) or real
            --log-level <l>   DEBUG, INFO, WARN (default) or ERROR
            --cycle-seconds <n>  how often the strategy engine cycles (default 15)
            --clock-start <iso>  start the platform clock at this instant (simulations, tests)
            --test-controls   loopback only: POST /local/clock {"at"} moves the clock, POST /local/run/<fn>
                              runs a scheduled function now
            --manual-schedule with --test-controls: scheduled functions run only when asked
            --step-wait-ms <n> replace every Step Functions Wait with n ms (TWAP slices back to back)
  backtest  Run a strategy over historical or synthetic bars and print the results.
            --strategy <type>        a strategy type (ma_crossover, rsi_mean_reversion, …)
            --param <name=value>     a strategy parameter (repeat; a,b,c for lists)
            --data <file.csv|name>   bars: datetime,open,high,low,close,volume (--symbol names them),
                                     or a data set saved earlier with --save-dataset
            --save-dataset <name>    keep the bars used (CSV or synthetic) under .stratus/datasets for reuse
            --synthetic <spec>       or generated bars, e.g. gbm:bars=100000,interval=1,vol=0.25,seed=1
            --sessions <n>           or the simulated market's last n daily bars of --symbol (as the API)
            --from <date> --to <date>  only the bars between
            --capital <dollars>      starting cash (default 100000)
            --commission <model>     none, per_share:0.005:min=1 (default), percent:5:min=1
            --slippage-bps <n>       slippage on market fills, capped at the bar's range (default 5)
            --fills <bar|venue>      bar (default): next bar's open with --slippage-bps; venue: as the
                                     paper venue fills the live engine — at the signal bar's close, the
                                     quote's spread, the book's depth and the collar (minute bars)
            --fraction <f>           position size as a fraction of equity (default 0.95)
            --quantity <shares>      or a fixed number of shares per position
            --sizing <model>         or a sizing model: fixed_fractional:risk=0.01,stop=0.05,
                                     volatility_target:target=0.15,lookback=20, kelly:p=0.55,ratio=1.5
            --json                   print the full result as JSON
            --report <file.html|pdf> also write a self-contained HTML report (a .pdf: printed by Chromium)
  data      Historical bars kept as named datasets under <data dir>/datasets (S3 in AWS), for backtests.
            data fetch --symbols SPY,QQQ --from 2020-01-01 --to 2025-12-31 [--timeframe 1Day|1Min]
                       [--name <n>] [--adjustment all|split|raw] [--feed iex|sip]
                       from Alpaca's market data (STRATUS_ALPACA_KEY_ID / STRATUS_ALPACA_SECRET_KEY),
                       page by page; run it again to resume a download that stopped
            data import --file prices.csv --symbol SPY --name <n> [--layout auto|yahoo|generic]
                       [--columns time=Timestamp,close=Last,...] [--keep-good-rows]
                       a Yahoo-style daily file or a generic one; bad rows are named by line
            data list  the datasets kept
  sweep     Try many parameter combinations over a dataset (or --synthetic) on every core, best first.
            --strategy <type> --data <dataset> [--symbol S] --sweep fast_period=5:50:5 --sweep slow_period=60,100,200
            [--samples <n> --seed <s>] (a random search)  [--rank-by sharpe|sortino|calmar|total_return]
            [--param name=value] [--top <n>] [--workers <n>] [--json]
  walk-forward  Choose the best combination in each in-sample window, trade it on the next window.
            the options of sweep, and --in-sample <bars> --out-of-sample <bars> [--mode rolling|anchored]
  report    A running Stratus's performance report, as HTML or PDF (headless Chromium).
            --period daily|monthly (default monthly)  --date <YYYY-MM-DD|YYYY-MM>  --out <report.pdf|.html>
            [--url http://127.0.0.1:5000] [--benchmark SPY]; STRATUS_API_TOKEN when the API needs one
  help      Show this text.`;

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '5000' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      'market-clock': { type: 'string', default: 'session' },
      'log-level': { type: 'string' },
      'cycle-seconds': { type: 'string', default: '15' },
      'clock-start': { type: 'string' },
      'test-controls': { type: 'boolean', default: false },
      'manual-schedule': { type: 'boolean', default: false },
      'step-wait-ms': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be 0–65535, got ${values.port}`);
  const logLevel = values['log-level']?.toUpperCase();
  if (logLevel && !['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel)) {
    throw new UsageError(`--log-level must be DEBUG, INFO, WARN or ERROR, got ${values['log-level']}`);
  }
  const marketClock = values['market-clock'];
  if (marketClock !== 'session' && marketClock !== 'real') {
    throw new UsageError(`--market-clock must be session or real, got ${marketClock}`);
  }
  const cycleSeconds = Number(values['cycle-seconds']);
  if (!(cycleSeconds >= 1))
    throw new UsageError(`--cycle-seconds must be at least 1, got ${values['cycle-seconds']}`);
  const clockStart = values['clock-start'] ? new Date(values['clock-start']) : undefined;
  if (clockStart && Number.isNaN(clockStart.getTime()))
    throw new UsageError(`--clock-start must be an ISO time, got ${values['clock-start']}`);
  if (values['manual-schedule'] && !values['test-controls'])
    throw new UsageError('--manual-schedule needs --test-controls (nothing else could run the schedule)');
  const stepWaitMs = values['step-wait-ms'] === undefined ? undefined : Number(values['step-wait-ms']);
  if (stepWaitMs !== undefined && !(Number.isInteger(stepWaitMs) && stepWaitMs >= 0))
    throw new UsageError(
      `--step-wait-ms must be a whole number of milliseconds, got ${values['step-wait-ms']}`,
    );
  // Manual: timers so long they never fire during a run; /local/run drives the schedule.
  const NEVER_MS = 2_147_483_647;
  // Loaded here, not at the top: a backtest needs none of the host (its embedded services, SDKs).
  const { startLocalHost } = await import('../lib/local/local-host');
  const host = await startLocalHost({
    marketClock,
    cycleIntervalMs: values['manual-schedule'] ? NEVER_MS : cycleSeconds * 1000,
    ...(values['manual-schedule'] ? { scheduleIntervalMs: NEVER_MS } : {}),
    ...(clockStart ? { clockStart } : {}),
    testControls: values['test-controls'],
    ...(stepWaitMs === undefined ? {} : { waitOverrideMs: stepWaitMs }),
    host: values.host,
    port,
    inMemory: values['in-memory'],
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(logLevel ? { logLevel: logLevel as 'DEBUG' } : {}),
  });
  console.log(`Stratus ${host.version} — paper trading on a simulated market`);
  console.log(`  API and web UI   ${host.url}   (try ${host.url}/api/health)`);
  console.log(
    `  authentication   ${host.open ? 'open (loopback, paper mode)' : 'Bearer token required (STRATUS_API_TOKEN)'}`,
  );
  console.log(`  state            ${host.dataDir ?? 'in memory (lost on exit)'}`);
  console.log(
    `  market clock     ${host.clockOffsetMs === 0 ? 'real time' : `session clock, ${new Date(Date.now() + host.clockOffsetMs).toISOString()} (simulated market in session)`}`,
  );
  console.log(`  DynamoDB         ${host.endpoints.dynamodb}   (dynalite)`);
  console.log(`  SQS              ${host.endpoints.sqs}   (fauxqs)`);
  console.log(`  Step Functions   ${host.endpoints.stepFunctions}   (aws-local-stepfunctions)`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing requests in flight and closing the stores…`);
    host.stop().then(
      () => {
        console.log('Stopped cleanly.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

class UsageError extends Error {}

/**
 * A dataset kept by `stratus data` as one CSV: the `--symbol` named (or its only one), its parts
 * joined in order (each part's header dropped but the first). Undefined when no such dataset.
 */
async function datasetCsv(values: {
  data?: string;
  symbol?: string;
  'data-dir': string;
}): Promise<{ csv: string; symbol: string } | undefined> {
  const { datasetOption } = await import('./dataset-option');
  const found = await datasetOption(
    values['data-dir'],
    values.data!,
    values.symbol,
    (m) => new UsageError(m),
  );
  if (!found) return undefined;
  const { store, manifest, symbol } = found;
  const parts = await store.readParts(manifest.name, symbol, manifest.symbols[symbol]!.parts);
  const csv = parts.map((part, i) => (i === 0 ? part : part.slice(part.indexOf('\n') + 1))).join('');
  return { csv, symbol };
}

/** The simulated market's last `sessions` daily bars of a symbol, as CSV (what the API's backtests read). */
async function marketHistoryCsv(symbol: string, sessionsText: string): Promise<string> {
  const sessions = Number(sessionsText);
  if (!Number.isInteger(sessions) || sessions < 2 || sessions > 5_000)
    throw new UsageError('--sessions must be a whole number from 2 to 5000');
  const { readSettings } = await import('../lib/platform/settings');
  const { SimulatedMarketData } = await import('../lib/adapters/market-data/simulated-market-data');
  const { formatBarsCsv, seriesFromBars } = await import('../lib/core/backtest');
  const market = new SimulatedMarketData({ now: () => new Date() }, readSettings(process.env).marketSeed);
  const bars = (await market.dailyBars([symbol], sessions, new Date())).get(symbol);
  if (!bars) throw new UsageError(`--symbol ${symbol}: the simulated market does not quote it`);
  return formatBarsCsv(seriesFromBars(symbol, bars));
}

/** How the paper venue fills under this shell's platform settings (STRATUS_PAPER_BOOK…). */
async function platformVenueFills() {
  const { readSettings } = await import('../lib/platform/settings');
  const { venueFills } = await import('../lib/platform/venue-fills');
  return venueFills(readSettings(process.env));
}

/** --quantity, --sizing or --fraction (one of them; 95 % of equity when none is given). */
async function sizingFlags(values: { fraction?: string; quantity?: string; sizing?: string }) {
  const given = (['fraction', 'quantity', 'sizing'] as const).filter((name) => values[name] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --${given.join(' and --')}, not both`);
  const quantity = values.quantity === undefined ? undefined : Number(values.quantity);
  if (quantity !== undefined && !(Number.isInteger(quantity) && quantity >= 1))
    throw new UsageError('--quantity must be a whole number of shares, at least 1');
  const fraction = values.fraction === undefined ? undefined : Number(values.fraction);
  if (fraction !== undefined && !(fraction > 0 && fraction <= 1))
    throw new UsageError('--fraction must be more than 0 and at most 1');
  const { sizingOf } = await import('../lib/core/risk/sizing-model');
  try {
    return sizingOf({ fraction, quantity, sizing: values.sizing }, '--sizing');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function backtest(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      strategy: { type: 'string' },
      param: { type: 'string', multiple: true },
      data: { type: 'string' },
      symbol: { type: 'string' },
      synthetic: { type: 'string' },
      sessions: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      capital: { type: 'string', default: '100000' },
      commission: { type: 'string', default: 'per_share:0.005:min=1' },
      'slippage-bps': { type: 'string', default: '5' },
      fills: { type: 'string', default: 'bar' },
      fraction: { type: 'string' },
      quantity: { type: 'string' },
      sizing: { type: 'string' },
      json: { type: 'boolean', default: false },
      report: { type: 'string' },
      'save-dataset': { type: 'string' },
      'data-dir': { type: 'string', default: '.stratus' },
    },
  });
  if (!values.strategy) throw new UsageError('backtest needs --strategy <type>');
  if ([values.data, values.synthetic, values.sessions].filter((given) => given !== undefined).length !== 1)
    throw new UsageError('backtest needs exactly one of --data, --synthetic or --sessions');
  if (values.sessions !== undefined && !values.symbol)
    throw new UsageError('--sessions needs --symbol: the simulated market symbol to read');
  if (values.fills !== 'bar' && values.fills !== 'venue')
    throw new UsageError('--fills must be bar or venue');
  const number = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) throw new UsageError(`--${name} must be a non-negative number`);
    return value;
  };
  const { readFile, writeFile } = await import('node:fs/promises');
  const { basename } = await import('node:path');
  const { backtestJson, datasetFile, loadBars, parseParameters, runBacktestRequest } =
    await import('../lib/app/backtest/backtest-command');
  const { formatBarsCsv } = await import('../lib/core/backtest');
  const { existsSync, mkdirSync } = await import('node:fs');
  // --data names a file, or else a saved data set.
  const dataFile =
    values.data && !existsSync(values.data) && existsSync(datasetFile(values['data-dir'], values.data))
      ? datasetFile(values['data-dir'], values.data)
      : values.data;
  const dataset = values.data && !existsSync(values.data) ? await datasetCsv(values) : undefined;
  const csvText = dataset
    ? dataset.csv
    : dataFile
      ? await readFile(dataFile, 'utf8')
      : values.sessions !== undefined
        ? await marketHistoryCsv(values.symbol!, values.sessions)
        : undefined;
  if (dataset) values.symbol ??= dataset.symbol;
  const { backtestReportHtml } = await import('../lib/app/backtest/html-report');
  const { formatDollars } = await import('../lib/core/money');
  const showProgress = !values.json && process.stderr.isTTY;
  // Synthetic bars without a `start` end today.
  const synthetic = { kind: 'synthetic' as const, spec: values.synthetic!, endingAt: new Date() };
  const result = runBacktestRequest(
    {
      strategy: values.strategy,
      parameters: parseParameters(values.param ?? []),
      data:
        csvText !== undefined
          ? {
              kind: 'csv',
              text: csvText,
              symbol:
                values.symbol ??
                basename(dataFile!)
                  .replace(/\.csv$/i, '')
                  .toUpperCase(),
            }
          : synthetic,
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      capital: number('capital', values.capital),
      commission: values.commission,
      slippageBps: number('slippage-bps', values['slippage-bps']),
      sizing: await sizingFlags(values),
      ...(values.fills === 'venue' ? { venue: await platformVenueFills() } : {}),
    },
    showProgress
      ? (done, total) => {
          const width = 30;
          const filled = Math.round((done / total) * width);
          process.stderr.write(
            `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round((done / total) * 100)}%`,
          );
          if (done === total) process.stderr.write('\n');
        }
      : undefined,
  );
  if (values['save-dataset']) {
    const file = datasetFile(values['data-dir'], values['save-dataset']);
    mkdirSync(`${values['data-dir']}/datasets`, { recursive: true });
    const source =
      csvText !== undefined
        ? {
            kind: 'csv' as const,
            text: csvText,
            symbol: values.symbol ?? values['save-dataset'].toUpperCase(),
          }
        : synthetic;
    await writeFile(file, formatBarsCsv(loadBars(source)));
    if (!values.json) console.error(`data set ${values['save-dataset']} saved to ${file}`);
  }
  if (values.report) {
    const html = backtestReportHtml(`${values.strategy} backtest`, result, {
      Strategy: values.strategy,
      Parameters: (values.param ?? []).join(', ') || 'defaults',
      Data: dataFile
        ? `${dataFile}${values.symbol ? ` (${values.symbol})` : ''}`
        : values.sessions !== undefined
          ? `simulated market, ${values.symbol}, last ${values.sessions} sessions`
          : `synthetic ${values.synthetic}`,
      Capital: formatDollars(number('capital', values.capital)),
      Commission: values.commission,
      Slippage: values.fills === 'venue' ? 'the venue’s spread and book' : `${values['slippage-bps']} bps`,
      Fills: values.fills,
      Sizing: values.quantity
        ? `${values.quantity} shares`
        : (values.sizing ?? `${values.fraction ?? '0.95'} of equity`),
    });
    // A .pdf is the same report printed by headless Chromium.
    if (values.report.toLowerCase().endsWith('.pdf')) {
      const { writePdf } = await import('../lib/adapters/pdf/chromium-pdf');
      await writePdf(html, values.report, process.env.CHROMIUM_PATH);
    } else await writeFile(values.report, html);
  }
  if (values.json) {
    // snake_case all through, as the API answers (trades and statistics included).
    const { toSnakeJson } = await import('../lib/api/dto/snake-case');
    console.log(JSON.stringify(toSnakeJson(backtestJson(result)), null, 2));
    return;
  }
  const p = result.performance;
  const t = result.tradeStatistics;
  // A ratio with nothing to measure (no trades, no variation) reads as a dash, never NaN.
  const ratio = (x: number | null) =>
    x === Number.POSITIVE_INFINITY ? '∞' : x === null || !Number.isFinite(x) ? '—' : x.toFixed(2);
  const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : '—');
  console.log(`${values.strategy}: ${result.bars} bars, ${t.trades} trades`);
  console.log(
    `  final equity   ${formatDollars(result.finalEquity)} (total ${pct(p.totalReturn)}, annual ${pct(p.annualReturn)})`,
  );
  console.log(
    `  sharpe ${ratio(p.sharpe)}   sortino ${ratio(p.sortino)}   max drawdown ${pct(p.maxDrawdown)}`,
  );
  console.log(
    `  win rate ${t.winRate === null ? '—' : pct(t.winRate)}   profit factor ${ratio(t.profitFactor)}   fees ${formatDollars(result.fees)}`,
  );
  if (values.report) console.log(`  report written to ${values.report}`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'backtest':
      return backtest(rest);
    case 'sweep':
    case 'walk-forward': {
      const { researchCommand } = await import('./research-command');
      return researchCommand(command, rest, (message) => new UsageError(message));
    }
    case 'report': {
      const { reportCommand } = await import('./report-command');
      return reportCommand(rest, (message) => new UsageError(message));
    }
    case 'data': {
      const { dataCommand } = await import('./data-command');
      return dataCommand(rest, (message) => new UsageError(message));
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`stratus: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`stratus: ${(error as Error).message ?? error}`);
  process.exit(1);
});
