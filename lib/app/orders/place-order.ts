import { commissionCents } from '../../core/execution/commission';
import { protectionPrice } from '../../core/execution/slippage-band';
import { routeOrder } from './route-order';
import { DomainError } from '../../core/errors';
import type { Instrument } from '../../core/market/instrument';
import { midPrice } from '../../core/market/quote';
import { toCents, toPriceTick } from '../../core/money';
import {
  type ExecutionMode,
  newOrder,
  type Order,
  type Rejection,
  type TimeInForce,
} from '../../core/orders/order';
import {
  checkStopRequest,
  STOP_TYPES,
  type StopRequestShape,
  stopProtectionPrice,
} from '../../core/orders/stop-order-rules';
import { transition } from '../../core/orders/order-lifecycle';
import { icebergParameters, invalid, validateOrder, validateTwapWindow } from '../../core/orders/order-rules';
import { buyReservationCents, reserveForOrder } from '../../core/portfolio/order-exposure';
import type { PreTradeOrder } from '../../core/risk/pre-trade/types';
import type { RiskProfile } from '../ports/risk-limits-repository';
import { decide, decisionInputs, readRiskProfile, recordDecision, rejectionError } from '../risk/pre-trade';
import { type MarketSnapshot, marketSnapshot, withOrderRecorded } from '../risk/risk-context';
import type { Account } from '../../core/portfolio/account';
import { ensurePaperAccount } from '../use-cases/get-portfolio';
import { finalizeIfDone } from './finalize-order';
import type { OrderDependencies } from './order-dependencies';
import { derivedClientOrderId, newClientOrderId, orderIdFor, requestHash } from './order-ids';
import { updateAccount, updateOrder } from './retrying';

/** An order request after its shape was validated (lib/api/schemas/orders.ts). */
export interface PlaceOrderRequest extends StopRequestShape {
  symbol: string;
  quantity: number;
  timeInForce: TimeInForce;
  execution: ExecutionMode | 'auto';
  twap?: { durationSeconds?: number; slices?: number };
  iceberg?: { displayQuantity: number };
  maxSlippageBps?: number;
  /** The price the trader (or strategy) decided at: the shortfall's delay is measured from it. */
  decisionPrice?: number;
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

/** Who the order is: its ids and the hash that tells a replay from a reuse of the client id. */
interface NamedOrder {
  accountId: string;
  clientOrderId: string;
  orderId: string;
  hash: string;
}

/** An order validated, priced and approved by the risk engine: ready to be stored and reserved. */
interface PreparedOrder {
  order: Order;
  now: Date;
  account: Account;
  snapshot: MarketSnapshot;
  riskOrder: PreTradeOrder;
  /** Cash a buy of `quantity` shares must reserve (notional at its protection price + commission). */
  buyCostCents: (quantity: number) => number;
  /** The risk decision being written to the audit log (awaited with the order's write). */
  decisionRecorded: Promise<unknown>;
}

/**
 * Places an order, in named steps: validate and price it, let the risk engine decide, store it
 * (the conditional put is the idempotency check), reserve its buying power or shares (the
 * engine again, on the account it writes), route it — an immediate marketable limit to the
 * venue, or a TWAP/iceberg workflow. A replay of its client order id answers as the first
 * request was answered; a refusal before the order is written writes nothing but, when the
 * trader named the order, the refusal itself (rememberRefusal); one at the reservation (a race
 * for the same dollars) leaves the order `rejected` with the reason.
 */
export async function placeOrder(
  deps: OrderDependencies,
  accountId: string,
  request: PlaceOrderRequest,
): Promise<PlaceOrderResult> {
  const clientOrderId = request.clientOrderId ?? newClientOrderId();
  const named: NamedOrder = {
    accountId,
    clientOrderId,
    orderId: orderIdFor(accountId, clientOrderId),
    hash: requestHash({ ...request, clientOrderId }),
  };
  const profile = await readRiskProfile(deps, accountId);
  let prepared: PreparedOrder;
  try {
    prepared = await prepareOrder(deps, named, profile, request);
  } catch (error) {
    return answerRefusal(deps, named, request, error);
  }
  const [created] = await Promise.all([deps.orders.create(prepared.order), prepared.decisionRecorded]);
  if (!created) {
    const winner = await deps.orders.get(accountId, named.orderId);
    if (!winner) throw new Error(`order ${named.orderId} vanished after a create conflict`);
    return replay(winner, named.hash);
  }
  await reserveOrReject(deps, prepared, profile);
  const { order } = prepared;
  // A bracket's exits exist (held) before the entry can fill, so their reports always find them.
  if (order.exitOrderId) await deps.orders.create(exitOrderOf(order, deps.clock.now()));
  const working =
    order.execution === 'immediate' ? await sendImmediate(deps, order) : await startWorkflow(deps, order);
  return { order: working, replayed: false };
}

/** The order as the risk engine sees it. */
function preTradeOrderOf(
  request: PlaceOrderRequest,
  stopPrice: number | undefined,
  lotSize: number,
): PreTradeOrder {
  return {
    symbol: request.symbol,
    side: request.side,
    quantity: request.quantity,
    orderType: request.orderType,
    ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
    ...(stopPrice === undefined ? {} : { stopPrice }),
    ...(request.strategyId ? { strategyId: request.strategyId } : {}),
    lotSize,
    ...(request.bypassHalt ? { bypassHalt: true } : {}),
  };
}

/**
 * Validates and prices the request, and asks the risk engine: the order to store, or a refusal
 * (thrown) before anything is written.
 */
async function prepareOrder(
  deps: OrderDependencies,
  named: NamedOrder,
  profile: RiskProfile,
  request: PlaceOrderRequest,
): Promise<PreparedOrder> {
  const now = deps.clock.now();
  const priced = await priceOrder(deps, named.accountId, request, now);
  const { instrument, account, snapshot, execution, protection, twap } = priced;
  const riskOrder = preTradeOrderOf(request, priced.stopPrice, instrument.lotSize);
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
    named.accountId,
    request.bypassHalt ? 'flatten' : 'order',
    riskOrder,
    { decision: decided.decision, inputs: decisionInputs(decided.context) },
    named.orderId,
  );
  if (decided.decision.outcome === 'reject') {
    await decisionRecorded;
    throw rejectionError(decided.decision);
  }
  // An approval is recorded while the order is written (awaited there, before anything is sent).
  decisionRecorded.catch(() => undefined); // observed later; this only keeps it from being "unhandled" meanwhile
  const quantity = decided.decision.quantity;
  const adjusted =
    decided.decision.outcome === 'adjust'
      ? `; risk adjusted ${request.quantity} → ${quantity} (${decided.decision.code})`
      : '';
  const iceberg = execution === 'iceberg' ? icebergParameters(request, instrument, quantity) : undefined;
  const order = newOrder(
    {
      orderId: named.orderId,
      accountId: named.accountId,
      clientOrderId: named.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      quantity,
      orderType: request.orderType,
      ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
      timeInForce: request.timeInForce,
      execution,
      ...(twap ? { twap } : {}),
      ...(iceberg ? { iceberg } : {}),
      maxSlippageBps: priced.maxSlippageBps,
      arrivalPrice: priced.arrivalPrice,
      ...(request.decisionPrice === undefined ? {} : { decisionPrice: request.decisionPrice }),
      protectionPrice: protection,
      ...triggersOf(request, priced.stopPrice, named),
      ...(priced.estimates.length > 0 ? { costEstimates: priced.estimates } : {}),
      ...(request.strategyId ? { strategyId: request.strategyId } : {}),
      requestHash: named.hash,
    },
    now,
    `received; worked ${execution}${adjusted}`,
  );
  return { order, now, account, snapshot, riskOrder, buyCostCents, decisionRecorded };
}

/** The request checked against its instrument and the market, and priced: arrival, band, route. */
async function priceOrder(deps: OrderDependencies, accountId: string, request: PlaceOrderRequest, now: Date) {
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
  const { stopPrice, resting, atOnce } = checkTriggers(request, quote.last);
  const marketable =
    !resting &&
    (request.limitPrice === undefined ||
      (request.side === 'buy' ? request.limitPrice >= quote.ask : request.limitPrice <= quote.bid));
  // Stops, exit pairs and entries with exits are worked at once (a bracket's exits follow one venue order).
  const { execution, estimates, twap } = atOnce
    ? { execution: 'immediate' as const, estimates: [], twap: undefined }
    : routeOrder(deps.settings, request, instrument, quote, arrivalPrice, marketable, now);
  const maxSlippageBps = request.maxSlippageBps ?? deps.settings.defaultMaxSlippageBps;
  const protection =
    request.orderClass === 'oco'
      ? (request.takeProfit?.limitPrice ?? instrument.tickSize)
      : stopPrice !== undefined
        ? stopProtectionPrice(
            request.side,
            request.orderType,
            stopPrice,
            request.limitPrice,
            deps.settings.priceCollarFraction,
            instrument.tickSize,
          )
        : protectionPrice({
            side: request.side,
            referencePrice: arrivalPrice,
            maxSlippageBps,
            tickSize: instrument.tickSize,
            ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
          });
  if (twap) validateTwapWindow(twap.durationSeconds, now);
  if (execution === 'iceberg') icebergParameters(request, instrument, request.quantity); // bad input: before any decision
  return {
    instrument,
    account,
    snapshot,
    stopPrice,
    arrivalPrice,
    execution,
    estimates,
    maxSlippageBps,
    protection,
    twap,
  };
}

/** What the order carries of its triggers and exits (and, a bracket or oto entry, its exits' order). */
function triggersOf(request: PlaceOrderRequest, stopPrice: number | undefined, named: NamedOrder) {
  return {
    ...(stopPrice === undefined ? {} : { stopPrice }),
    ...(request.trail ? { trail: request.trail } : {}),
    ...(request.orderClass && request.orderClass !== 'simple' ? { orderClass: request.orderClass } : {}),
    ...(request.takeProfit ? { takeProfit: request.takeProfit } : {}),
    ...(request.stopLoss ? { stopLoss: request.stopLoss } : {}),
    ...(request.orderClass === 'bracket' || request.orderClass === 'oto'
      ? { exitOrderId: orderIdFor(named.accountId, exitClientOrderId(named)) }
      : {}),
  };
}

/** The venue's view of an order's triggers and exits. */
function venueTriggers(order: Order) {
  const type = order.orderType;
  return {
    ...(type === 'stop' || type === 'stop_limit' || type === 'trailing_stop'
      ? {
          trigger: {
            type,
            ...(order.stopPrice === undefined || type === 'trailing_stop'
              ? {}
              : { stopPrice: order.stopPrice }),
            ...(order.trail ? { trail: order.trail } : {}),
          },
          maxSlippageBps: order.maxSlippageBps,
        }
      : {}),
    ...(order.orderClass === 'oco'
      ? {
          oco: {
            ...(order.takeProfit ? { takeProfit: order.takeProfit.limitPrice } : {}),
            ...(order.stopLoss ? { stopLoss: order.stopLoss } : {}),
          },
          maxSlippageBps: order.maxSlippageBps,
        }
      : {}),
    ...(order.exitOrderId
      ? {
          exits: {
            orderId: order.exitOrderId,
            clientOrderId: exitClientOrderId(order),
            ...(order.takeProfit ? { takeProfit: order.takeProfit.limitPrice } : {}),
            ...(order.stopLoss ? { stopLoss: order.stopLoss } : {}),
          },
        }
      : {}),
  };
}

/**
 * A bracket's (or oto's) exits as an order: an `oco` that sells what the entry buys, held until
 * the entry fills and then working for what it filled (the venue sizes it; its reports say so).
 */
function exitOrderOf(entry: Order, now: Date): Order {
  return newOrder(
    {
      orderId: entry.exitOrderId!,
      accountId: entry.accountId,
      clientOrderId: exitClientOrderId(entry),
      symbol: entry.symbol,
      side: entry.side === 'buy' ? 'sell' : 'buy',
      quantity: entry.quantity,
      orderType: 'limit',
      ...(entry.takeProfit ? { limitPrice: entry.takeProfit.limitPrice } : {}),
      timeInForce: entry.timeInForce,
      execution: 'immediate',
      orderClass: 'oco',
      ...(entry.takeProfit ? { takeProfit: entry.takeProfit } : {}),
      ...(entry.stopLoss ? { stopLoss: entry.stopLoss } : {}),
      entryOrderId: entry.orderId,
      maxSlippageBps: entry.maxSlippageBps,
      arrivalPrice: entry.arrivalPrice,
      protectionPrice: entry.takeProfit?.limitPrice ?? entry.stopLoss!.stopPrice,
      ...(entry.strategyId ? { strategyId: entry.strategyId } : {}),
      requestHash: requestHash({ exitsOf: entry.orderId }),
    },
    now,
    `held: the exits of ${entry.orderId}, working once it fills, for what it fills`,
  );
}

/** A bracket's exits are an order of their own, named after the entry (so a replay finds them). */
export function exitClientOrderId(entry: { accountId: string; clientOrderId: string }): string {
  return derivedClientOrderId('exits', entry.accountId, entry.clientOrderId);
}

/**
 * A stop's or an exit pair's checks against the market (lib/core/orders/stop-order-rules.ts):
 * where its stop stands, and whether it rests until a trigger (then it is worked at once when it
 * fires, never sliced). A bracket's entry must buy and an oco must sell: a cash account never
 * sells short, so exits only ever protect shares held.
 */
function checkTriggers(
  request: PlaceOrderRequest,
  last: number,
): { stopPrice?: number; resting: boolean; atOnce: boolean } {
  const resting = STOP_TYPES.has(request.orderType) || request.orderClass === 'oco';
  const withExits = request.orderClass !== undefined && request.orderClass !== 'simple';
  if ((resting || withExits) && (request.execution === 'twap' || request.execution === 'iceberg'))
    throw invalid(
      'ORDER_INVALID',
      'a stop or an exit pair is worked at once when it fires',
      'execution',
      'must be "auto" or "immediate" for a stop or an oco',
    );
  const entry = request.orderClass === 'bracket' || request.orderClass === 'oto';
  if ((entry && request.side !== 'buy') || (request.orderClass === 'oco' && request.side !== 'sell'))
    throw invalid(
      'ORDER_INVALID',
      'a cash account sells no shares short: exits protect shares held',
      'side',
      entry ? 'must be "buy" for a bracket or oto entry' : 'must be "sell" for an oco (exits of shares held)',
    );
  const { stopPrice } = checkStopRequest(request, last);
  return { ...(stopPrice === undefined ? {} : { stopPrice }), resting, atOnce: resting || withExits };
}

/**
 * A request refused before its order was written: a replay of a stored order answers as that
 * order does (even if the request would be refused now: the market has closed, or it looks like
 * a duplicate of itself); otherwise the refusal stands, remembered when the trader named it.
 */
async function answerRefusal(
  deps: OrderDependencies,
  named: NamedOrder,
  request: PlaceOrderRequest,
  error: unknown,
): Promise<PlaceOrderResult> {
  const existing =
    error instanceof DomainError ? await deps.orders.get(named.accountId, named.orderId) : null;
  if (existing) return replay(existing, named.hash);
  if (error instanceof DomainError && error.kind === 'unprocessable' && request.clientOrderId !== undefined)
    await rememberRefusal(deps, { ...named, request }, error);
  throw error;
}

/**
 * Reserves the order's buying power (or shares) on the account, re-running the risk engine on
 * the account this write replaces — decisive under concurrency. Refused, the stored order ends
 * `rejected` with the reason, and the refusal is thrown.
 */
async function reserveOrReject(
  deps: OrderDependencies,
  prepared: PreparedOrder,
  profile: RiskProfile,
): Promise<void> {
  const { order, now, account, snapshot, riskOrder, buyCostCents } = prepared;
  try {
    await reserveWithFreshSnapshot(deps, order.symbol, snapshot, now, (freshSnapshot) =>
      updateAccount(
        deps.accounts,
        order.accountId,
        (current) => {
          if (current.openOrders[order.orderId]) return null; // reserved by an earlier attempt
          // A position that appeared since the snapshot (a concurrent fill) needs its price and history.
          if (heldSymbols(current).some((symbol) => !freshSnapshot.quotes.has(symbol)))
            throw new StaleSnapshot(current);
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
              orderId: order.orderId,
              symbol: order.symbol,
              side: order.side,
              quantity: order.quantity,
              reservedCents: order.side === 'buy' ? buyCostCents(order.quantity) : 0,
              reservedQuantity: order.side === 'sell' ? order.quantity : 0,
              openedAt: order.createdAt,
              ...(order.strategyId ? { strategyId: order.strategyId } : {}),
            },
            now,
          );
          return {
            account: withOrderRecorded(next, riskOrder, limits, context.equityCents, now),
            result: true,
          };
        },
        account,
      ),
    );
  } catch (error) {
    await endIfRefused(deps, order, error);
    throw error;
  }
}

/** A stored order the reservation refused ends `rejected` with the reason (other failures leave it to be retried). */
export async function endIfRefused(
  deps: Pick<OrderDependencies, 'orders' | 'clock'>,
  order: Order,
  error: unknown,
): Promise<void> {
  if (!(error instanceof DomainError)) return;
  await updateOrder(
    deps.orders,
    order.accountId,
    order.orderId,
    (current) => (current.status === 'new' ? refused(current, error, deps.clock.now()) : null),
    order,
  );
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
export function replay(existing: Order, hash: string): PlaceOrderResult {
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

/** The order ended `rejected` by `error`, which it keeps so a replay is refused the same way. */
export function refused(order: Order, error: DomainError, at: Date): Order {
  const rejection: Rejection = {
    code: error.code,
    message: error.message,
    ...(error.details && error.details.length > 0 ? { details: error.details } : {}),
  };
  return { ...transition(order, 'rejected', `${error.code}: ${error.message}`, at), rejection };
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
  named: NamedOrder & { request: PlaceOrderRequest },
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
      ...(request.decisionPrice === undefined ? {} : { decisionPrice: request.decisionPrice }),
      ...(request.strategyId ? { strategyId: request.strategyId } : {}),
      requestHash: named.hash,
    },
    now,
    'received',
  );
  // Losing the race to a concurrent identical request is fine: that one is the record.
  await deps.orders.create(refused(received, error, now));
}

/**
 * Sends an order worked at once to the venue, as a limit at its protection price (an option
 * order with its legs, filled all or none); a venue refusal ends it `rejected`.
 */
export async function sendImmediate(deps: OrderDependencies, order: Order): Promise<Order> {
  const result = await deps.broker.submit({
    accountId: order.accountId,
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    quantity: order.quantity,
    limitPrice: order.protectionPrice,
    timeInForce: order.timeInForce,
    ...(order.legs
      ? {
          legs: order.legs.map(({ symbol, side, ratio, positionIntent }) => ({
            symbol,
            side,
            ratio,
            positionIntent,
          })),
        }
      : {}),
    ...venueTriggers(order),
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
    // A refused bracket entry never fills: its held exits end with it.
    if (order.exitOrderId)
      await updateOrder(deps.orders, order.accountId, order.exitOrderId, (current) =>
        current.status === 'new'
          ? transition(current, 'canceled', 'its entry was refused by the venue', now)
          : null,
      );
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
