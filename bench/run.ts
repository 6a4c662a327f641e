import { benchLambdaBundles, printLambdaBundles } from './lambda-bundles';
import { machineLine } from './machine';
import { benchOrderLatency, printOrderLatency } from './order-latency';

/** `npm run bench`: every benchmark of the platform, printed with the machine it ran on. */
console.log(`Stratus benchmarks — ${machineLine()}`);
printLambdaBundles(await benchLambdaBundles());
printOrderLatency(await benchOrderLatency());
