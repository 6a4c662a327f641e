import { commissionCents } from '../../core/execution/commission';
import { chooseExecution } from '../../core/execution/routing';
import { protectionPrice } from '../../core/execution/slippage-band';
import { DomainError, type FieldProblem } from '../../core/errors';
import type { Instrument } from '../../core/market/instrument';
import { marketStatus } from '../../core/market/nyse-calendar';
import { midPrice } from '../../core/market/quote';
import { toCents, toPriceTick } from '../../core/money';
import {
  type ExecutionMode,
  newOrder,
  type Order,
  type OrderType,
  type Rejection,
  type Side,
  type TimeInForce,
} from '../../core/orders/order';
import { transition } from '../../core/orders/order-lifecycle';
import { buyReservationCents, reserveForOrder } from '../../core/portfolio/order-exposure';
import type { PreTradeOrder } from '../../core/risk/pre-trade/types';
import { decide, readRiskProfile, recordDecision, rejectionError } from '../risk/pre-trade';
import { type MarketSnapshot, marketSnapshot, withOrderRecorded } from '../risk/risk-context';
import type { Account } from '../../core/portfolio/account';
import { ensurePaperAccount } from '../use-cases/get-portfolio';
import { finalizeIfDone } from './finalize-order';
import type { OrderDependencies } from './order-dependencies';
import { newClientOrderId, orderIdFor, requestHash } from './order-ids';
import { updateAccount, updateOrder } from './retrying';

/** An order request after its shape was validated (lib/api/schemas/orders.ts). */
export interface PlaceOrderRequest {
  symbol: string;
  side: Side;
  quantity: number;
  orderType: OrderType;
  limitPrice?: number;
  timeInForce: TimeInForce;
  execution: ExecutionMode | 'auto';
  twap?: { durationSeconds?: number; slices?: number };
  iceberg?: { displayQuantity: number };
  maxSlippageBps?: number;
  clientOrderId?: string;
  strategyId?: string;
  /** Emergency flattening only: the one kind of order a halt lets through. */
  bypassHalt?: boolean;
}

export interface PlaceOrderResult {
  order: Order;
  /** True when the request replayed an earlier one with the same client order id. */
  replayed: boolean;
}

/**
 * Places an order: idempotency by client order id, validation before anything is sent,
 * routing, the slippage band, an atomic reservation of buying power (or shares), then either
 * an immediate marketable limit to the venue or a TWAP/iceberg workflow. A request refused by
 * validation writes nothing; one refused by the reservation (a race for the same dollars)
 * leaves a `rejected` order with the reason.
 */
export async function placeOrder(
  deps: OrderDependencies,
  accountId: string,
  request: PlaceOrderRequest,
): Promise<PlaceOrderResult> {
  const clientOrderId = request.clientOrderId ?? newClientOrderId();
  const orderId = orderIdFor(accountId, clientOrderId);
  const hash = requestHash({ ...request, clientOrderId });

  const profile = await readRiskProfile(deps, accountId);
  // Validation and the pre-trade risk engine first: a refusal writes no order. The conditional
  // put of the order is then the idempotency check, and the reservation re-runs the engine on
  // the account it writes (a race for the same dollars or the same window cannot slip through).
  const prepare = async () => {
    const now = deps.clock.now();
    const instrument = await deps.instruments.get(request.symbol);
    if (!instrument || !instrument.tradable) {
      throw invalid(
        'UNKNOWN_SYMBOL',
        `${request.symbol} is not a tradable symbol`,
        'symbol',
        'is not a known, tradable symbol',
      );
    }
    validateOrder(request, instrument, now);
    const account = (await deps.accounts.get(accountId)) ?? (await ensurePaperAccount(deps, accountId));
    const snapshot = await marketSnapshot(deps, account, request.symbol, now);
    const quote = snapshot.quotes.get(request.symbol);
    if (!quote)
      throw new DomainError(
        'NO_QUOTE',
        `No current quote for ${request.symbol}; try again shortly`,
        'unavailable',
      );

    const arrivalPrice = toPriceTick(midPrice(quote));
    const marketable =
      request.limitPrice === undefined ||
      (request.side === 'buy' ? request.limitPrice >= quote.ask : request.limitPrice <= quote.bid);
    const execution = chooseExecution(
      request.execution,
      request.quantity * arrivalPrice,
      deps.settings.routing,
      marketable,
    );
    const maxSlippageBps = request.maxSlippageBps ?? deps.settings.defaultMaxSlippageBps;
    const protection = protectionPrice({
      side: request.side,
      referencePrice: arrivalPrice,
      maxSlippageBps,
      tickSize: instrument.tickSize,
      ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
    });
    const twap =
      execution === 'twap'
        ? {
            durationSeconds: request.twap?.durationSeconds ?? deps.settings.defaultTwap.durationSeconds,
            slices: request.twap?.slices ?? deps.settings.defaultTwap.slices,
          }
        : undefined;
    if (twap) validateTwapWindow(twap.durationSeconds, now);
    if (execution === 'iceberg') icebergParameters(request, instrument, request.quantity); // bad input: before any decision

    const riskOrder: PreTradeOrder = {
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity,
      orderType: request.orderType,
      ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
      ...(request.strategyId ? { strategyId: request.strategyId } : {}),
      lotSize: instrument.lotSize,
      ...(request.bypassHalt ? { bypassHalt: true } : {}),
    };
    const buyCostCents = (quantity: number) =>
      buyReservationCents(
        quantity,
        protection,
        commissionAllowance(deps, {
          execution,
          quantity,
          protectionPrice: protection,
          twap,
          request,
          instrument,
        }),
      );
    const decided = decide(deps, { account, profile, order: riskOrder, snapshot, now, buyCostCents });
    const decisionRecorded = recordDecision(
      deps,
      accountId,
      request.bypassHalt ? 'flatten' : 'order',
      riskOrder,
      decided,
      orderId,
    );
    if (decided.decision.outcome === 'reject') {
      await decisionRecorded;
      throw rejectionError(decided.decision);
    }
    // An approval is recorded while the order is written (awaited below, before anything is sent).
    decisionRecorded.catch(() => undefined); // observed below; this only keeps it from being "unhandled" meanwhile
    const quantity = decided.decision.quantity;
    const iceberg = execution === 'iceberg' ? icebergParameters(request, instrument, quantity) : undefined;

    const at = now.toISOString();
    const adjusted =
      decided.decision.outcome === 'adjust'
        ? `; risk adjusted ${request.quantity} → ${quantity} (${decided.decision.code})`
        : '';
    const order = newOrder(
      {
        orderId,
        accountId,
        clientOrderId,
        symbol: request.symbol,
        side: request.side,
        quantity,
        orderType: request.orderType,
        ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
        timeInForce: request.timeInForce,
        execution,
        ...(twap ? { twap } : {}),
        ...(iceberg ? { iceberg } : {}),
        maxSlippageBps,
        arrivalPrice,
        protectionPrice: protection,
        ...(request.strategyId ? { strategyId: request.strategyId } : {}),
        requestHash: hash,
      },
      now,
      `received; worked ${execution}${adjusted}`,
    );
    return { order, at, now, execution, account, snapshot, riskOrder, buyCostCents, decisionRecorded };
  };
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare();
  } catch (error) {
    // A replay whose request no longer validates (the market has closed, or it now looks like
    // a duplicate of itself…) still gets its original order.
    const existing = error instanceof DomainError ? await deps.orders.get(accountId, orderId) : null;
    if (existing) return replay(existing, hash);
    if (error instanceof DomainError && error.kind === 'unprocessable' && request.clientOrderId !== undefined)
      await rememberRefusal(deps, { accountId, orderId, clientOrderId, hash, request }, error);
    throw error;
  }
  const { order, at, now, execution, account, snapshot, riskOrder, buyCostCents, decisionRecorded } =
    prepared;
  const [created] = await Promise.all([deps.orders.create(order), decisionRecorded]);
  if (!created) {
    const winner = await deps.orders.get(accountId, orderId);
    if (!winner) throw new Error(`order ${orderId} vanished after a create conflict`);
    return replay(winner, hash);
  }

  try {
    await reserveWithFreshSnapshot(deps, request.symbol, snapshot, now, (freshSnapshot) =>
      updateAccount(
        deps.accounts,
        accountId,
        (current) => {
          if (current.openOrders[orderId]) return null; // reserved by an earlier attempt
          // A position that appeared since the snapshot (a concurrent fill) needs its price and history.
          if (heldSymbols(current).some((symbol) => !freshSnapshot.quotes.has(symbol)))
            throw new StaleSnapshot(current);
          // The engine again, on the account this write replaces: decisive under concurrency.
          const { decision, context, limits } = decide(deps, {
            account: current,
            profile,
            order: { ...riskOrder, quantity: order.quantity },
            snapshot: freshSnapshot,
            now,
            buyCostCents,
          });
          if (decision.outcome !== 'approve') {
            throw decision.outcome === 'reject'
              ? rejectionError(decision)
              : new DomainError(decision.code, decision.detail, 'unprocessable');
          }
          const next = reserveForOrder(
            current,
            {
              orderId,
              symbol: order.symbol,
              side: order.side,
              quantity: order.quantity,
              reservedCents: order.side === 'buy' ? buyCostCents(order.quantity) : 0,
              reservedQuantity: order.side === 'sell' ? order.quantity : 0,
              openedAt: at,
              ...(order.strategyId ? { strategyId: order.strategyId } : {}),
            },
            now,
          );
          return { account: withOrderRecorded(next, riskOrder, limits, context, now), result: true };
        },
        account,
      ),
    );
  } catch (error) {
    if (error instanceof DomainError) {
      await updateOrder(
        deps.orders,
        accountId,
        orderId,
        (current) =>
          current.status === 'new'
            ? {
                ...transition(current, 'rejected', `${error.code}: ${error.message}`, deps.clock.now()),
                rejection: rejectionOf(error),
              }
            : null,
        order,
      );
    }
    throw error;
  }

  const working =
    execution === 'immediate' ? await sendImmediate(deps, order) : await startWorkflow(deps, order);
  return { order: working, replayed: false };
}

/** The reservation met a position its market snapshot does not cover (a fill landed meanwhile). */
class StaleSnapshot extends Error {
  constructor(readonly account: Account) {
    super('the market snapshot misses a held symbol');
  }
}

function heldSymbols(account: Account): string[] {
  return Object.values(account.positions)
    .filter((position) => position.quantity !== 0)
    .map((position) => position.symbol);
}

/**
 * Runs the reservation with the snapshot it was decided on, and again with a fresh one when a
 * concurrent fill gave the account a position the snapshot has no price or history for (the
 * VaR check would otherwise fail closed on a position it simply had not seen yet).
 */
async function reserveWithFreshSnapshot(
  deps: OrderDependencies,
  symbol: string,
  snapshot: MarketSnapshot,
  now: Date,
  reserve: (snapshot: MarketSnapshot) => Promise<unknown>,
): Promise<void> {
  let current = snapshot;
  for (let attempt = 1; ; attempt++) {
    try {
      await reserve(current);
      return;
    } catch (error) {
      if (!(error instanceof StaleSnapshot)) throw error;
      // Positions kept appearing faster than they could be priced: refused cleanly (the order
      // ends rejected, nothing reserved) rather than left half-placed.
      if (attempt >= 5)
        throw new DomainError(
          'POSITIONS_CHANGING',
          'New positions kept arriving while the order was checked; try again',
          'unavailable',
        );
      current = await marketSnapshot(deps, error.account, symbol, now);
    }
  }
}

/**
 * The answer to a request whose client order id names an existing order: the order (200) when
 * the request is the same, refused as it was the first time when the order was refused.
 */
function replay(existing: Order, hash: string): PlaceOrderResult {
  if (existing.requestHash !== hash) {
    throw new DomainError(
      'CLIENT_ORDER_ID_REUSED',
      `client_order_id ${existing.clientOrderId} was already used for a different order (${existing.orderId})`,
      'conflict',
      [{ field: 'client_order_id', in: 'body', problem: 'was already used with a different request' }],
    );
  }
  if (existing.status === 'rejected' && existing.rejection) {
    const { code, message, details } = existing.rejection;
    throw new DomainError(code, message, 'unprocessable', details);
  }
  return { order: existing, replayed: true };
}

function rejectionOf(error: DomainError): Rejection {
  return {
    code: error.code,
    message: error.message,
    ...(error.details && error.details.length > 0 ? { details: error.details } : {}),
  };
}

/**
 * A request the trader named with a client order id and that was refused before an order was
 * written (validation, market hours, the risk engine) is kept as a `rejected` order: the id is
 * spent, the refusal is in the order list, and a replay is refused the same way even if it would
 * pass now. Not priced, so its arrival and protection prices are 0. Retry-safe refusals (503)
 * keep nothing: retrying them is what they are for.
 */
async function rememberRefusal(
  deps: OrderDependencies,
  named: {
    accountId: string;
    orderId: string;
    clientOrderId: string;
    hash: string;
    request: PlaceOrderRequest;
  },
  error: DomainError,
): Promise<void> {
  const { request } = named;
  const now = deps.clock.now();
  const received = newOrder(
    {
      orderId: named.orderId,
      accountId: named.accountId,
      clientOrderId: named.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity,
      orderType: request.orderType,
      ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
      timeInForce: request.timeInForce,
      execution: request.execution === 'auto' ? 'immediate' : request.execution,
      maxSlippageBps: request.maxSlippageBps ?? deps.settings.defaultMaxSlippageBps,
      arrivalPrice: 0,
      protectionPrice: 0,
      ...(request.strategyId ? { strategyId: request.strategyId } : {}),
      requestHash: named.hash,
    },
    now,
    'received',
  );
  const rejected = {
    ...transition(received, 'rejected', `${error.code}: ${error.message}`, now),
    rejection: rejectionOf(error),
  };
  // Losing the race to a concurrent identical request is fine: that one is the record.
  await deps.orders.create(rejected);
}

async function sendImmediate(deps: OrderDependencies, order: Order): Promise<Order> {
  const result = await deps.broker.submit({
    accountId: order.accountId,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    quantity: order.quantity,
    limitPrice: order.protectionPrice,
    timeInForce: order.timeInForce,
  });
  const now = deps.clock.now();
  if (result.status === 'rejected') {
    const rejected = await updateOrder(
      deps.orders,
      order.accountId,
      order.orderId,
      (current) =>
        current.status === 'new' ? transition(current, 'rejected', `venue: ${result.reason}`, now) : null,
      order,
    );
    await finalizeIfDone(deps, rejected);
    return rejected;
  }
  return order; // still `new`: the venue's `accepted` report moves it on, off the request path
}

async function startWorkflow(deps: OrderDependencies, order: Order): Promise<Order> {
  await deps.workflows.start(order);
  return updateOrder(
    deps.orders,
    order.accountId,
    order.orderId,
    (current) =>
      current.status === 'new'
        ? transition(current, 'accepted', `${order.execution} started`, deps.clock.now())
        : null,
    order,
  );
}

/** Commission a buy must reserve: the model on the whole order, plus one minimum per extra child it may trade in. */
function commissionAllowance(
  deps: OrderDependencies,
  order: {
    execution: ExecutionMode;
    quantity: number;
    protectionPrice: number;
    twap: { slices: number } | undefined;
    request: PlaceOrderRequest;
    instrument: Instrument;
  },
): number {
  const children =
    order.execution === 'twap'
      ? (order.twap?.slices ?? 1)
      : order.execution === 'iceberg'
        ? Math.ceil(
            order.quantity /
              icebergParameters(order.request, order.instrument, order.quantity).displayQuantity,
          )
        : 1;
  const model = deps.settings.commission;
  const minimum = model.kind === 'none' ? 0 : toCents(model.minimum);
  return commissionCents(model, order.quantity, order.protectionPrice) + minimum * children;
}

/**
 * What makes an order well-formed for its instrument and the session: whole lots, a limit on
 * the tick, market hours. Size, value and price-collar limits belong to the risk engine.
 */
function validateOrder(request: PlaceOrderRequest, instrument: Instrument, now: Date): void {
  const problems: FieldProblem[] = [];
  if (request.quantity % instrument.lotSize !== 0) {
    problems.push({
      field: 'quantity',
      in: 'body',
      problem: `must be a whole number of lots of ${instrument.lotSize}`,
    });
  }
  if (request.orderType === 'limit') {
    const limit = request.limitPrice;
    if (limit === undefined)
      problems.push({ field: 'price', in: 'body', problem: 'is required for a limit order' });
    else {
      const ticks = limit / instrument.tickSize;
      if (Math.abs(ticks - Math.round(ticks)) > 1e-6)
        problems.push({
          field: 'price',
          in: 'body',
          problem: `must be a multiple of the tick size ${instrument.tickSize}`,
        });
    }
  } else if (request.limitPrice !== undefined) {
    problems.push({ field: 'price', in: 'body', problem: 'is only for limit orders' });
  }
  if (problems.length > 0) {
    throw new DomainError(
      'ORDER_INVALID',
      `${problems[0]!.field} ${problems[0]!.problem}`,
      'unprocessable',
      problems,
    );
  }
  const status = marketStatus(now);
  const needsOpenMarket =
    request.orderType === 'market' ||
    request.timeInForce === 'ioc' ||
    request.timeInForce === 'fok' ||
    request.execution === 'twap' ||
    request.execution === 'iceberg';
  if (needsOpenMarket && !status.isOpen) {
    throw new DomainError(
      'MARKET_CLOSED',
      `The market is closed (next open ${status.nextOpen.toISOString()}); only day or gtc limit orders are accepted outside the regular session`,
      'unprocessable',
    );
  }
}

function icebergParameters(
  request: PlaceOrderRequest,
  instrument: Instrument,
  quantity: number,
): { displayQuantity: number } {
  const display =
    request.iceberg?.displayQuantity ??
    Math.max(instrument.lotSize, Math.ceil(request.quantity / 10 / instrument.lotSize) * instrument.lotSize);
  if (display > request.quantity || display % instrument.lotSize !== 0) {
    throw invalid(
      'ICEBERG_INVALID',
      'display_quantity must be whole lots and at most the order quantity',
      'iceberg.display_quantity',
      'must be whole lots, at most the order quantity',
    );
  }
  // An order the risk engine cut down shows at most what is left of it.
  return { displayQuantity: Math.min(display, quantity) };
}

function validateTwapWindow(durationSeconds: number, now: Date): void {
  const status = marketStatus(now);
  if (status.isOpen && now.getTime() + durationSeconds * 1000 > status.nextClose.getTime()) {
    throw invalid(
      'TWAP_PAST_CLOSE',
      `A TWAP of ${durationSeconds} s would run past today's close (${status.nextClose.toISOString()})`,
      'twap.duration_seconds',
      'must end before the close',
    );
  }
}

function invalid(code: string, message: string, field: string, problem: string): DomainError {
  return new DomainError(code, message, 'unprocessable', [{ field, in: 'body', problem }]);
}
