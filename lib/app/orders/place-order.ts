import { commissionCents } from '../../core/execution/commission';
import { chooseExecution } from '../../core/execution/routing';
import { protectionPrice } from '../../core/execution/slippage-band';
import { DomainError, type FieldProblem, NotFoundError } from '../../core/errors';
import type { Instrument } from '../../core/market/instrument';
import { marketStatus } from '../../core/market/nyse-calendar';
import { midPrice, type Quote } from '../../core/market/quote';
import { toCents } from '../../core/money';
import {
  type ExecutionMode,
  newOrder,
  type Order,
  type OrderType,
  type Side,
  type TimeInForce,
} from '../../core/orders/order';
import { transition } from '../../core/orders/order-lifecycle';
import { buyReservationCents, reserveForOrder } from '../../core/portfolio/order-exposure';
import { checkTradingState, type TradingState } from '../../core/risk/trading-state';
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

  const tradingState = await readTradingState(deps, accountId);
  // Stateless validation first; the conditional put of the order is then the idempotency check.
  const prepare = async () => {
    if (tradingState.state === 'HALTED') {
      checkTradingState(tradingState, {
        side: request.side,
        quantity: request.quantity,
        heldQuantity: 0,
        bypassHalt: request.bypassHalt ?? false,
      });
    }
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
    const quote = (await deps.marketData.getQuotes([request.symbol])).get(request.symbol);
    if (!quote)
      throw new DomainError(
        'NO_QUOTE',
        `No current quote for ${request.symbol}; try again shortly`,
        'unavailable',
      );

    const arrivalPrice = Math.round(midPrice(quote) * 10_000) / 10_000;
    validateOrder(deps, request, instrument, quote, now);
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
    const iceberg = execution === 'iceberg' ? icebergParameters(request, instrument) : undefined;
    if (twap) validateTwapWindow(twap.durationSeconds, now);

    const at = now.toISOString();
    const order = newOrder(
      {
        orderId,
        accountId,
        clientOrderId,
        symbol: request.symbol,
        side: request.side,
        quantity: request.quantity,
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
      `received; worked ${execution}`,
    );
    return { order, protection, at, now, execution };
  };
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare();
  } catch (error) {
    // A replay whose request no longer validates (the market has closed since…) still gets its original order.
    const existing = error instanceof DomainError ? await deps.orders.get(accountId, orderId) : null;
    if (existing) return replay(existing, hash);
    throw error;
  }
  const { order, protection, at, now, execution } = prepared;
  if (!(await deps.orders.create(order))) {
    const winner = await deps.orders.get(accountId, orderId);
    if (!winner) throw new Error(`order ${orderId} vanished after a create conflict`);
    return replay(winner, hash);
  }

  try {
    const reserve = () =>
      updateAccount(deps.accounts, accountId, (account) => {
        checkTradingState(tradingState, {
          side: order.side,
          quantity: order.quantity,
          heldQuantity: account.positions[order.symbol]?.quantity ?? 0,
          bypassHalt: request.bypassHalt ?? false,
        });
        const next = reserveForOrder(
          account,
          {
            orderId,
            symbol: order.symbol,
            side: order.side,
            quantity: order.quantity,
            reservedCents:
              order.side === 'buy'
                ? buyReservationCents(order.quantity, protection, commissionAllowance(deps, order))
                : 0,
            reservedQuantity: order.side === 'sell' ? order.quantity : 0,
            openedAt: at,
          },
          now,
        );
        return next === account ? null : { account: next, result: true };
      });
    try {
      await reserve();
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await ensurePaperAccount(deps, accountId); // first order of a new paper account
      await reserve();
    }
  } catch (error) {
    if (error instanceof DomainError) {
      await updateOrder(
        deps.orders,
        accountId,
        orderId,
        (current) =>
          current.status === 'new'
            ? transition(current, 'rejected', `${error.code}: ${error.message}`, deps.clock.now())
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

/** The account's trading state; if it cannot be read, nothing is sent (fail closed). */
export async function readTradingState(
  deps: Pick<OrderDependencies, 'tradingStates'>,
  accountId: string,
): Promise<TradingState> {
  try {
    return await deps.tradingStates.get(accountId);
  } catch {
    throw new DomainError(
      'TRADING_STATE_UNAVAILABLE',
      'The trading state cannot be read, so no order is sent until it can (fail closed); try again shortly',
      'unavailable',
    );
  }
}

function replay(existing: Order, hash: string): PlaceOrderResult {
  if (existing.requestHash !== hash) {
    throw new DomainError(
      'CLIENT_ORDER_ID_REUSED',
      `client_order_id ${existing.clientOrderId} was already used for a different order (${existing.orderId})`,
      'conflict',
      [{ field: 'client_order_id', in: 'body', problem: 'was already used with a different request' }],
    );
  }
  return { order: existing, replayed: true };
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
function commissionAllowance(deps: OrderDependencies, order: Order): number {
  const children =
    order.execution === 'twap'
      ? (order.twap?.slices ?? 1)
      : order.execution === 'iceberg'
        ? Math.ceil(order.quantity / (order.iceberg?.displayQuantity ?? order.quantity))
        : 1;
  const model = deps.settings.commission;
  const minimum = model.kind === 'none' ? 0 : toCents(model.minimum);
  return commissionCents(model, order.quantity, order.protectionPrice) + minimum * children;
}

function validateOrder(
  deps: OrderDependencies,
  request: PlaceOrderRequest,
  instrument: Instrument,
  quote: Quote,
  now: Date,
): void {
  const problems: FieldProblem[] = [];
  const { settings } = deps;
  if (request.quantity % instrument.lotSize !== 0) {
    problems.push({
      field: 'quantity',
      in: 'body',
      problem: `must be a whole number of lots of ${instrument.lotSize}`,
    });
  }
  if (request.quantity > settings.maxOrderQuantity) {
    problems.push({
      field: 'quantity',
      in: 'body',
      problem: `must be at most ${settings.maxOrderQuantity} (maximum order size)`,
    });
  }
  const reference = request.limitPrice ?? midPrice(quote);
  if (request.quantity * reference > settings.maxOrderNotional) {
    problems.push({
      field: 'quantity',
      in: 'body',
      problem: `makes the order worth more than $${settings.maxOrderNotional} (maximum order value)`,
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
      const collar = settings.priceCollarFraction;
      const tooAggressive =
        request.side === 'buy' ? limit > quote.last * (1 + collar) : limit < quote.last * (1 - collar);
      if (tooAggressive) {
        problems.push({
          field: 'price',
          in: 'body',
          problem: `is more than ${Math.round(collar * 100)}% through the last price ${quote.last} (price collar)`,
        });
      }
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

function icebergParameters(request: PlaceOrderRequest, instrument: Instrument): { displayQuantity: number } {
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
  return { displayQuantity: display };
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
