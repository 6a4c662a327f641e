import { benchBacktest, printBacktest } from './backtest';
printBacktest(benchBacktest());
