import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../lib/core/market/instrument';
import {
  icebergParameters,
  type OrderRequestShape,
  validateOrder,
  validateTwapWindow,
} from '../../../lib/core/orders/order-rules';

const INSTRUMENT: Instrument = {
  symbol: 'AAPL',
  name: 'Apple',
  sector: 'Tech',
  tickSize: 0.01,
  lotSize: 1,
  tradable: true,
};
const ROUND_LOTS: Instrument = { ...INSTRUMENT, lotSize: 100 };
// Monday 2026-12-07: 10:00 in New York (open), and 08:00 (before the open).
const OPEN = new Date('2026-12-07T15:00:00Z');
const CLOSED = new Date('2026-12-07T13:00:00Z');
const MARKET: OrderRequestShape = {
  quantity: 10,
  orderType: 'market',
  timeInForce: 'day',
  execution: 'auto',
};

const refusal = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    return error as { code: string; details?: { field: string }[] };
  }
  return null;
};

describe('validateOrder', () => {
  it('accepts a market order in the session and a day limit on the tick outside it', () => {
    expect(() => validateOrder(MARKET, INSTRUMENT, OPEN)).not.toThrow();
    expect(() =>
      validateOrder({ ...MARKET, orderType: 'limit', limitPrice: 150.25 }, INSTRUMENT, CLOSED),
    ).not.toThrow();
  });

  it.each<[string, OrderRequestShape, Instrument, string, string | undefined]>([
    [
      'odd lots of a round-lot instrument',
      { ...MARKET, quantity: 150 },
      ROUND_LOTS,
      'ORDER_INVALID',
      'quantity',
    ],
    ['a limit without a price', { ...MARKET, orderType: 'limit' }, INSTRUMENT, 'ORDER_INVALID', 'price'],
    [
      'a limit off the tick',
      { ...MARKET, orderType: 'limit', limitPrice: 150.001 },
      INSTRUMENT,
      'ORDER_INVALID',
      'price',
    ],
    ['a price on a market order', { ...MARKET, limitPrice: 150 }, INSTRUMENT, 'ORDER_INVALID', 'price'],
  ])('refuses %s, naming the field', (_name, request, instrument, code, field) => {
    expect(refusal(() => validateOrder(request, instrument, OPEN))).toMatchObject({
      code,
      details: [{ field }],
    });
  });

  it.each<[string, Partial<OrderRequestShape>]>([
    ['a market order', {}],
    ['an ioc limit', { orderType: 'limit', limitPrice: 150, timeInForce: 'ioc' }],
    ['a TWAP', { orderType: 'limit', limitPrice: 150, execution: 'twap' }],
  ])('refuses %s outside the session with MARKET_CLOSED', (_name, change) => {
    expect(refusal(() => validateOrder({ ...MARKET, ...change }, INSTRUMENT, CLOSED))).toMatchObject({
      code: 'MARKET_CLOSED',
    });
  });
});

describe('icebergParameters', () => {
  it('shows a tenth of the order in whole lots by default, and never more than the risk engine left', () => {
    expect(icebergParameters({ ...MARKET, quantity: 1_000 }, ROUND_LOTS, 1_000)).toEqual({
      displayQuantity: 100,
    });
    expect(
      icebergParameters({ ...MARKET, quantity: 1_000, iceberg: { displayQuantity: 300 } }, ROUND_LOTS, 200),
    ).toEqual({
      displayQuantity: 200,
    });
  });

  it.each([
    ['over the order', 1_100],
    ['not whole lots', 150],
  ])('refuses a clip %s', (_name, display) => {
    const request = { ...MARKET, quantity: 1_000, iceberg: { displayQuantity: display } };
    expect(refusal(() => icebergParameters(request, ROUND_LOTS, 1_000))).toMatchObject({
      code: 'ICEBERG_INVALID',
      details: [{ field: 'iceberg.display_quantity' }],
    });
  });
});

describe('validateTwapWindow', () => {
  it('accepts a TWAP that ends by the 16:00 close and refuses one that would run past it', () => {
    const sixHours = 6 * 3_600;
    expect(() => validateTwapWindow(sixHours - 60, OPEN)).not.toThrow();
    expect(refusal(() => validateTwapWindow(sixHours + 60, OPEN))).toMatchObject({
      code: 'TWAP_PAST_CLOSE',
      details: [{ field: 'twap.duration_seconds' }],
    });
  });
});
