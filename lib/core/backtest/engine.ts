import { annualisedVolatility, needsVolatility, type SizingModel, sharesFor } from '../risk/sizing-model';
import {
  type Performance,
  type Trade,
  type TradeStatistics,
  computePerformance,
  tradeBreakdown,
  tradeStatistics,
} from '../analytics';
import { type CommissionModel, commissionCents } from '../execution/commission';
import { type BookModel, fillAgainstBook, type FilledSoFar } from '../execution/fill-model';
import {
  type BookDepthTaken,
  type ImpactModel,
  type Liquidity,
  recovered,
  UNTOUCHED,
} from '../execution/impact-book';
import { protectionPrice } from '../execution/slippage-band';
import { quoteAround, type SpreadModel } from '../market/quote-model';
import { toCents, toPriceTick } from '../money';
import { marketStatus, newYorkDateSpan } from '../market/nyse-calendar';
import { findOptionQuote, listedExpiries, type OptionChain, simulateChain } from '../options';
import type { Bar, MarketEvent, OptionLeg, Signal, Strategy } from '../strategies/strategy';
import type { BarSeries } from './bar-series';
import { type BarFill, type BarOrder, fillOnBar, type SlippageModel } from './bar-fill';
import { bracketExitOnBar } from '../orders/stop-triggers';
import { BacktestBook, type BacktestFill } from './backtest-book';
import { chainFromRows, type OptionRow } from './option-csv';
import { DEFAULT_OPTION_FILL, type OptionFillModel, optionFillPrice } from '../options/option-fill';
import { isoTime } from './iso-time';

/**
 * How a backtest trades. Defaults reproduce the classic engines' conventions: market orders
 * from a signal on a bar's close fill at the next bar's open; commission and slippage as given;
 * no volume limit. With `venue`, orders fill as the paper venue fills the live engine's instead.
 * The books are kept as the live account keeps them: cash and cost in integer cents.
 */
export interface BacktestConfig {
  capital: number;
  commission: CommissionModel;
  /** Per option contract (defaults to none). */
  optionCommission?: CommissionModel;
  /** Where option legs fill in the spread (the paper venue's model; default: the touch). */
  optionFill?: OptionFillModel;
  slippage: SlippageModel;
  /** `next_open` (no look-ahead, the default) or `same_close` (fill at the signal bar's close). */
  fillAt?: 'next_open' | 'same_close';
  /** Fill at most this share of a bar's volume (0 = no limit); the rest waits for later bars. */
  maxVolumeShare?: number;
  /**
   * Fill like the paper venue, not by bar (docs/decisions/0007): at each bar time, once every
   * symbol's bar is in, the signals are acted on as the live engine's cycle acts on them —
   * sized on the book as it stood, at the mid of the quote — and each market order meets the
   * quote the market shows around the bar's close (`spread`), walking the venue's book (`book`,
   * `tickSize`) no further than the slippage collar (`maxSlippageBps` from the mid, as live).
   * Commission per pass, as the venue charges it. What the book could not fill is tried again at
   * the next bar. Nothing trades outside the regular session (a signal on the closing bar
   * waits for the next bar inside one). `fillAt`, `slippage` and `maxVolumeShare` do not apply.
   */
  venue?: VenueFills;
  /** Bars before this instant (epoch ms) only warm the strategy up: what it signals on them is not traded. */
  tradeFrom?: number;
  /** Position size on entry: the sizing model the live engine uses too (lib/core/risk/sizing-model.ts). */
  sizing: SizingModel;
  allowShort?: boolean;
  /** Quoted option chains (from an options CSV) by underlying and bar time; used instead of simulating. */
  chainData?: Map<string, Map<number, OptionRow[]>>;
  /** Option chains to simulate on each bar of these underlyings (options strategies). */
  chains?: {
    underlying: string;
    volatility: number;
    rate?: number;
    strikeStep: number;
    strikesEachSide?: number;
  }[];
  /**
   * Returns the performance figures are computed on: `day` (the default — the equity at each
   * New York day's last bar, 252 a year, as empyrical expects) or `bar` (every point of the
   * equity curve, annualised with `periodsPerYear`).
   */
  performanceOn?: 'day' | 'bar';
  /** With `performanceOn: 'bar'`: periods per year (98,280 for minute bars). */
  periodsPerYear?: number;
  /** Told every 65,536 bars and at the end (a progress bar on a terminal). */
  onProgress?: (done: number, total: number) => void;
}

export interface VenueFills {
  /** The flat book (symbols without liquidity, or without an impact model). */
  book: BookModel;
  /** The impact book, as the venue runs it: each symbol's taken depth kept from order to order. */
  impact?: ImpactModel;
  /** Each symbol's liquidity, for the impact book. */
  liquidity?: Readonly<Record<string, Liquidity>>;
  spread: SpreadModel;
  tickSize: number;
  maxSlippageBps: number;
}

export interface BacktestResult {
  bars: number;
  trades: Trade[];
  /** Every share execution, in order (option legs are in `trades` and `openOptions`). */
  fills: BacktestFill[];
  /**
   * Equity at each bar (several symbols: at each distinct time). With one symbol, `time` is the
   * bars' own time column (shared, not copied: the curve has a point per bar).
   */
  equity: { time: Float64Array; value: Float64Array };
  initialEquity: number;
  finalEquity: number;
  fees: number;
  positions: { symbol: string; quantity: number; averagePrice: number }[];
  /** Option positions still open: their mark and the cash they moved so far (premium, less fees). */
  openOptions: {
    positionId: string;
    underlying: string;
    legs: OptionLeg[];
    mark: number;
    cashFlow: number;
  }[];
  performance: Performance;
  tradeStatistics: TradeStatistics;
  /** The trade statistics per symbol (multi-symbol strategies, options underlyings). */
  bySymbol: Record<string, TradeStatistics>;
  signals: number;
}

interface OptionPosition {
  positionId: string;
  underlying: string;
  legs: OptionLeg[];
  openedAt: number;
  cash: number;
  fees: number;
  direction: 'long' | 'short';
  value: number;
}

/**
 * Runs a strategy over bars in time order (several symbols merged by time), feeding it the same
 * events live trading does, and trades its signals with the bar fill model. The loop reads
 * columns in place and reuses one event object per symbol: no allocation per bar in the engine.
 * Identical inputs give identical results.
 */
export function runBacktest(
  strategy: Strategy,
  data: readonly BarSeries[],
  config: BacktestConfig,
): BacktestResult {
  const count = data.length;
  const symbols = data.map((series) => series.symbol);
  const indexOf = new Map(symbols.map((symbol, i) => [symbol, i]));
  const book = new BacktestBook(symbols, config.capital);
  const positions = book.positions;
  const lastPrice = new Float64Array(count);
  /** Each symbol's current bar (volatility-targeted sizing reads the bars up to it). */
  const barIndex = new Int32Array(count);
  const pending: (BarOrder | null)[] = symbols.map(() => null);
  /** Each symbol's working bracket exits (set when a long entry with exits fills). */
  const brackets: ({ takeProfit?: number; stopLoss?: number } | null)[] = symbols.map(() => null);
  const bars = symbols.map((symbol) => new ReusableBar(symbol));
  const events: MarketEvent[] = bars.map((bar) => ({ kind: 'bar', bar }));
  // Per symbol, looked up once (not per bar): its chain simulation and its quoted chains, if any.
  const chainSpecs = symbols.map((symbol) =>
    (config.chains ?? []).find((chain) => chain.underlying === symbol),
  );
  const chainRows = symbols.map((symbol) => config.chainData?.get(symbol));
  const optionPositions = new Map<string, OptionPosition>();
  const fill: BarFill = { price: 0, quantity: 0 };
  const maxVolumeShare = config.maxVolumeShare ?? 0;
  const fillAt = config.fillAt ?? 'next_open';
  const venue = config.venue;
  const tradeFrom = config.tradeFrom ?? Number.NEGATIVE_INFINITY;
  /** With `venue`: the direction each symbol's newest signal of this bar time asks for (0: none). */
  const intents = new Int8Array(count);
  let intentCount = 0;
  const quote = { bid: 0, ask: 0 };
  /** With `venue`: the depth each symbol's orders took from its impact book, and what its working order filled so far. */
  const taken: BookDepthTaken[] = symbols.map(() => UNTOUCHED);
  const orderFilled: FilledSoFar[] = symbols.map(() => ({
    quantity: 0,
    notionalCents: 0,
    commissionCents: 0,
  }));
  let signalCount = 0;
  let state = strategy.initialState();

  // Several symbols are merged by time into (series, index) pairs; one symbol is read in order.
  const order = count === 1 ? null : mergeOrder(data);
  const steps = order ? order.length / 2 : (data[0]?.length ?? 0);
  // One symbol has a point per bar: its time column is the curve's (no 8 MB copy per million bars).
  const equityTime = count === 1 ? data[0]!.time.subarray(0, steps) : new Float64Array(steps);
  const equityValue = new Float64Array(steps);
  let points = 0;

  const equityNow = () => {
    let value = book.cash;
    for (let k = 0; k < count; k++) value += positions[k]!.quantity * lastPrice[k]!;
    if (optionPositions.size > 0) for (const position of optionPositions.values()) value += position.value;
    return value;
  };

  /** Shares symbol `k`'s stance asks for (signed), sized on `equity` at `price`. */
  const targetFor = (k: number, direction: Signal['direction'], equity: number, price: number) => {
    const sizing = config.sizing;
    const size = sharesFor(sizing, {
      equity,
      price,
      lotSize: 1,
      ...(needsVolatility(sizing)
        ? {
            volatility: annualisedVolatility(
              data[k]!.close,
              data[k]!.time,
              barIndex[k]!,
              sizing.lookbackBars,
            ),
          }
        : {}),
    });
    return direction === 'long' ? size : direction === 'short' && config.allowShort ? -size : 0;
  };

  /** The market order that moves symbol `k` to its stance (null: already there). */
  const orderFor = (k: number, direction: Signal['direction'], equity: number, price: number) => {
    const held = positions[k]!.quantity;
    if (direction === 'long' && held > 0) return pending[k] ?? null;
    if (direction === 'short' && held < 0) return pending[k] ?? null;
    const delta = targetFor(k, direction, equity, price) - held;
    return delta === 0
      ? null
      : {
          side: delta > 0 ? ('buy' as const) : ('sell' as const),
          quantity: Math.abs(delta),
          type: 'market' as const,
        };
  };

  /** A cash account never buys more than its cash (after commission) pays for. */
  const affordable = (k: number, side: 'buy' | 'sell', quantity: number, price: number) => {
    if (side !== 'buy' || positions[k]!.quantity < 0) return quantity;
    const commission = commissionCents(config.commission, quantity, price);
    return Math.min(quantity, Math.max(0, Math.floor((book.cashCents - commission) / 100 / price)));
  };

  const tryFill = (
    k: number,
    bar: { open: number; high: number; low: number; volume: number },
    time: number,
  ) => {
    const wanted = pending[k];
    if (!wanted) return;
    if (!fillOnBar(wanted, bar, config.slippage, maxVolumeShare, fill)) return;
    const quantity = affordable(k, wanted.side, fill.quantity, fill.price);
    if (quantity > 0) {
      book.execute(
        k,
        wanted.side,
        quantity,
        toCents(fill.price * quantity),
        commissionCents(config.commission, quantity, fill.price),
        time,
      );
    }
    wanted.quantity -= fill.quantity;
    if (wanted.quantity <= 0 || quantity < fill.quantity) pending[k] = null;
    if (quantity > 0 && wanted.exits && wanted.side === 'buy') brackets[k] = wanted.exits;
  };

  /**
   * Symbol `k`'s bracket over one bar: the first exit to fire closes the whole position — by the
   * paper venue's trigger rules (lib/core/orders/stop-triggers.ts), a gap at the open, the
   * stop-loss first when the bar reaches both.
   */
  const tryExits = (k: number, bar: { open: number; high: number; low: number }, time: number) => {
    const exits = brackets[k];
    const held = positions[k]!.quantity;
    if (!exits || held <= 0) {
      brackets[k] = null;
      return;
    }
    const fired = bracketExitOnBar(
      'sell',
      exits.takeProfit ?? Number.POSITIVE_INFINITY,
      exits.stopLoss ?? Number.NEGATIVE_INFINITY,
      { ...bar, close: bar.open },
    );
    if (!fired) return;
    book.execute(
      k,
      'sell',
      held,
      toCents(fired.price * held),
      commissionCents(config.commission, held, fired.price),
      time,
    );
    brackets[k] = null;
  };

  /** With `venue`: symbol `k`'s order meets the quote around its latest close, as the paper venue meets it. */
  const fillAtQuote = (k: number, time: number) => {
    const wanted = pending[k]!;
    quoteAround(lastPrice[k]!, venue!.spread, quote);
    const limitPrice = protectionPrice({
      side: wanted.side,
      referencePrice: toPriceTick((quote.bid + quote.ask) / 2),
      maxSlippageBps: venue!.maxSlippageBps,
      tickSize: venue!.tickSize,
    });
    const requested = wanted.quantity;
    const quantity = affordable(k, wanted.side, requested, wanted.side === 'buy' ? quote.ask : quote.bid);
    const liquidity = venue!.impact ? venue!.liquidity?.[symbols[k]!] : undefined;
    const traded =
      quantity > 0
        ? fillAgainstBook(
            { side: wanted.side, quantity, limitPrice },
            {
              quote,
              tickSize: venue!.tickSize,
              liquidity,
              taken: liquidity ? recovered(taken[k]!, time, venue!.impact!) : undefined,
              at: time,
            },
            { book: venue!.book, impact: venue!.impact, commission: config.commission },
            orderFilled[k],
          )
        : null;
    if (traded) {
      book.execute(k, wanted.side, traded.quantity, traded.notionalCents, traded.commissionCents, time);
      if (traded.taken) taken[k] = traded.taken;
      const filled = orderFilled[k]!;
      filled.quantity += traded.quantity;
      filled.notionalCents += traded.notionalCents;
      filled.commissionCents += traded.commissionCents;
    }
    wanted.quantity -= traded?.quantity ?? 0;
    if (wanted.quantity <= 0 || quantity < requested) pending[k] = null;
  };

  /**
   * With `venue`, at the end of a bar time: the signals acted on as one engine cycle acts — each
   * sized on the book as it stood (positions at the quotes' mids), then every order sent.
   */
  const actAsTheEngine = (time: number) => {
    if (intentCount === 0 && !pending.some((wanted) => wanted !== null)) return;
    // The engine cycles and the venue trades only in the regular session: a signal on the
    // closing bar waits for the next bar inside one.
    if (!marketStatus(new Date(time)).isOpen) return;
    if (intentCount > 0) {
      const mids = new Float64Array(count);
      for (let k = 0; k < count; k++) {
        quoteAround(lastPrice[k]!, venue!.spread, quote);
        mids[k] = (quote.bid + quote.ask) / 2;
      }
      const equity = book.equityCents(mids) / 100;
      for (let k = 0; k < count; k++) {
        if (intents[k] === 0) continue;
        const direction = intents[k] === 1 ? 'long' : intents[k] === -1 ? 'short' : 'flat';
        const next = orderFor(k, direction, equity, mids[k]!);
        if (next !== pending[k]) orderFilled[k] = { quantity: 0, notionalCents: 0, commissionCents: 0 };
        pending[k] = next;
        intents[k] = 0;
      }
      intentCount = 0;
    }
    for (let k = 0; k < count; k++) if (pending[k] !== null) fillAtQuote(k, time);
  };

  const onSignal = (signal: Signal, time: number, chain: OptionChain | null) => {
    if (time < tradeFrom) return;
    signalCount++;
    if (signal.legs) {
      if (chain) tradeLegs(signal, time, chain);
      return;
    }
    const k = indexOf.get(signal.symbol);
    if (k === undefined) return;
    if (venue) {
      if (intents[k] === 0) intentCount++;
      intents[k] = signal.direction === 'long' ? 1 : signal.direction === 'short' ? -1 : 2;
      return;
    }
    const next = orderFor(k, signal.direction, equityNow(), lastPrice[k]!);
    if (signal.direction !== 'long') brackets[k] = null; // the stance changed: its exits go with it
    pending[k] = next && signal.exits && next.side === 'buy' ? { ...next, exits: signal.exits } : next;
  };

  const tradeLegs = (signal: Signal, time: number, chain: OptionChain) => {
    const existing = signal.positionId ? optionPositions.get(signal.positionId) : undefined;
    let flow = 0;
    let legFees = 0;
    for (const leg of signal.legs!) {
      const quote = findOptionQuote(chain, leg);
      const price = quote
        ? optionFillPrice(leg.quantity > 0 ? 'buy' : 'sell', quote, config.optionFill ?? DEFAULT_OPTION_FILL)
        : leg.price;
      flow -= leg.quantity * price * 100;
      legFees +=
        commissionCents(config.optionCommission ?? { kind: 'none' }, Math.abs(leg.quantity), price) / 100;
    }
    book.moveCash(toCents(flow) - toCents(legFees));
    book.feesCents += toCents(legFees);
    if (existing && signal.direction === 'flat') {
      optionPositions.delete(existing.positionId);
      const total = existing.cash + flow - existing.fees - legFees;
      book.recordTrade(
        {
          symbol: existing.underlying,
          direction: existing.direction,
          quantity: Math.max(...existing.legs.map((leg) => Math.abs(leg.quantity))),
          entryAt: isoTime(existing.openedAt),
          exitAt: isoTime(time),
          entryPrice: -existing.cash / 100,
          exitPrice: flow / 100,
          fees: existing.fees + legFees,
          pnl: total,
        },
        existing.openedAt,
        time,
      );
      return;
    }
    const positionId = signal.positionId ?? `${signal.symbol}-${time}`;
    const position: OptionPosition = {
      positionId,
      underlying: signal.symbol,
      legs: signal.legs!,
      openedAt: time,
      cash: flow,
      fees: legFees,
      direction: signal.direction === 'short' ? 'short' : 'long',
      value: 0,
    };
    position.value = optionValue(position, chain);
    optionPositions.set(positionId, position);
  };

  const nextOpen = fillAt === 'next_open' && !venue;
  const sameClose = fillAt === 'same_close' && !venue;
  const withChains =
    chainSpecs.some((spec) => spec !== undefined) || chainRows.some((rows) => rows !== undefined);
  for (let s = 0; s < steps; s++) {
    const k = order ? order[2 * s]! : 0;
    const i = order ? order[2 * s + 1]! : s;
    const series = data[k]!;
    const time = series.time[i]!;
    const bar = bars[k]!;
    const close = series.close[i]!;
    bar.epoch = time;
    bar.open = series.open[i]!;
    bar.high = series.high[i]!;
    bar.low = series.low[i]!;
    bar.close = close;
    bar.volume = series.volume[i]!;
    if (nextOpen && pending[k] !== null) tryFill(k, bar, time);
    if (brackets[k] !== null) tryExits(k, bar, time);
    lastPrice[k] = close;
    barIndex[k] = i;
    const result = strategy.onEvent(state, events[k]!);
    state = result.state;
    const signals = result.signals;
    for (let n = 0; n < signals.length; n++) onSignal(signals[n]!, time, null);
    if (sameClose && pending[k] !== null)
      tryFill(k, { open: close, high: bar.high, low: bar.low, volume: bar.volume }, time);
    const chainSpec = withChains ? chainSpecs[k] : undefined;
    const quoted = withChains ? chainRows[k]?.get(time) : undefined;
    if (chainSpec || quoted) {
      const asOf = new Date(time);
      const chain = quoted
        ? chainFromRows(quoted, bar.close, chainSpec?.rate ?? 0.04)
        : simulateChain({
            underlying: series.symbol,
            spot: bar.close,
            asOf,
            atmVolatility: chainSpec!.volatility,
            rate: chainSpec!.rate ?? 0.04,
            strikeStep: chainSpec!.strikeStep,
            strikesEachSide: chainSpec!.strikesEachSide ?? 20,
            expiries: listedExpiries(asOf, 4, 3),
          });
      for (const position of optionPositions.values()) {
        if (position.underlying === series.symbol) position.value = optionValue(position, chain);
      }
      const chained = strategy.onEvent(state, { kind: 'chain', chain });
      state = chained.state;
      for (const signal of chained.signals) onSignal(signal, time, chain);
    }
    if ((s & 0xffff) === 0xffff) config.onProgress?.(s + 1, steps);
    if (count === 1) {
      if (venue) actAsTheEngine(time);
      // One symbol: every bar is a new time, and equity is cash plus one position (and options).
      equityValue[points] =
        optionPositions.size === 0 ? book.cash + positions[0]!.quantity * bar.close : equityNow();
      points++;
    } else {
      const nextTime = s + 1 < steps ? data[order![2 * s + 2]!]!.time[order![2 * s + 3]!]! : Number.NaN;
      if (nextTime !== time) {
        if (venue) actAsTheEngine(time);
        equityTime[points] = time;
        equityValue[points] = equityNow();
        points++;
      }
    }
  }

  config.onProgress?.(steps, steps);
  let optionsValue = 0;
  for (const position of optionPositions.values()) optionsValue += position.value;
  return summarize({
    config,
    symbols,
    book,
    tradeTimes: { entries: Float64Array.from(book.tradeEntries), exits: Float64Array.from(book.tradeExits) },
    equityTime,
    equityValue,
    points,
    finalEquity: points > 0 ? book.equityCents(lastPrice) / 100 + optionsValue : config.capital,
    optionPositions,
    signals: signalCount,
  });
}

/** What the loop leaves for the result. */
interface RunOutcome {
  config: BacktestConfig;
  symbols: readonly string[];
  book: BacktestBook;
  /** Entry and exit of each trade in epoch ms (the trades are in exit order). */
  tradeTimes: { entries: Float64Array; exits: Float64Array };
  equityTime: Float64Array;
  equityValue: Float64Array;
  /** Points of the equity curve written. */
  points: number;
  /** Cash and positions at the last prices, to the cent (plus open options at their marks). */
  finalEquity: number;
  optionPositions: Map<string, OptionPosition>;
  signals: number;
}

// The result is built outside runBacktest: a deoptimization here (these lines see objects and
// arrays of other shapes from run to run) would discard the hot loop's optimized code, and the
// next run would start its million bars in the interpreter until V8 optimized the loop again.
function summarize(run: RunOutcome): BacktestResult {
  const { config, symbols, book, points } = run;
  const trades = book.trades;
  const steps = run.equityValue.length;
  // One symbol fills every point: the columns are the curve (no 16 MB copy of a million bars).
  const time = points === steps ? run.equityTime : run.equityTime.slice(0, points);
  const value = points === steps ? run.equityValue : run.equityValue.slice(0, points);
  const byDay = (config.performanceOn ?? 'day') === 'day';
  const period =
    points > 0
      ? { from: new Date(time[0]!).toISOString(), to: new Date(time[points - 1]!).toISOString() }
      : undefined;
  const statistics = tradeStatistics(trades, period, run.tradeTimes);
  return {
    bars: steps,
    trades,
    fills: book.fills,
    equity: { time, value },
    initialEquity: config.capital,
    finalEquity: run.finalEquity,
    fees: book.feesCents / 100,
    positions: book.positions
      .map((position, k) => ({
        symbol: symbols[k]!,
        quantity: position.quantity,
        averagePrice: book.averagePrice(k),
      }))
      .filter((position) => position.quantity !== 0),
    openOptions: [...run.optionPositions.values()].map((position) => ({
      positionId: position.positionId,
      underlying: position.underlying,
      legs: position.legs,
      mark: position.value,
      cashFlow: position.cash - position.fees,
    })),
    performance: byDay
      ? computePerformance(dailyReturns(time, value, config.capital), { periodsPerYear: 252 })
      : computePerformance(barReturns(value, config.capital), {
          periodsPerYear: config.periodsPerYear ?? 252,
        }),
    tradeStatistics: statistics,
    // Every trade of a one-symbol run is that symbol's: its breakdown is the whole.
    bySymbol:
      symbols.length === 1 && trades.length > 0
        ? { [symbols[0]!]: statistics }
        : tradeBreakdown(trades, (trade) => trade.symbol, period),
    signals: run.signals,
  };
}

/** Returns from each point of the equity curve to the next (the first from the capital). */
function barReturns(value: Float64Array, capital: number): Float64Array {
  const returns = new Float64Array(value.length);
  for (let p = 0; p < value.length; p++) returns[p] = value[p]! / (p === 0 ? capital : value[p - 1]!) - 1;
  return returns;
}

/** Returns from one New York day's closing equity to the next (the first from the capital). */
/** A backtest's daily returns (the equity at each New York day's last bar), as its performance reads them. */
export function dailyReturnsOf(result: Pick<BacktestResult, 'equity' | 'initialEquity'>): Float64Array {
  return dailyReturns(result.equity.time, result.equity.value, result.initialEquity);
}

function dailyReturns(time: Float64Array, value: Float64Array, capital: number): Float64Array {
  const closes: number[] = [];
  let day = '';
  // Walk the curve a date window at a time: the window's last point is found by bisection
  // (times ascend), so the date is asked about twice a day and the points between are skipped.
  for (let p = 0; p < time.length;) {
    const span = newYorkDateSpan(time[p]!);
    let low = p + 1;
    let high = time.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (time[middle]! >= span.until) high = middle;
      else low = middle + 1;
    }
    if (span.date !== day) {
      day = span.date;
      closes.push(value[low - 1]!);
    } else {
      closes[closes.length - 1] = value[low - 1]!;
    }
    p = low;
  }
  const out = new Float64Array(closes.length);
  for (let d = 0; d < closes.length; d++) out[d] = closes[d]! / (d === 0 ? capital : closes[d - 1]!) - 1;
  return out;
}

/** (series, index) pairs of every bar in time order (ties by series order), flat in one typed array. */
function mergeOrder(data: readonly BarSeries[]): Int32Array {
  const total = data.reduce((sum, series) => sum + series.length, 0);
  const out = new Int32Array(total * 2);
  const cursor = new Int32Array(data.length);
  for (let n = 0; n < total; n++) {
    let best = -1;
    for (let k = 0; k < data.length; k++) {
      if (cursor[k]! >= data[k]!.length) continue;
      if (best === -1 || data[k]!.time[cursor[k]!]! < data[best]!.time[cursor[best]!]!) best = k;
    }
    out[2 * n] = best;
    out[2 * n + 1] = cursor[best]!;
    cursor[best]!++;
  }
  return out;
}

/** Mark of an option position at the chain's mids; a leg no longer listed keeps its last price. */
function optionValue(position: OptionPosition, chain: OptionChain): number {
  let value = 0;
  for (const leg of position.legs)
    value += leg.quantity * (findOptionQuote(chain, leg)?.mid ?? leg.price) * 100;
  return value;
}

/**
 * One bar object per symbol, rewritten for every bar (no allocation per bar). Its ISO `time` is
 * formatted only when a strategy reads it — typically when it emits a signal.
 */
class ReusableBar implements Bar {
  epoch = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  private formatted = '';
  private formattedFor = Number.NaN;

  constructor(readonly symbol: string) {}

  get time(): string {
    if (this.formattedFor !== this.epoch) {
      this.formattedFor = this.epoch;
      this.formatted = isoTime(this.epoch);
    }
    return this.formatted;
  }
}
