import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DatasetManifest } from '../lib/core/datasets/dataset';

/** `stratus data …`: what the usage text says; `UsageError` is the CLI's own (exit 2). */
export async function dataCommand(args: string[], usage: (message: string) => Error): Promise<void> {
  const [verb, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      symbols: { type: 'string' },
      symbol: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      timeframe: { type: 'string', default: '1Day' },
      adjustment: { type: 'string', default: 'all' },
      feed: { type: 'string', default: 'iex' },
      file: { type: 'string' },
      layout: { type: 'string', default: 'auto' },
      columns: { type: 'string' },
      'keep-good-rows': { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.stratus' },
    },
    strict: true,
  });
  const { FileDatasetStore } = await import('../lib/adapters/datasets/file-dataset-store');
  const store = new FileDatasetStore(join(values['data-dir'], 'datasets'));
  const clock = { now: () => new Date() };
  if (verb === 'list') {
    for (const manifest of await store.list()) {
      const symbols = Object.entries(manifest.symbols)
        .map(([symbol, data]) => `${symbol} ${data.bars.toLocaleString('en-US')}`)
        .join(', ');
      console.log(
        `${manifest.name}  ${manifest.timeframe} ${manifest.from}…${manifest.to}  ${manifest.source}, adjustment ${manifest.adjustment}, ${manifest.status}  (${symbols})`,
      );
    }
    return;
  }
  if (verb === 'fetch') {
    const symbols = (values.symbols ?? '').split(',').filter(Boolean);
    if (symbols.length === 0 || !values.from || !values.to)
      throw usage('data fetch needs --symbols, --from and --to');
    if (values.timeframe !== '1Day' && values.timeframe !== '1Min')
      throw usage(`--timeframe must be 1Day or 1Min, got ${values.timeframe}`);
    if (!['all', 'split', 'raw'].includes(values.adjustment))
      throw usage(`--adjustment must be all, split or raw, got ${values.adjustment}`);
    if (values.feed !== 'iex' && values.feed !== 'sip')
      throw usage(`--feed must be iex or sip, got ${values.feed}`);
    const [{ AlpacaRest }, { alpacaCredentials }, { AlpacaBarPages }, { fetchDataset }, { ALPACA_URLS }] =
      await Promise.all([
        import('../lib/adapters/alpaca/alpaca-rest'),
        import('../lib/adapters/alpaca/alpaca-credentials'),
        import('../lib/adapters/alpaca/alpaca-bar-pages'),
        import('../lib/app/datasets/fetch-dataset'),
        import('../lib/adapters/alpaca/alpaca-urls'),
      ]);
    // Market data only: the data endpoint (STRATUS_ALPACA_DATA_URL for a proxy or a test's fake).
    const dataUrl = process.env.STRATUS_ALPACA_DATA_URL ?? ALPACA_URLS.data;
    const rest = new AlpacaRest({
      tradingUrl: dataUrl,
      dataUrl,
      credentials: alpacaCredentials(null, process.env),
      timeoutMs: 30_000,
    });
    const name = values.name ?? `${symbols.join('-').toLowerCase()}-${values.timeframe.toLowerCase()}`;
    const manifest = await fetchDataset(
      { store, pages: new AlpacaBarPages(rest, values.feed), clock },
      {
        name,
        symbols,
        from: values.from,
        to: values.to,
        timeframe: values.timeframe,
        adjustment: values.adjustment as 'all',
      },
      (symbol, bars) => process.stderr.write(`  ${symbol}: +${bars} bars\n`),
    );
    return report(manifest);
  }
  if (verb === 'import') {
    if (!values.file || !values.symbol || !values.name)
      throw usage('data import needs --file, --symbol and --name');
    if (!['auto', 'yahoo', 'generic'].includes(values.layout))
      throw usage(`--layout must be auto, yahoo or generic, got ${values.layout}`);
    const columns = Object.fromEntries(
      (values.columns ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string]),
    );
    const { importDataset } = await import('../lib/app/datasets/import-dataset');
    const { manifest, rejected } = await importDataset(
      { store, clock },
      {
        name: values.name,
        symbol: values.symbol,
        text: await readFile(values.file, 'utf8'),
        options: { layout: values.layout as 'auto', columns },
        keepGoodRows: values['keep-good-rows'],
      },
    );
    for (const row of rejected) console.error(`  line ${row.line}: ${row.problem} (skipped)`);
    return report(manifest);
  }
  throw usage(`data: unknown verb ${verb ?? '(none)'}; fetch, import or list`);
}

function report(manifest: DatasetManifest): void {
  console.log(
    `dataset ${manifest.name}: ${manifest.timeframe}, ${manifest.from}…${manifest.to}, ${manifest.status}`,
  );
  for (const [symbol, data] of Object.entries(manifest.symbols)) {
    const gaps = data.gaps?.count
      ? `, ${data.gaps.count} session${data.gaps.count === 1 ? '' : 's'} missing (${data.gaps.first.join(', ')}${data.gaps.count > data.gaps.first.length ? ', …' : ''})`
      : '';
    console.log(`  ${symbol}: ${data.bars.toLocaleString('en-US')} bars${gaps}`);
  }
}
