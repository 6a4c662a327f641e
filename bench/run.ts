import { benchBacktest, printBacktest } from './backtest';
import { benchLambdaBundles, printLambdaBundles } from './lambda-bundles';
import { machineLine } from './machine';
import { benchOrderLatency, printOrderLatency, RATES_PER_SECOND } from './order-latency';
import { benchOptions, printOptions } from './options';
import { benchPreTrade, printPreTrade } from './pre-trade';
import { benchPortfolioVaR, printPortfolioVaR } from './risk';

/** `npm run bench`: every benchmark of the platform, printed with the machine it ran on. */
console.log(`Stratus benchmarks — ${machineLine()}`);
printPortfolioVaR(benchPortfolioVaR());
printPreTrade(benchPreTrade());
printOptions(benchOptions());
printBacktest(benchBacktest());
printLambdaBundles(await benchLambdaBundles());
const latencies = [];
for (const rate of RATES_PER_SECOND) latencies.push(await benchOrderLatency(rate));
printOrderLatency(latencies);
