import { benchBacktest, printBacktest } from './backtest';
import { benchEngineCycle, printEngineCycle } from './engine-cycle';
import { benchExecution, printExecution } from './execution';
import { benchLambdaBundles, printLambdaBundles } from './lambda-bundles';
import { machineLine } from './machine';
import { benchOrderLatency, printOrderLatency, RATES_PER_SECOND } from './order-latency';
import { benchOptions, printOptions } from './options';
import { benchPreTrade, printPreTrade } from './pre-trade';
import { benchPortfolioVaR, printPortfolioVaR } from './risk';
import { benchResearch, printResearch } from './research';

/**
 * `npm run bench`: every benchmark of the platform, printed with the machine it ran on.
 * `npm run bench -- backtest orders` runs only the named ones.
 */
const BENCHMARKS: Record<string, () => Promise<void> | void> = {
  risk: () => printPortfolioVaR(benchPortfolioVaR()),
  'pre-trade': () => printPreTrade(benchPreTrade()),
  options: () => printOptions(benchOptions()),
  backtest: () => printBacktest(benchBacktest()),
  research: async () => printResearch(await benchResearch()),
  bundles: async () => printLambdaBundles(await benchLambdaBundles()),
  execution: async () => printExecution(await benchExecution()),
  engine: async () => printEngineCycle(await benchEngineCycle()),
  orders: async () => {
    const latencies = [];
    for (const rate of RATES_PER_SECOND) latencies.push(await benchOrderLatency(rate));
    printOrderLatency(latencies);
  },
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
  );
  process.exit(2);
}
console.log(`Stratus benchmarks — ${machineLine()}`);
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (chosen.length === 0 || chosen.includes(name)) await run();
}
