import type { OptionChain, OptionType } from '../options';

/** One bar of an instrument. Prices in dollars; `time` is the bar's close (ISO 8601). */
export interface Bar {
  symbol: string;
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** What a strategy reacts to: bars of its symbols, and option chains of its underlyings. */
export type MarketEvent = { kind: 'bar'; bar: Bar } | { kind: 'chain'; chain: OptionChain };

/** One leg of a multi-leg option position; `quantity` is signed contracts (+ long, − short). */
export interface OptionLeg {
  symbol: string;
  type: OptionType;
  strike: number;
  expiry: string;
  quantity: number;
  /** The mid price the strategy valued the leg at when it decided. */
  price: number;
}

/**
 * What a strategy wants: to be `long` (or `short`) a symbol, or `flat`. Option strategies
 * open or close a multi-leg position as one unit (`legs`, one `positionId`). `strength` is
 * 0–1; `rationale` says why in words a trader can check.
 */
export interface Signal {
  at: string;
  symbol: string;
  direction: 'long' | 'short' | 'flat';
  strength: number;
  rationale: string;
  positionId?: string;
  legs?: OptionLeg[];
  /**
   * Exits to attach to a long entry (a bracket): a take-profit limit and a stop-loss, prices in
   * dollars. They work once the entry fills and close the whole position when one fires.
   */
  exits?: { takeProfit?: number; stopLoss?: number };
}

/**
 * A strategy: a pure function of its state and one market event, shared by live trading and
 * backtests. It never calls a broker or reads a clock — time comes with the events — so the
 * same inputs always give the same signals. Order sizing and risk happen downstream.
 */
export interface Strategy<State = unknown> {
  readonly type: string;
  initialState(): State;
  onEvent(state: State, event: MarketEvent): { state: State; signals: Signal[] };
}

/** Runs a strategy over events in order: the signals, and the final state. */
export function replay<State>(
  strategy: Strategy<State>,
  events: readonly MarketEvent[],
  state: State = strategy.initialState(),
): { state: State; signals: Signal[] } {
  const signals: Signal[] = [];
  let current = state;
  for (const event of events) {
    const result = strategy.onEvent(current, event);
    current = result.state;
    signals.push(...result.signals);
  }
  return { state: current, signals };
}

/**
 * A strategy's current stance: it is replayed over `events` in order, and its newest signal per
 * symbol kept — those made at or after `since` (ISO; a strategy activated mid-history says
 * nothing about before). The one replay the engine's cycle and the signals page share; the
 * backtester runs the same strategy code over the same kind of events.
 */
export function newestSignals<State>(
  strategy: Strategy<State>,
  events: Iterable<MarketEvent>,
  since = '',
): Map<string, Signal> {
  let state = strategy.initialState();
  const newest = new Map<string, Signal>();
  for (const event of events) {
    const result = strategy.onEvent(state, event);
    state = result.state;
    for (const signal of result.signals) if (signal.at >= since) newest.set(signal.symbol, signal);
  }
  return newest;
}

/** Every symbol's bars in one time-ordered list (ties by symbol), as a feed delivers them. */
export function mergeBarsByTime(bars: ReadonlyMap<string, readonly Bar[]>): Bar[] {
  return [...bars.values()]
    .flat()
    .sort((a, b) =>
      a.time < b.time ? -1 : a.time > b.time ? 1 : a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0,
    );
}

const NO_SIGNALS: readonly Signal[] = Object.freeze([]);
const quietResults = new WeakMap<object, { state: unknown; signals: Signal[] }>();
let lastQuiet: { state: unknown; signals: Signal[] } | undefined;

/**
 * The "nothing to say" result for a state object, made once per state: strategies return it on
 * most events, so a backtest's hot loop allocates nothing for them. Only for states a strategy
 * updates in place (the same object from event to event).
 */
export function quiet<State extends object>(state: State): { state: State; signals: Signal[] } {
  // The state asked last is almost always the one asked now (one strategy per run): check it first.
  if (lastQuiet?.state === state) return lastQuiet as { state: State; signals: Signal[] };
  let result = quietResults.get(state);
  if (!result) {
    result = { state, signals: NO_SIGNALS as Signal[] };
    quietResults.set(state, result);
  }
  lastQuiet = result;
  return result as { state: State; signals: Signal[] };
}

/**
 * A strategy's per-symbol state, kept in its state Map and created on first sight of the symbol.
 * The symbol asked last is remembered, so a single-symbol run skips the Map lookup on every bar.
 */
export function perSymbol<S>(create: () => S): (state: Map<string, S>, symbol: string) => S {
  let lastMap: Map<string, S> | undefined;
  let lastSymbol = '';
  let lastState: S | undefined;
  return (state, symbol) => {
    if (lastMap === state && lastSymbol === symbol) return lastState!;
    let current = state.get(symbol);
    if (current === undefined) {
      current = create();
      state.set(symbol, current);
    }
    lastMap = state;
    lastSymbol = symbol;
    lastState = current;
    return current;
  };
}

/** The result of a bar that moves a strategy to a new stance on that bar's symbol: one signal. */
export function barSignal<State>(
  state: State,
  bar: Bar,
  direction: Signal['direction'],
  strength: number,
  rationale: string,
): { state: State; signals: Signal[] } {
  return { state, signals: [{ at: bar.time, symbol: bar.symbol, direction, strength, rationale }] };
}
