import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { AlpacaRest, staticCredentials } from '../../lib/adapters/alpaca/alpaca-rest';
import { marketStatus, NEW_YORK, newYorkDate, tradingSession } from '../../lib/core/market/nyse-calendar';
import {
  findOptionQuote,
  listedExpiries,
  type OptionChain,
  parseOccSymbol,
  simulateChain,
} from '../../lib/core/options';

/**
 * A fake Alpaca (Trading API v2 and the market-data snapshots) on loopback, built from Alpaca's
 * documented request and response shapes: orders by id and by client order id, the
 * "client_order_id must be unique" 422, cancel (204 / 422 not cancelable), cancel-all (207 with a
 * status per order), fill activities, closed-order listing, snapshots. Knobs let a test make it
 * slow, lose a submission, rate-limit, fill in parts, or serve old quotes.
 */
export interface FakeAlpacaOrder {
  id: string;
  client_order_id: string;
  symbol: string;
  /** A multi-leg order's parent has no side of its own (its legs do). */
  side: 'buy' | 'sell' | '';
  order_class: 'simple' | 'mleg' | 'oco' | 'bracket' | 'oto';
  asset_class: 'us_equity' | 'us_option';
  position_intent?: string;
  ratio_qty?: string;
  /** A multi-leg order's legs: orders of their own (ids, fills), as Alpaca nests them. */
  legs: FakeAlpacaOrder[] | null;
  stop_price?: string | null;
  trail_price?: string | null;
  trail_percent?: string | null;
  /** A trailing stop's high-water mark. */
  hwm?: string | null;
  take_profit?: { limit_price: string };
  stop_loss?: { stop_price: string; limit_price?: string };
  qty: string;
  filled_qty: string;
  filled_avg_price: string | null;
  status: string;
  type: string;
  time_in_force: string;
  limit_price: string | null;
  created_at: string;
  updated_at: string;
  filled_at: string | null;
  canceled_at: string | null;
  expired_at: string | null;
  failed_at: string | null;
}

interface Activity {
  id: string;
  activity_type: 'FILL';
  transaction_time: string;
  type: 'fill' | 'partial_fill';
  price: string;
  qty: string;
  side: string;
  symbol: string;
  leaves_qty: string;
  cum_qty: string;
  order_id: string;
  order_status: string;
}

const OPEN = new Set(['new', 'accepted', 'partially_filled']);

export class FakeAlpaca {
  readonly orders = new Map<string, FakeAlpacaOrder>();
  readonly activities: Activity[] = [];
  readonly prices = new Map<string, number>([
    ['AAPL', 180],
    ['MSFT', 400],
    ['SPY', 600],
  ]);
  readonly requests: string[] = [];
  /** Knobs. */
  autoFillParts = 1;
  autoFill = true;
  delayNextSubmitMs = 0;
  loseNextSubmit = false;
  rateLimitNext = 0;
  uncancelable = new Set<string>();
  quoteAgeMs = new Map<string, number>();
  /** Overrides `is_open` of `GET /v2/clock` (else it follows the NYSE calendar). */
  clockOpen: boolean | null = null;
  /** Shares held at Alpaca that no Stratus order bought (placed in Alpaca's own UI). */
  extraPositions = new Map<string, number>();
  /** Trading days as `GET /v2/calendar` lists them (session_open/close and settlement omitted). */
  calendar: { date: string; open: string; close: string }[] = [];
  crossed = new Set<string>();
  /** Splits by symbol: before `date` the shares traded at `ratio` times the adjusted price. */
  splits = new Map<string, { date: string; ratio: number }>();
  /** New York dates with no bar of any symbol (a feed's gap). */
  missingDays = new Set<string>();
  /** Answer the bars request with this number (1 = the next) with a 500: a download that stops. */
  failBarsRequest = 0;
  private server!: Server;
  url = '';
  private sequence = 0;

  constructor(
    readonly keyId: string,
    private readonly secretKey: string,
    /** The venue's clock (a test may point it at the platform's). */
    public now: () => Date = () => new Date(),
  ) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  count(prefix: string): number {
    return this.requests.filter((line) => line.startsWith(prefix)).length;
  }

  byClientId(clientOrderId: string): FakeAlpacaOrder | undefined {
    return [...this.orders.values()].find((order) => order.client_order_id === clientOrderId);
  }

  /** An option contract's quote on the simulated chain (null: not listed). */
  optionQuote(symbol: string): { bid: number; ask: number } | null {
    const contract = parseOccSymbol(symbol);
    const chain = contract ? this.simulatedChain(contract.underlying) : null;
    const quote = chain && contract ? findOptionQuote(chain, contract) : undefined;
    return quote ? { bid: quote.bid, ask: quote.ask } : null;
  }

  /** `units` more of a multi-leg order, every leg at its touch (buys at the ask, sells at the bid). */
  fillSpread(clientOrderId: string, units: number): void {
    const parent = this.byClientId(clientOrderId);
    if (!parent?.legs || !OPEN.has(parent.status)) throw new Error(`cannot fill ${clientOrderId}`);
    for (const leg of parent.legs) {
      const quote = this.optionQuote(leg.symbol)!;
      this.execute(leg, units * Number(leg.ratio_qty), leg.side === 'buy' ? quote.ask : quote.bid);
    }
    const filled = Number(parent.filled_qty) + units;
    parent.filled_qty = String(filled);
    parent.status = filled >= Number(parent.qty) ? 'filled' : 'partially_filled';
    parent.updated_at = this.stamp();
    if (parent.status === 'filled') parent.filled_at = parent.updated_at;
  }

  /** An execution of `qty` shares at the symbol's price (or `price`). */
  fill(clientOrderId: string, qty: number, price?: number): void {
    const order = this.byClientId(clientOrderId);
    if (!order || !OPEN.has(order.status)) throw new Error(`cannot fill ${clientOrderId}`);
    this.execute(order, qty, price ?? this.prices.get(order.symbol) ?? this.touch(order));
  }

  private touch(order: FakeAlpacaOrder): number {
    const quote = this.optionQuote(order.symbol)!;
    return order.side === 'buy' ? quote.ask : quote.bid;
  }

  /**
   * The market trades `symbol` at `price`: resting stops trigger on it (a stop at or through its
   * price fills there: Alpaca's market order on trigger), trailing stops move their mark first,
   * an oco fills its take-profit at its limit or its stop-loss at the trade, whichever is reached.
   */
  trade(symbol: string, price: number): void {
    this.prices.set(symbol, price);
    for (const order of [...this.orders.values()]) {
      if (
        order.symbol === symbol &&
        order.legs &&
        (order.order_class === 'bracket' || order.order_class === 'oto')
      )
        this.workBracketLegs(order, price);
      if (order.symbol !== symbol || !OPEN.has(order.status)) continue;
      const sell = order.side === 'sell';
      const qty = Number(order.qty) - Number(order.filled_qty);
      if (order.order_class === 'oco') {
        const tp = Number(order.take_profit!.limit_price);
        const sl = Number(order.stop_loss!.stop_price);
        if (sell ? price <= sl : price >= sl) this.fill(order.client_order_id, qty, price);
        else if (sell ? price >= tp : price <= tp) this.fill(order.client_order_id, qty, tp);
        continue;
      }
      if (order.type === 'trailing_stop') {
        const mark =
          order.hwm === null || order.hwm === undefined
            ? price
            : sell
              ? Math.max(Number(order.hwm), price)
              : Math.min(Number(order.hwm), price);
        order.hwm = String(mark);
        const trail = order.trail_price
          ? Number(order.trail_price)
          : (mark * Number(order.trail_percent)) / 100;
        order.stop_price = (sell ? mark - trail : mark + trail).toFixed(2);
      }
      if (!order.stop_price) continue;
      const stop = Number(order.stop_price);
      if (sell ? price > stop : price < stop) continue;
      if (
        order.type === 'stop_limit' &&
        (sell ? price < Number(order.limit_price) : price > Number(order.limit_price))
      )
        continue;
      this.fill(order.client_order_id, qty, price);
    }
  }

  /**
   * A bracket's exit legs once its entry filled: the stop-loss at a trade at or through its stop
   * (at that trade), else the take-profit at its limit; the leg that fills cancels the other.
   */
  private workBracketLegs(parent: FakeAlpacaOrder, price: number): void {
    if (parent.status !== 'filled') return;
    const legs = parent.legs!.filter((leg) => OPEN.has(leg.status));
    const stop = legs.find((leg) => leg.type === 'stop');
    const limit = legs.find((leg) => leg.type === 'limit');
    const sell = parent.side === 'buy';
    const fired =
      stop && (sell ? price <= Number(stop.stop_price) : price >= Number(stop.stop_price))
        ? { leg: stop, at: price }
        : limit && (sell ? price >= Number(limit.limit_price) : price <= Number(limit.limit_price))
          ? { leg: limit, at: Number(limit.limit_price) }
          : null;
    if (!fired) return;
    this.execute(fired.leg, Number(fired.leg.qty) - Number(fired.leg.filled_qty), fired.at);
    for (const other of legs) if (other !== fired.leg) this.cancelOrder(other);
    parent.updated_at = this.stamp();
  }

  /** One execution of an order (or of one leg of a spread): its fill activity and its new state. */
  private execute(order: FakeAlpacaOrder, qty: number, fillPrice: number): void {
    const at = this.stamp();
    const filled = Number(order.filled_qty) + qty;
    const previous = Number(order.filled_qty) * Number(order.filled_avg_price ?? 0);
    order.filled_qty = String(filled);
    order.filled_avg_price = ((previous + qty * fillPrice) / filled).toFixed(4);
    order.status = filled >= Number(order.qty) ? 'filled' : 'partially_filled';
    order.updated_at = at;
    // A bracket's exits work once its entry has filled (held until then, as Alpaca shows them).
    if (order.order_class !== 'mleg')
      for (const leg of order.legs ?? []) if (leg.status === 'held') leg.status = 'new';
    if (order.status === 'filled') order.filled_at = at;
    this.activities.push({
      id: `${at.replace(/\D/g, '')}::${randomUUID()}`,
      activity_type: 'FILL',
      transaction_time: at,
      type: order.status === 'filled' ? 'fill' : 'partial_fill',
      price: fillPrice.toFixed(2),
      qty: String(qty),
      side: order.side,
      symbol: order.symbol,
      leaves_qty: String(Number(order.qty) - filled),
      cum_qty: String(filled),
      order_id: order.id,
      order_status: order.status,
    });
  }

  /** Strictly increasing timestamps, so "after" filters are exact. */
  private stamp(): string {
    this.sequence++;
    return new Date(this.now().getTime() + this.sequence).toISOString();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    this.requests.push(`${request.method} ${url.pathname}`);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    if (
      request.headers['apca-api-key-id'] !== this.keyId ||
      request.headers['apca-api-secret-key'] !== this.secretKey
    )
      return send(401, { code: 40110000, message: 'request is not authorized' });
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--;
      return send(429, { code: 42910000, message: 'rate limit exceeded' }, { 'retry-after': '0' });
    }
    const path = url.pathname;
    const method = request.method ?? 'GET';
    if (method === 'POST' && path === '/v2/orders') return this.submit(body, send, response);
    if (method === 'GET' && path === '/v2/orders:by_client_order_id') {
      const order = this.byClientId(url.searchParams.get('client_order_id') ?? '');
      return order ? send(200, order) : send(404, { code: 40410000, message: 'order not found' });
    }
    if (method === 'GET' && path === '/v2/orders') {
      const after = url.searchParams.get('after') ?? '';
      const wanted = url.searchParams.get('status') ?? 'open';
      const list = [...this.orders.values()].filter(
        (order) =>
          (wanted === 'closed' ? !OPEN.has(order.status) : wanted === 'all' || OPEN.has(order.status)) &&
          order.updated_at > after,
      );
      return send(
        200,
        list.sort((a, b) => a.updated_at.localeCompare(b.updated_at)),
      );
    }
    const one = /^\/v2\/orders\/([^/]+)$/.exec(path);
    if (one) {
      const order = this.orders.get(decodeURIComponent(one[1]!));
      if (!order) return send(404, { code: 40410000, message: 'order not found' });
      if (method === 'GET') return send(200, order);
      if (method === 'DELETE') {
        if (!OPEN.has(order.status)) return send(422, { code: 42210000, message: 'order is not cancelable' });
        this.cancelOrder(order);
        return send(204);
      }
    }
    if (method === 'DELETE' && path === '/v2/orders') {
      const entries = [...this.orders.values()]
        .filter((order) => OPEN.has(order.status))
        .map((order) => {
          if (this.uncancelable.has(order.client_order_id))
            return { id: order.id, status: 500, body: { code: 50010000, message: 'internal server error' } };
          this.cancelOrder(order);
          return { id: order.id, status: 200, body: order };
        });
      return send(207, entries);
    }
    if (method === 'GET' && path === '/v2/account/activities/FILL') {
      const after = url.searchParams.get('after') ?? '';
      const token = url.searchParams.get('page_token');
      const size = Number(url.searchParams.get('page_size') ?? 100);
      let list = this.activities.filter((activity) => activity.transaction_time > after);
      if (token) list = list.slice(list.findIndex((activity) => activity.id === token) + 1);
      return send(200, list.slice(0, size));
    }
    if (method === 'GET' && path === '/v2/stocks/bars') {
      if (this.failBarsRequest > 0 && --this.failBarsRequest === 0)
        return send(500, { code: 50010000, message: 'internal server error' });
      return send(200, this.bars(url.searchParams));
    }
    const options = /^\/v1beta1\/options\/snapshots\/([^/]+)$/.exec(path);
    if (method === 'GET' && options)
      return send(200, this.optionSnapshots(decodeURIComponent(options[1]!), url.searchParams));
    if (method === 'GET' && path === '/v2/clock') {
      const now = this.now();
      const status = marketStatus(now);
      return send(200, {
        timestamp: now.toISOString(),
        is_open: this.clockOpen ?? status.isOpen,
        next_open: status.nextOpen.toISOString(),
        next_close: status.nextClose.toISOString(),
      });
    }
    if (method === 'GET' && path === '/v2/positions') {
      const held = new Map<string, { qty: number; cost: number }>();
      for (const activity of this.activities) {
        const sign = activity.side === 'buy' ? 1 : -1;
        const current = held.get(activity.symbol) ?? { qty: 0, cost: 0 };
        current.qty += sign * Number(activity.qty);
        current.cost += sign * Number(activity.qty) * Number(activity.price);
        held.set(activity.symbol, current);
      }
      for (const [symbol, extra] of this.extraPositions) {
        const current = held.get(symbol) ?? { qty: 0, cost: 0 };
        held.set(symbol, {
          qty: current.qty + extra,
          cost: current.cost + extra * (this.prices.get(symbol) ?? 0),
        });
      }
      return send(
        200,
        [...held]
          .filter(([, p]) => p.qty !== 0)
          .map(([symbol, p]) => ({
            symbol,
            qty: String(p.qty),
            avg_entry_price: (p.cost / p.qty).toFixed(4),
            side: p.qty > 0 ? 'long' : 'short',
          })),
      );
    }
    if (method === 'GET' && path === '/v2/account')
      return send(200, {
        cash: '100000',
        buying_power: '200000',
        equity: '100000',
        trading_blocked: false,
        status: 'ACTIVE',
      });
    if (method === 'GET' && path === '/v2/calendar') {
      const start = url.searchParams.get('start') ?? '';
      const end = url.searchParams.get('end') ?? '';
      return send(
        200,
        this.calendar.filter((day) => day.date >= start && day.date <= end),
      );
    }
    if (method === 'GET' && path === '/v2/stocks/snapshots') {
      const symbols = (url.searchParams.get('symbols') ?? '').split(',');
      const snapshots: Record<string, unknown> = {};
      for (const symbol of symbols) {
        const price = this.prices.get(symbol);
        if (price === undefined) continue;
        const t = new Date(this.now().getTime() - (this.quoteAgeMs.get(symbol) ?? 0)).toISOString();
        const [bp, ap] = this.crossed.has(symbol)
          ? [price + 0.05, price - 0.05]
          : [price - 0.01, price + 0.01];
        snapshots[symbol] = {
          latestQuote: { ap, as: 1, bp, bs: 2, t, ax: 'V', bx: 'V', c: ['R'], z: 'C' },
          latestTrade: { p: price, s: 100, t, x: 'V', i: 1, c: ['@'], z: 'C' },
        };
      }
      return send(200, snapshots);
    }
    return send(404, { code: 40410000, message: `no route ${method} ${path}` });
  }

  private submit(
    body: Record<string, unknown>,
    send: (status: number, payload?: unknown) => void,
    response: ServerResponse,
  ): void {
    const mleg = body.order_class === 'mleg';
    const symbol = String(body.symbol ?? '');
    const option = !mleg && parseOccSymbol(symbol) !== null;
    if (mleg) {
      const legs = Array.isArray(body.legs) ? (body.legs as Record<string, unknown>[]) : [];
      if (legs.length < 2 || legs.length > 4)
        return send(422, { code: 40010001, message: 'mleg orders need 2 to 4 legs' });
      const unknown = legs.find((leg) => !this.optionQuote(String(leg.symbol)));
      if (unknown)
        return send(422, { code: 40010001, message: `asset "${String(unknown.symbol)}" not found` });
      if (body.time_in_force !== 'day')
        return send(422, { code: 40010001, message: 'options orders only support time_in_force day' });
    } else if (option) {
      if (!this.optionQuote(symbol))
        return send(422, { code: 40010001, message: `asset "${symbol}" not found` });
      if (body.time_in_force !== 'day')
        return send(422, { code: 40010001, message: 'options orders only support time_in_force day' });
    } else if (!this.prices.has(symbol))
      return send(422, { code: 40010001, message: `asset "${symbol}" not found` });
    const qty = Number(body.qty);
    if (!Number.isInteger(qty) || qty <= 0) return send(422, { code: 40010001, message: 'qty must be > 0' });
    const clientOrderId = String(body.client_order_id ?? randomUUID());
    if (this.byClientId(clientOrderId))
      return send(422, { code: 40010001, message: 'client_order_id must be unique' });
    if (this.loseNextSubmit) {
      // The request never reached the venue: nothing is created and the connection drops.
      this.loseNextSubmit = false;
      response.socket?.destroy();
      return;
    }
    const at = this.stamp();
    const base = {
      filled_qty: '0',
      filled_avg_price: null,
      status: 'accepted',
      type: String(body.type),
      time_in_force: String(body.time_in_force),
      created_at: at,
      updated_at: at,
      filled_at: null,
      canceled_at: null,
      expired_at: null,
      failed_at: null,
    };
    const stopType = ['stop', 'stop_limit', 'trailing_stop'].includes(String(body.type));
    const oco = body.order_class === 'oco';
    const bracket = body.order_class === 'bracket' || body.order_class === 'oto';
    const order: FakeAlpacaOrder = {
      ...base,
      ...(stopType
        ? {
            stop_price: body.stop_price === undefined ? null : String(body.stop_price),
            trail_price: body.trail_price === undefined ? null : String(body.trail_price),
            trail_percent: body.trail_percent === undefined ? null : String(body.trail_percent),
            hwm: null,
          }
        : {}),
      ...(oco
        ? {
            take_profit: body.take_profit as { limit_price: string },
            stop_loss: body.stop_loss as { stop_price: string; limit_price?: string },
          }
        : {}),
      id: randomUUID(),
      client_order_id: clientOrderId,
      symbol: mleg ? '' : symbol,
      side: mleg ? '' : body.side === 'sell' ? 'sell' : 'buy',
      order_class: mleg ? 'mleg' : oco ? 'oco' : bracket ? (body.order_class as 'bracket' | 'oto') : 'simple',
      asset_class: mleg || option ? 'us_option' : 'us_equity',
      ...(body.position_intent ? { position_intent: String(body.position_intent) } : {}),
      qty: String(qty),
      limit_price: body.limit_price === undefined ? null : String(body.limit_price),
      legs: mleg
        ? (body.legs as Record<string, unknown>[]).map((leg) => ({
            ...base,
            id: randomUUID(),
            client_order_id: randomUUID(),
            symbol: String(leg.symbol),
            side: leg.side === 'sell' ? ('sell' as const) : ('buy' as const),
            order_class: 'mleg' as const,
            asset_class: 'us_option' as const,
            position_intent: String(leg.position_intent),
            ratio_qty: String(leg.ratio_qty),
            qty: String(qty * Number(leg.ratio_qty)),
            limit_price: null,
            legs: null,
          }))
        : null,
    };
    if (bracket) order.legs = this.exitLegs(order, body, base);
    this.orders.set(order.id, order);
    if (stopType || oco) {
      // Resting until the market trades at its trigger (trade()); a trailing stop starts its mark now.
      this.trade(symbol, this.prices.get(symbol)!);
      send(200, order);
      return;
    }
    const limit = Number(order.limit_price ?? (order.side === 'sell' ? 0 : Infinity));
    const marketable = mleg
      ? this.netAtTouch(order) <= limit + 1e-9
      : option
        ? order.side === 'buy'
          ? limit >= this.optionQuote(symbol)!.ask
          : limit <= this.optionQuote(symbol)!.bid
        : order.side === 'buy'
          ? limit >= this.prices.get(symbol)!
          : limit <= this.prices.get(symbol)!;
    if (this.autoFill && marketable) {
      const part = Math.ceil(qty / this.autoFillParts);
      for (let done = 0; done < qty; done += part) {
        if (mleg) this.fillSpread(clientOrderId, Math.min(part, qty - done));
        else this.fill(clientOrderId, Math.min(part, qty - done));
      }
    }
    const delay = this.delayNextSubmitMs;
    this.delayNextSubmitMs = 0;
    if (delay > 0) setTimeout(() => send(200, order), delay);
    else send(200, order);
  }

  /** A bracket's exit legs, held until the entry fills: a take-profit limit and a stop-loss stop. */
  private exitLegs(
    entry: FakeAlpacaOrder,
    body: Record<string, unknown>,
    base: Record<string, unknown>,
  ): FakeAlpacaOrder[] {
    const takeProfit = body.take_profit as { limit_price: string } | undefined;
    const stopLoss = body.stop_loss as { stop_price: string } | undefined;
    const leg = (type: 'limit' | 'stop', price: Record<string, unknown>): FakeAlpacaOrder =>
      ({
        ...base,
        ...price,
        id: randomUUID(),
        client_order_id: randomUUID(),
        symbol: entry.symbol,
        side: entry.side === 'buy' ? 'sell' : 'buy',
        order_class: entry.order_class,
        asset_class: 'us_equity',
        type,
        status: 'held',
        qty: entry.qty,
        limit_price: (price.limit_price as string | undefined) ?? null,
        legs: null,
      }) as FakeAlpacaOrder;
    return [
      ...(takeProfit ? [leg('limit', { limit_price: takeProfit.limit_price })] : []),
      ...(stopLoss ? [leg('stop', { stop_price: stopLoss.stop_price })] : []),
    ];
  }

  /** A spread's net per unit at the touch, a debit positive (what crossing every leg costs). */
  private netAtTouch(order: FakeAlpacaOrder): number {
    let net = 0;
    for (const leg of order.legs ?? []) {
      const quote = this.optionQuote(leg.symbol)!;
      net += Number(leg.ratio_qty) * (leg.side === 'buy' ? quote.ask : -quote.bid);
    }
    return Math.round(net * 100) / 100;
  }

  /** Option snapshots: leave out Alpaca's implied volatility; how old their quotes are; page size. */
  omitOptionIv = false;
  optionQuoteAgeMs = 0;
  optionPageSize = 40;

  /** The chain the simulated market would quote, in Alpaca's option-snapshot shape. */
  simulatedChain(underlying: string): OptionChain | null {
    const price = this.prices.get(underlying);
    if (price === undefined) return null;
    const now = this.now();
    return simulateChain({
      underlying,
      spot: price,
      asOf: now,
      atmVolatility: 0.2,
      rate: 0.04,
      strikeStep: 5,
      strikesEachSide: 5,
      expiries: listedExpiries(now, 2, 1),
    });
  }

  private optionSnapshots(underlying: string, query: URLSearchParams) {
    const chain = this.simulatedChain(underlying);
    const t = new Date(this.now().getTime() - this.optionQuoteAgeMs).toISOString();
    const all = (chain?.expiries ?? []).flatMap((expiry) => [...expiry.calls, ...expiry.puts]);
    const offset = Number(query.get('page_token') ?? 0);
    const snapshots: Record<string, unknown> = {};
    for (const quote of all.slice(offset, offset + this.optionPageSize)) {
      snapshots[quote.symbol] = {
        latestQuote: { ap: quote.ask, as: 10, bp: quote.bid, bs: 10, t, ax: 'C', bx: 'C', c: 'A' },
        latestTrade: null,
        ...(this.omitOptionIv ? {} : { impliedVolatility: quote.impliedVolatility }),
        greeks: {
          delta: quote.delta,
          gamma: quote.gamma,
          theta: quote.theta,
          vega: quote.vega,
          rho: quote.rho,
        },
      };
    }
    const next = offset + this.optionPageSize < all.length ? String(offset + this.optionPageSize) : null;
    return { snapshots, next_page_token: next };
  }

  /** Bars per page (Alpaca's `limit` counts bars across all symbols); small, so paging is exercised. */
  barsPageSize = 250;

  /** Deterministic bars: daily ones stamped at New York midnight, minute ones in regular sessions. */
  private bars(query: URLSearchParams) {
    const start = new Date(query.get('start') ?? 0);
    const end = new Date(query.get('end') ?? 0);
    const daily = query.get('timeframe') === '1Day';
    const all: { symbol: string; bar: Record<string, unknown> }[] = [];
    for (const symbol of (query.get('symbols') ?? '').split(',')) {
      const price = this.prices.get(symbol);
      if (price === undefined) continue;
      for (
        let day = new Date(start.getTime() - 86_400_000);
        day <= end;
        day = new Date(day.getTime() + 86_400_000)
      ) {
        const session = tradingSession(newYorkDate(day));
        if (!session || this.missingDays.has(session.date)) continue;
        const split = this.splits.get(symbol);
        // Raw prices before a split are `ratio` times what the adjusted series shows.
        const scale =
          split && session.date < split.date && (query.get('adjustment') ?? 'raw') === 'raw'
            ? split.ratio
            : 1;
        const starts = daily
          ? [DateTime.fromISO(session.date, { zone: NEW_YORK }).toJSDate()]
          : Array.from(
              { length: (session.close.getTime() - session.open.getTime()) / 60_000 },
              (_, i) => new Date(session.open.getTime() + i * 60_000),
            );
        for (const t of starts) {
          if (t < (daily ? new Date(start.getTime() - 86_400_000) : start) || t >= end) continue;
          if (daily && session.open < start) continue;
          // A bar's price depends on its time alone: any query (a resumed download) sees the same bar.
          const index = Math.floor(t.getTime() / (daily ? 86_400_000 : 60_000)) % 100_000;
          const close = Math.round((price + Math.sin(index / 7)) * scale * 100) / 100;
          all.push({
            symbol,
            bar: {
              t: t.toISOString(),
              o: close - 0.05,
              h: close + 0.2,
              l: close - 0.2,
              c: close,
              v: 1000 + index,
              n: 10,
              vw: close,
            },
          });
        }
      }
    }
    const offset = Number(query.get('page_token') ?? 0);
    const page = all.slice(offset, offset + this.barsPageSize);
    const bars: Record<string, unknown[]> = {};
    for (const { symbol, bar } of page) (bars[symbol] ??= []).push(bar);
    const next = offset + this.barsPageSize < all.length ? String(offset + this.barsPageSize) : null;
    return { bars, next_page_token: next };
  }

  private cancelOrder(order: FakeAlpacaOrder): void {
    order.status = 'canceled';
    order.canceled_at = order.updated_at = this.stamp();
  }
}

let fakes = 0;

/** A fake Alpaca on loopback on the given clock, and an Alpaca REST client for it (its own keys and budget). */
export async function startFakeAlpaca(
  clock: { now(): Date },
  options: { timeoutMs?: number } = {},
): Promise<{ fake: FakeAlpaca; rest: AlpacaRest; secret: string }> {
  fakes++;
  const keyId = `PKFAKE${fakes}`;
  const secret = `fake-alpaca-secret-${fakes}`;
  const fake = await new FakeAlpaca(keyId, secret, () => clock.now()).start();
  const rest = new AlpacaRest({
    tradingUrl: fake.url,
    dataUrl: fake.url,
    credentials: staticCredentials(keyId, secret),
    requestsPerMinute: 100_000,
    ...options,
  });
  return { fake, rest, secret };
}
