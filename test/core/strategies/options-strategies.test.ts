import { describe, expect, it } from 'vitest';
import { type ChainParameters, simulateChain } from '../../../lib/core/options';
import { createStrategy } from '../../../lib/core/strategies/registry';
import { type MarketEvent, replay, type Strategy } from '../../../lib/core/strategies/strategy';

const EXPIRY = '2026-12-18';
const chainAt = (
  asOf: string,
  spot: number,
  atmVolatility: number,
  change: Partial<ChainParameters> = {},
): MarketEvent => ({
  kind: 'chain',
  chain: simulateChain({
    underlying: 'SPY',
    spot,
    asOf: new Date(asOf),
    atmVolatility,
    rate: 0.04,
    strikeStep: 5,
    strikesEachSide: 40, // wide enough that every leg stays listed when the underlying moves
    expiries: ['2026-11-27', EXPIRY],
    skew: 0,
    smile: 0,
    ...change,
  }),
});
/** Daily closes alternating ±3 %: realised volatility near 48 % a year. */
const choppyBars = (count: number): MarketEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'bar',
    bar: {
      symbol: 'SPY',
      time: new Date(Date.UTC(2026, 9, 1 + i, 21)).toISOString(),
      open: 560,
      high: 560,
      low: 560,
      close: i % 2 === 0 ? 560 : 560 * 1.03,
      volume: 1,
    },
  }));

describe('ATM straddle', () => {
  const straddle = () =>
    createStrategy('atm_straddle', {
      underlying: 'SPY',
      target_dte: 25,
      lookback: 10,
      entry_ratio: 1.2,
      exit_dte: 7,
    });
  const open = (strategy: Strategy) =>
    replay(strategy, [...choppyBars(11), chainAt('2026-11-23T15:00:00Z', 560, 0.15)]);

  it('buys the ATM call and put as one position when realised volatility is well above implied', () => {
    const { signals } = open(straddle());
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      direction: 'long',
      symbol: 'SPY',
      rationale: expect.stringMatching(/Expected move/),
    });
    expect(signals[0]!.legs!.map((leg) => [leg.type, leg.strike, leg.expiry, leg.quantity])).toEqual([
      ['call', 560, EXPIRY, 1],
      ['put', 560, EXPIRY, 1],
    ]);
  });

  it('does not buy when implied volatility already prices the move, nor before it has a volatility estimate', () => {
    expect(
      replay(straddle(), [...choppyBars(11), chainAt('2026-11-23T15:00:00Z', 560, 0.8)]).signals,
    ).toEqual([]);
    expect(
      replay(straddle(), [...choppyBars(3), chainAt('2026-11-23T15:00:00Z', 560, 0.15)]).signals,
    ).toEqual([]);
  });

  it('takes profit when the underlying moves far enough', () => {
    const strategy = straddle();
    const opened = open(strategy);
    const next = replay(strategy, [chainAt('2026-11-24T15:00:00Z', 620, 0.15)], opened.state);
    expect(next.signals).toMatchObject([
      {
        direction: 'flat',
        positionId: opened.signals[0]!.positionId,
        rationale: expect.stringMatching(/profit target/),
      },
    ]);
    expect(next.signals[0]!.legs!.map((leg) => leg.quantity)).toEqual([-1, -1]);
  });

  it('stops out when it has lost half its cost, and otherwise exits 7 days before expiry', () => {
    const strategy = straddle();
    const opened = open(strategy);
    const crushed = replay(strategy, [chainAt('2026-11-24T15:00:00Z', 560, 0.05)], opened.state);
    expect(crushed.signals[0]?.rationale).toMatch(/stop/);
    const quiet = replay(strategy, [chainAt('2026-11-30T15:00:00Z', 562, 0.2)], opened.state);
    expect(quiet.signals).toEqual([]);
    const late = replay(strategy, [chainAt('2026-12-12T15:00:00Z', 562, 0.3)], opened.state);
    expect(late.signals[0]?.rationale).toMatch(/days to expiry \(exit at 7\)/);
  });
});

describe('iron condor', () => {
  const condor = () =>
    createStrategy('iron_condor', {
      underlying: 'SPY',
      target_dte: 25,
      short_delta: 0.16,
      wing_width: 10,
      exit_dte: 3,
    });
  const opened = (strategy: Strategy) => replay(strategy, [chainAt('2026-11-23T15:00:00Z', 560, 0.25)]);

  it('sells the ~16-delta put and call and buys wings $10 further out, for a credit, as one position', () => {
    const { signals } = opened(condor());
    expect(signals).toHaveLength(1);
    const legs = signals[0]!.legs!;
    expect(legs.map((leg) => [leg.type, leg.quantity])).toEqual([
      ['put', 1],
      ['put', -1],
      ['call', -1],
      ['call', 1],
    ]);
    const [longPut, shortPut, shortCall, longCall] = legs;
    expect(shortPut!.strike - longPut!.strike).toBe(10);
    expect(longCall!.strike - shortCall!.strike).toBe(10);
    expect(shortPut!.strike).toBeLessThan(560);
    expect(shortCall!.strike).toBeGreaterThan(560);
    expect(shortPut!.price + shortCall!.price - longPut!.price - longCall!.price).toBeGreaterThan(0);
    expect(signals[0]!.direction).toBe('short');
  });

  it('keeps the position while little has changed, and takes profit as time decays it', () => {
    const strategy = condor();
    const position = opened(strategy);
    expect(replay(strategy, [chainAt('2026-11-24T15:00:00Z', 560, 0.25)], position.state).signals).toEqual(
      [],
    );
    const decayed = replay(strategy, [chainAt('2026-12-10T15:00:00Z', 560, 0.2)], position.state);
    expect(decayed.signals[0]).toMatchObject({
      direction: 'flat',
      rationale: expect.stringMatching(/profit target/),
    });
  });

  it('closes at the loss limit when the underlying runs through a short strike', () => {
    const strategy = condor();
    const position = opened(strategy);
    const breached = replay(strategy, [chainAt('2026-11-25T15:00:00Z', 640, 0.25)], position.state);
    expect(breached.signals[0]).toMatchObject({
      direction: 'flat',
      rationale: expect.stringMatching(/loss limit/),
    });
    expect(breached.signals[0]!.legs!.map((leg) => leg.quantity)).toEqual([-1, 1, 1, -1]);
  });

  it('does not sell when volatility is below the minimum', () => {
    const strategy = createStrategy('iron_condor', {
      underlying: 'SPY',
      target_dte: 25,
      min_volatility: 0.3,
    });
    expect(replay(strategy, [chainAt('2026-11-23T15:00:00Z', 560, 0.25)]).signals).toEqual([]);
  });
});
