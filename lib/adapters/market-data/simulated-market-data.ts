import { intradayShare } from '../../core/market/volume-profile';
import type { Clock } from '../../app/ports/clock';
import type { MarketData } from '../../app/ports/market-data';
import type { IntradayBars, PriceHistory } from '../../app/ports/price-history';
import { latestSessionOnOrBefore, sessionsClosedBefore } from '../../core/market/nyse-calendar';
import type { Quote } from '../../core/market/quote';
import { quoteAround, SIMULATED_SPREAD } from '../../core/market/quote-model';
import { TRADING_DAY_MINUTES, tradingMinutes } from '../../core/market/trading-time';
import type { Bar } from '../../core/strategies/strategy';
import { SIMULATED_UNIVERSE, type SimulatedInstrument } from './simulated-universe';
import { hashString, valueNoise } from './value-noise';

const MINUTE_MS = 60_000;
/** Noise layers, in trading minutes: intraday wiggle up to multi-week swings. */
const LAYERS_MINUTES = [1, 5, 30, 390, 390 * 10];
/**
 * The layers' summed amplitude, per √(trading minute), against a Brownian path's: value noise
 * (uniform lattice values, cosine-smoothed) moves less than a random walk of the same scale, so
 * the amplitudes are raised by this to make realized volatility over daily closes equal the
 * instrument's (measured over 500 sessions × the universe × 3 seeds: 0.72 before, 1.00 after;
 * the calibration test holds it).
 */
const VALUE_NOISE_CALIBRATION = 1.387;

/**
 * A deterministic simulated market: each symbol's log price is a sum of smooth noise layers
 * whose amplitudes follow √time at the instrument's volatility, around its reference price.
 * Quotes straddle the price to the cent with the spread of SIMULATED_SPREAD (max(1 cent, 2 bps)).
 */
export class SimulatedMarketData implements MarketData, PriceHistory, IntradayBars {
  private readonly instruments: Map<string, SimulatedInstrument>;

  constructor(
    private readonly clock: Clock,
    private readonly seed = 42,
    universe: readonly SimulatedInstrument[] = SIMULATED_UNIVERSE,
  ) {
    this.instruments = new Map(universe.map((instrument) => [instrument.symbol, instrument]));
  }

  async getQuotes(symbols: readonly string[]): Promise<Map<string, Quote>> {
    const at = this.clock.now();
    const quotes = new Map<string, Quote>();
    for (const symbol of symbols) {
      const instrument = this.instruments.get(symbol);
      if (instrument) quotes.set(symbol, this.quoteAt(instrument, at));
    }
    return quotes;
  }

  /** Closing prices are the simulated mid at each session's close: the same path the quotes walk. */
  async dailyCloses(
    symbols: readonly string[],
    sessions: number,
    asOf: Date,
  ): Promise<Map<string, number[]>> {
    const closes = sessionsClosedBefore(asOf, sessions + 1).map((session) => session.close);
    const history = new Map<string, number[]>();
    for (const symbol of symbols) {
      const instrument = this.instruments.get(symbol);
      if (instrument)
        history.set(
          symbol,
          closes.map((close) => this.priceAt(instrument, close)),
        );
    }
    return history;
  }

  /**
   * Daily bars along the same path: open and close are the simulated prices at the session's
   * open and close; high and low the extremes of those and four points in between.
   */
  async dailyBars(symbols: readonly string[], sessions: number, asOf: Date): Promise<Map<string, Bar[]>> {
    const spans = sessionsClosedBefore(asOf, sessions).map((session) => ({
      from: session.open.getTime(),
      to: session.close.getTime(),
      sessionOpen: session.open.getTime(),
      share: 1,
    }));
    return this.barsAlong(symbols, spans, [0, 0.2, 0.4, 0.6, 0.8, 1]);
  }

  /**
   * Minute bars along the same path: open and close at the minute's ends, high and low around
   * them; volume the day's share of the instrument's daily volume by the intraday U shape.
   */
  async minuteBars(symbols: readonly string[], count: number, asOf: Date): Promise<Map<string, Bar[]>> {
    const spans = minuteCloses(asOf, count).map(({ close, sessionOpen }) => {
      const minute = (close - MINUTE_MS - sessionOpen) / MINUTE_MS;
      return { from: close - MINUTE_MS, to: close, sessionOpen, share: intradayShare(minute) };
    });
    return this.barsAlong(symbols, spans, [0, 0.5, 1]);
  }

  /**
   * One bar per span and symbol, from the path sampled at these fractions of the span (0 and 1
   * included). Volume: the instrument's average daily volume × the day's own level (day-to-day
   * variation, about ±20 %) × the span's share of a day.
   */
  private barsAlong(
    symbols: readonly string[],
    spans: readonly { from: number; to: number; sessionOpen: number; share: number }[],
    fractions: readonly number[],
  ): Map<string, Bar[]> {
    const times = spans.map((span) => new Date(span.to).toISOString());
    const bars = new Map<string, Bar[]>();
    for (const symbol of symbols) {
      const instrument = this.instruments.get(symbol);
      if (!instrument) continue;
      const key = hashString(instrument.symbol);
      bars.set(
        symbol,
        spans.map((span, i) => {
          const points = fractions.map((f) =>
            roundToCent(this.priceAt(instrument, new Date(span.from + f * (span.to - span.from)))),
          );
          return {
            symbol,
            time: times[i]!,
            open: points[0]!,
            high: Math.max(...points),
            low: Math.min(...points),
            close: points.at(-1)!,
            volume: Math.round(
              instrument.averageDailyVolume * this.dayLevel(key, span.sessionOpen) * span.share,
            ),
          };
        }),
      );
    }
    return bars;
  }

  /** A session's volume against the average (mean 1, about ±20 %), the same for every bar of the day. */
  private dayLevel(key: number, sessionOpen: number): number {
    const day = Math.floor(sessionOpen / 86_400_000);
    return Math.exp(DAY_VOLUME_SPREAD * valueNoise(this.seed + VOLUME_LAYER, key, day)) / DAY_VOLUME_MEAN;
  }

  /** The annualised volatility the simulator gives an instrument (what its options are priced at). */
  volatilityOf(symbol: string): number | undefined {
    return this.instruments.get(symbol)?.volatility;
  }

  /**
   * The simulated mid price of an instrument at a time, in dollars: the noise runs on trading
   * time (lib/core/market/trading-time.ts), so the price moves through the session, gaps
   * overnight by about a fifth of a day's variance, and carries a weekend as one night.
   */
  priceAt(instrument: SimulatedInstrument, at: Date): number {
    const minutes = tradingMinutes(at.getTime());
    const perMinuteVolatility =
      (VALUE_NOISE_CALIBRATION * instrument.volatility) / Math.sqrt(252 * TRADING_DAY_MINUTES);
    const key = hashString(instrument.symbol);
    let logDeviation = 0;
    for (const [layer, span] of LAYERS_MINUTES.entries()) {
      logDeviation +=
        perMinuteVolatility * Math.sqrt(span) * valueNoise(this.seed + layer, key, minutes / span);
    }
    return instrument.referencePrice * Math.exp(logDeviation);
  }

  /** A symbol's quote at any instant (the simulation is a function of time), or undefined when it is not quoted. */
  quoteOf(symbol: string, at: Date): Quote | undefined {
    const instrument = this.instruments.get(symbol);
    return instrument ? this.quoteAt(instrument, at) : undefined;
  }

  /** Around the last trade: the path's price to the cent, which is also the minute bar's close at that instant. */
  private quoteAt(instrument: SimulatedInstrument, at: Date): Quote {
    const last = roundToCent(this.priceAt(instrument, at));
    return { symbol: instrument.symbol, ...quoteAround(last, SIMULATED_SPREAD), last, at };
  }
}

function roundToCent(price: number): number {
  return Math.round(price * 100) / 100;
}

/**
 * The closes (epoch ms) of the last `count` completed minutes of regular sessions up to `asOf`,
 * oldest first, each with its session's open.
 */
function minuteCloses(asOf: Date, count: number): { close: number; sessionOpen: number }[] {
  const closes: { close: number; sessionOpen: number }[] = [];
  let session = latestSessionOnOrBefore(asOf);
  let end = Math.min(Math.floor(asOf.getTime() / MINUTE_MS) * MINUTE_MS, session.close.getTime());
  while (closes.length < count) {
    const open = session.open.getTime();
    for (let close = end; close > open && closes.length < count; close -= MINUTE_MS)
      closes.push({ close, sessionOpen: open });
    session = latestSessionOnOrBefore(new Date(open - 1));
    end = session.close.getTime();
  }
  return closes.reverse();
}

/** Noise layer of the day-to-day volume level, and its spread (log scale) and mean (to make it average 1). */
const VOLUME_LAYER = 97;
const DAY_VOLUME_SPREAD = 0.35;
const DAY_VOLUME_MEAN = Math.sinh(DAY_VOLUME_SPREAD) / DAY_VOLUME_SPREAD;
