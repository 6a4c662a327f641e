import { describe, expect, it } from 'vitest';
import { deltaHedge } from '../../../lib/core/options/position-greeks';

describe('deltaHedge', () => {
  it.each([
    [152.4, { side: 'sell', quantity: 152 }],
    [-37.6, { side: 'buy', quantity: 38 }],
    [0.4, null],
    [-0.49, null],
    [0, null],
  ])('neutralises a delta of %s shares with %j', (delta, hedge) => {
    expect(deltaHedge(delta)).toEqual(hedge);
  });
});
