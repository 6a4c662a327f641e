export { Ema, type Indicator, Sma } from './moving-averages';
export { type Bands, BollingerBands, Roc, Rsi } from './oscillators';
