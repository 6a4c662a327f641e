import { DomainError, type FieldProblem } from '../../core/errors';
import { commissionCents } from '../../core/execution/commission';
import { marketStatus } from '../../core/market/nyse-calendar';
import { formatDollars, toPriceTick } from '../../core/money';
import {
  isOptionSymbol,
  OPTION_MULTIPLIER,
  type OptionContract,
  parseOccSymbol,
} from '../../core/options/occ-symbol';
import { expiryClose } from '../../core/options/option-chain';
import { netQuote, optionOrderReservationCents, type PositionIntent } from '../../core/options/option-order';
import { newOrder, type Order, type OrderLeg } from '../../core/orders/order';
import { invalidFields } from '../../core/orders/order-rules';
import { type Account, buyingPowerCents, closableContracts } from '../../core/portfolio/account';
import type { Quote } from '../../core/market/quote';
import { reserveForOrder } from '../../core/portfolio/order-exposure';
import { effectiveLimits } from '../../core/risk/limits';
import {
  type OptionRiskOrder,
  optionPreTradeCheck,
  type UnderlyingGreeks,
} from '../../core/risk/option-checks';
import type { PreTradeDecision, PreTradeOrder } from '../../core/risk/pre-trade/types';
import { forSession } from '../../core/risk/account-risk-state';
import { newYorkDate } from '../../core/market/nyse-calendar';
import type { RiskProfile } from '../ports/risk-limits-repository';
import type { OrderDependencies } from '../orders/order-dependencies';
import { newClientOrderId, orderIdFor, requestHash } from '../orders/order-ids';
import { endIfRefused, type PlaceOrderResult, refused, replay, sendImmediate } from '../orders/place-order';
import { updateAccount } from '../orders/retrying';
import { readRiskProfile, recordDecision, rejectionError } from '../risk/pre-trade';
import { accountValue, limitSetOf, withOrderRecorded } from '../risk/risk-context';
import { quoteSymbols } from './position-quotes';
import { type LegQuote, quoteContracts } from './leg-quotes';
import { ensurePaperAccount } from '../use-cases/get-portfolio';

/** An option order after its shape was validated (lib/api/schemas/orders.ts). */
export interface PlaceOptionOrderRequest {
  /** `simple`: one contract (one leg, ratio 1); `mleg`: a spread of two to four legs. */
  orderClass: 'simple' | 'mleg';
  legs: { symbol: string; side: 'buy' | 'sell'; ratio: number; positionIntent?: PositionIntent }[];
  /** Contracts of a single option; units of a spread. */
  quantity: number;
  orderType: 'market' | 'limit';
  /** Per share: a single option's price, or a spread's net — a debit positive, a credit negative. */
  limitPrice?: number;
  clientOrderId?: string;
  strategyId?: string;
  decisionPrice?: number;
  bypassHalt?: boolean;
}

interface Priced {
  account: Account;
  legs: OrderLeg[];
  underlying: string;
  quotes: Map<string, LegQuote>;
  net: { bid: number; ask: number; mid: number };
  /** The worst net per share the order may trade at: its limit, or crossing every leg for a market order. */
  protection: number;
}

/**
 * Places an option order — one contract or a spread — in the equity order's named steps: check it
 * against the chains and the session, price it on the legs' quotes, let the options' risk checks
 * decide, store it (the conditional put is the idempotency check), reserve its worst case on the
 * account (premium and the requirement it adds; the checks run again on the account written),
 * and send it to the venue, which fills every leg or none. A replay of its client order id
 * answers as the first request was answered; a refusal before the order is written writes nothing.
 */
export async function placeOptionOrder(
  deps: OrderDependencies,
  accountId: string,
  request: PlaceOptionOrderRequest,
): Promise<PlaceOrderResult> {
  const clientOrderId = request.clientOrderId ?? newClientOrderId();
  const named = {
    accountId,
    clientOrderId,
    orderId: orderIdFor(accountId, clientOrderId),
    hash: requestHash({ ...request, clientOrderId }),
  };
  const existing = await deps.orders.get(accountId, named.orderId);
  if (existing) return replay(existing, named.hash);
  const profile = await readRiskProfile(deps, accountId);
  const now = deps.clock.now();
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare(deps, named, profile, request, now);
  } catch (error) {
    // A refusal the trader named is kept as a rejected order: a replay is refused the same way.
    if (error instanceof DomainError && error.kind === 'unprocessable' && request.clientOrderId !== undefined)
      await deps.orders.create(refused(orderOf(deps, named, request, null, now), error, now));
    throw error;
  }
  const { order, priced, reservation, riskOrder, recorded, quotes } = prepared;
  const [created] = await Promise.all([deps.orders.create(order), recorded]);
  if (!created) {
    const winner = await deps.orders.get(accountId, named.orderId);
    if (!winner) throw new Error(`order ${named.orderId} vanished after a create conflict`);
    return replay(winner, named.hash);
  }
  await reserveOrReject(deps, order, profile, { priced, request, reservation, riskOrder, quotes }, now);
  return { order: await sendImmediate(deps, order), replayed: false };
}

interface Named {
  accountId: string;
  clientOrderId: string;
  orderId: string;
  hash: string;
}

/** Checks, prices and decides the order: the order to store, or a refusal (thrown) before anything is written. */
async function prepare(
  deps: OrderDependencies,
  named: Named,
  profile: RiskProfile,
  request: PlaceOptionOrderRequest,
  now: Date,
) {
  const priced = await priceOptionOrder(deps, named.accountId, request, now);
  const reservation = (account: Account) => reservationCents(deps, account, priced, request.quantity);
  const quotes = await bookQuotes(deps, priced.account);
  const decided = await decideOption(
    deps,
    profile,
    priced.account,
    priced,
    request,
    reservation(priced.account),
    quotes,
  );
  const riskOrder = auditedOrder(priced, request);
  const recorded = recordDecision(
    deps,
    named.accountId,
    request.bypassHalt ? 'flatten' : 'order',
    riskOrder,
    decided,
    named.orderId,
  );
  if (decided.decision.outcome === 'reject') {
    await recorded;
    throw rejectionError(decided.decision);
  }
  recorded.catch(() => undefined); // awaited with the order's write; this only keeps it from being "unhandled" meanwhile
  return {
    order: orderOf(deps, named, request, priced, now),
    priced,
    reservation,
    riskOrder,
    recorded,
    quotes,
  };
}

/** The order as stored: priced, or (a refusal kept for its client order id) as received, at 0. */
function orderOf(
  deps: OrderDependencies,
  named: Named,
  request: PlaceOptionOrderRequest,
  priced: Priced | null,
  now: Date,
): Order {
  const legs: OrderLeg[] =
    priced?.legs ??
    request.legs.map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      ratio: leg.ratio,
      positionIntent: leg.positionIntent ?? (leg.side === 'buy' ? 'buy_to_open' : 'sell_to_open'),
    }));
  const protection = priced?.protection ?? request.limitPrice ?? 0;
  const first = legs[0]!;
  return newOrder(
    {
      orderId: named.orderId,
      accountId: named.accountId,
      clientOrderId: named.clientOrderId,
      symbol:
        request.orderClass === 'mleg'
          ? (priced?.underlying ?? parseOccSymbol(first.symbol)?.underlying ?? first.symbol)
          : first.symbol,
      side: request.orderClass === 'mleg' ? (protection >= 0 ? 'buy' : 'sell') : first.side,
      quantity: request.quantity,
      orderType: request.orderType,
      ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
      orderClass: request.orderClass,
      legs,
      timeInForce: 'day',
      execution: 'immediate',
      maxSlippageBps: deps.settings.defaultMaxSlippageBps,
      arrivalPrice: priced?.net.mid ?? 0,
      ...(request.decisionPrice === undefined ? {} : { decisionPrice: request.decisionPrice }),
      protectionPrice: priced ? protection : 0,
      ...(request.strategyId ? { strategyId: request.strategyId } : {}),
      requestHash: named.hash,
    },
    now,
    priced
      ? `received; ${describeLegs(legs, request.quantity)} at ${request.limitPrice === undefined ? 'market' : netText(request.limitPrice)}`
      : 'received',
  );
}

/** The request against the chains and the session: its legs, their quotes, the spread's market. */
async function priceOptionOrder(
  deps: OrderDependencies,
  accountId: string,
  request: PlaceOptionOrderRequest,
  now: Date,
): Promise<Priced> {
  const where = fieldOf(request);
  const contracts = validateLegs(request, now);
  const status = marketStatus(now);
  if (!status.isOpen) {
    throw new DomainError(
      'MARKET_CLOSED',
      `The market is closed (next open ${status.nextOpen.toISOString()}); option orders are taken in the regular session only`,
      'unprocessable',
    );
  }
  const underlying = contracts[0]!.underlying;
  const instrument = await deps.instruments.get(underlying);
  if (!instrument?.tradable)
    throw invalidFields([
      { field: where(0, 'symbol'), in: 'body', problem: `${underlying} is not a tradable underlying` },
    ]);
  const { quotes, missing } = await quoteContracts(
    deps.optionChains,
    request.legs.map((leg) => leg.symbol),
  );
  if (missing.length > 0) {
    throw new DomainError(
      'UNKNOWN_CONTRACT',
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in ${underlying}'s option chain now`,
      'unprocessable',
      request.legs
        .map((leg, index) => ({ leg, index }))
        .filter(({ leg }) => missing.includes(leg.symbol))
        .map(({ index }) => ({
          field: where(index, 'symbol'),
          in: 'body' as const,
          problem: 'is not a listed contract of the chain',
        })),
    );
  }
  const account = (await deps.accounts.get(accountId)) ?? (await ensurePaperAccount(deps, accountId));
  const legs: OrderLeg[] = request.legs.map((leg) => ({
    symbol: leg.symbol,
    side: leg.side,
    ratio: leg.ratio,
    positionIntent: leg.positionIntent ?? inferredIntent(account, leg.symbol, leg.side),
  }));
  checkClosable(account, legs, request.quantity, where);
  const market = netQuote(legs, quotes);
  const net = { ...market, mid: toPriceTick((market.bid + market.ask) / 2) };
  if (
    request.limitPrice !== undefined &&
    (request.limitPrice < net.bid - 1e-9 || request.limitPrice > net.ask + 1e-9)
  ) {
    throw invalidFields([
      {
        field: 'price',
        in: 'body',
        problem: `${netText(request.limitPrice)} is outside the market of ${netText(net.bid)} to ${netText(net.ask)} (bid to ask${request.orderClass === 'mleg' ? ', net of every leg' : ''})`,
      },
    ]);
  }
  return { account, legs, underlying, quotes, net, protection: request.limitPrice ?? net.ask };
}

/** Where a leg's field is in the request: `legs[i].field` of a spread, the field itself of one contract. */
function fieldOf(request: PlaceOptionOrderRequest): (index: number, field: string) => string {
  return (index, field) => (request.orderClass === 'mleg' ? `legs[${index}].${field}` : field);
}

/** The legs' shape: OCC symbols not expired, intents that agree with sides, one underlying, no repeats, a price in cents. */
function validateLegs(request: PlaceOptionOrderRequest, now: Date): OptionContract[] {
  const where = fieldOf(request);
  const problems: FieldProblem[] = [];
  const contracts = request.legs.map((leg) => parseOccSymbol(leg.symbol));
  const underlyings = new Set(contracts.map((contract) => contract?.underlying));
  request.legs.forEach((leg, index) => {
    const contract = contracts[index];
    if (!contract || !isOptionSymbol(leg.symbol))
      problems.push({ field: where(index, 'symbol'), in: 'body', problem: 'is not an OCC option symbol' });
    else if (expiryClose(contract.expiry) <= now)
      problems.push({ field: where(index, 'symbol'), in: 'body', problem: `expired on ${contract.expiry}` });
    if (leg.positionIntent && !leg.positionIntent.startsWith(`${leg.side}_`))
      problems.push({
        field: where(index, 'position_intent'),
        in: 'body',
        problem: `does not agree with side ${leg.side}`,
      });
  });
  if (underlyings.size > 1)
    problems.push({ field: 'legs', in: 'body', problem: 'must all be options on one underlying' });
  if (new Set(request.legs.map((leg) => leg.symbol)).size !== request.legs.length)
    problems.push({ field: 'legs', in: 'body', problem: 'must name each contract once' });
  if (
    request.limitPrice !== undefined &&
    Math.abs(Math.round(request.limitPrice * 100) - request.limitPrice * 100) > 1e-6
  )
    problems.push({ field: 'price', in: 'body', problem: 'must be in whole cents (the options tick)' });
  if (problems.length > 0) throw invalidFields(problems);
  return contracts as OptionContract[];
}

/** Legs that close a position close no more contracts than the account holds and no other order is closing. */
function checkClosable(
  account: Account,
  legs: readonly OrderLeg[],
  quantity: number,
  where: (index: number, field: string) => string,
): void {
  legs.forEach((leg, index) => {
    if (!leg.positionIntent.endsWith('_to_close')) return;
    const closable = closableContracts(account, leg.symbol, leg.side);
    if (leg.ratio * quantity > closable) {
      throw new DomainError(
        'INSUFFICIENT_POSITION',
        `Closing ${leg.ratio * quantity} ${leg.symbol} needs that many contracts ${leg.side === 'sell' ? 'long' : 'short'}; ${Math.max(0, closable)} can be closed`,
        'unprocessable',
        [
          {
            field: where(index, 'position_intent'),
            in: 'body',
            problem: 'closes more contracts than are held',
          },
        ],
      );
    }
  });
}

/** What a leg does when the trader did not say: it closes a position it faces, else opens one. */
function inferredIntent(account: Account, symbol: string, side: 'buy' | 'sell'): PositionIntent {
  const held = account.positions[symbol]?.quantity ?? 0;
  if (side === 'sell') return held > 0 ? 'sell_to_close' : 'sell_to_open';
  return held < 0 ? 'buy_to_close' : 'buy_to_open';
}

/** Cash the order holds: its worst case (premium and the requirement it adds) plus the commission on every contract. */
function reservationCents(deps: OrderDependencies, account: Account, priced: Priced, units: number): number {
  const held = Object.values(account.positions).map(({ symbol, quantity }) => ({ symbol, quantity }));
  const worst = optionOrderReservationCents(held, priced.legs, units, priced.protection);
  const contracts = priced.legs.reduce((sum, leg) => sum + leg.ratio * units, 0);
  return worst + commissionCents(deps.settings.optionCommission, contracts, Math.abs(priced.protection));
}

/**
 * Quotes of everything the account holds: `known` ones when they cover it (the decision before
 * the write re-reads only when a fill brought a position in meanwhile).
 */
async function bookQuotes(
  deps: OrderDependencies,
  account: Account,
  known?: Map<string, Quote>,
): Promise<Map<string, Quote>> {
  const held = Object.keys(account.positions);
  return known && held.every((symbol) => known.has(symbol)) ? known : quoteSymbols(deps, held);
}

/** The options' risk checks on the account as given, its positions priced by `quotes`. */
async function decideOption(
  deps: OrderDependencies,
  profile: RiskProfile,
  account: Account,
  priced: Priced,
  request: PlaceOptionOrderRequest,
  reservedCents: number,
  quotes: Map<string, Quote>,
) {
  const now = deps.clock.now();
  const limitSet = limitSetOf(profile, account.accountId, deps.settings);
  const limits = effectiveLimits(limitSet, priced.underlying, request.strategyId);
  const { valuation } = accountValue(account, quotes);
  const risk = forSession(account.risk, newYorkDate(now), valuation.equityCents);
  const greeks = underlyingGreeks(account, priced, request.quantity, quotes);
  const order: OptionRiskOrder = {
    legs: priced.legs,
    quantity: request.quantity,
    underlying: priced.underlying,
    ...(request.strategyId ? { strategyId: request.strategyId } : {}),
    maximumLossDollars: Number.isFinite(reservedCents) ? reservedCents / 100 : Number.POSITIVE_INFINITY,
    ...(request.bypassHalt ? { bypassHalt: true } : {}),
  };
  const inputs = inputsOf(
    profile,
    valuation.equityCents,
    risk.sessionOpenEquityCents,
    account,
    priced,
    greeks,
    reservedCents,
  );
  const decision: PreTradeDecision = Number.isFinite(reservedCents)
    ? optionPreTradeCheck(order, {
        tradingState: profile.tradingState,
        limits,
        equityCents: valuation.equityCents,
        sessionOpenEquityCents: risk.sessionOpenEquityCents,
        lossStreak: {
          account: risk.lossStreak.account.count,
          strategy:
            request.strategyId === undefined
              ? 0
              : (risk.lossStreak.strategies[request.strategyId]?.count ?? 0),
        },
        greeks,
      })
    : {
        outcome: 'reject',
        check: 'options_level',
        code: 'UNCOVERED_CALL',
        detail:
          'The order would leave a short call no long call covers: its loss has no bound, and a cash account cannot secure it',
        field: 'legs',
      };
  return { decision, inputs, limits, equityCents: valuation.equityCents };
}

/** The options' delta (shares) and vega ($ a volatility point) on the order's underlying, now and after it fills. */
function underlyingGreeks(
  account: Account,
  priced: Priced,
  units: number,
  quotes: Map<string, { option?: { underlying: string; delta: number; vega: number } }>,
): UnderlyingGreeks {
  let deltaBefore = 0;
  let vegaBefore = 0;
  for (const position of Object.values(account.positions)) {
    const mark = quotes.get(position.symbol)?.option;
    if (!mark || mark.underlying !== priced.underlying) continue;
    deltaBefore += mark.delta * position.quantity * OPTION_MULTIPLIER;
    vegaBefore += mark.vega * position.quantity; // per 1.00 of volatility per share × 100 shares / 100 points
  }
  let deltaAfter = deltaBefore;
  let vegaAfter = vegaBefore;
  for (const leg of priced.legs) {
    const quote = priced.quotes.get(leg.symbol)!;
    const contracts = (leg.side === 'buy' ? 1 : -1) * leg.ratio * units;
    deltaAfter += quote.delta * contracts * OPTION_MULTIPLIER;
    vegaAfter += quote.vega * contracts;
  }
  return { deltaBefore, deltaAfter, vegaBefore, vegaAfter };
}

/** What the audit log keeps of the inputs an option decision was made on. */
function inputsOf(
  profile: RiskProfile,
  equityCents: number,
  sessionOpenEquityCents: number,
  account: Account,
  priced: Priced,
  greeks: UnderlyingGreeks,
  reservedCents: number,
): Record<string, unknown> {
  return {
    tradingState: profile.tradingState.state,
    equityCents,
    sessionOpenEquityCents,
    buyingPowerCents: buyingPowerCents(account),
    reservedCents,
    net: priced.net,
    greeks,
  };
}

/** The order as the audit log and the rate/duplicate memory record it. */
function auditedOrder(priced: Priced, request: PlaceOptionOrderRequest): PreTradeOrder {
  return {
    symbol: request.orderClass === 'mleg' ? priced.underlying : priced.legs[0]!.symbol,
    side: priced.protection >= 0 ? 'buy' : 'sell',
    quantity: request.quantity,
    orderType: request.orderType,
    ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice }),
    ...(request.strategyId ? { strategyId: request.strategyId } : {}),
    lotSize: 1,
  };
}

/**
 * Holds the order's worst case on the account, deciding again on the account this write
 * replaces (decisive under concurrency: two orders cannot spend the same dollars or close the
 * same contracts). Refused, the stored order ends `rejected` with the reason.
 */
async function reserveOrReject(
  deps: OrderDependencies,
  order: Order,
  profile: RiskProfile,
  decided: {
    priced: Priced;
    request: PlaceOptionOrderRequest;
    reservation: (account: Account) => number;
    riskOrder: PreTradeOrder;
    quotes: Map<string, Quote>;
  },
  now: Date,
): Promise<void> {
  const { priced, request, reservation, riskOrder } = decided;
  try {
    // The greeks and equity are read before the write (they need prices); the write checks money and positions.
    const fresh = (await deps.accounts.get(order.accountId)) ?? priced.account;
    const quotes = await bookQuotes(deps, fresh, decided.quotes);
    const again = await decideOption(deps, profile, fresh, priced, request, reservation(fresh), quotes);
    if (again.decision.outcome === 'reject') throw rejectionError(again.decision);
    await updateAccount(
      deps.accounts,
      order.accountId,
      (current) => {
        if (current.openOrders[order.orderId]) return null; // reserved by an earlier attempt
        const reservedCents = reservation(current);
        if (!Number.isFinite(reservedCents))
          throw new DomainError(
            'UNCOVERED_CALL',
            'The order would leave an uncovered short call',
            'unprocessable',
          );
        const next = reserveForOrder(current, exposureOf(order, priced, reservedCents), now);
        return {
          account: withOrderRecorded(next, riskOrder, again.limits, again.equityCents, now),
          result: true,
        };
      },
      fresh,
    );
  } catch (error) {
    await endIfRefused(deps, order, error);
    throw error;
  }
}

/** What the order holds on the account: its worst case in cash, and the contracts its closing legs close. */
function exposureOf(order: Order, priced: Priced, reservedCents: number) {
  return {
    orderId: order.orderId,
    symbol: order.symbol,
    side: order.side,
    quantity: order.quantity,
    reservedCents,
    reservedQuantity: 0,
    openedAt: order.createdAt,
    legs: priced.legs.map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      ratio: leg.ratio,
      closing: leg.positionIntent.endsWith('_to_close'),
    })),
    ...(order.strategyId ? { strategyId: order.strategyId } : {}),
  };
}

/** A net price as a trader reads it: `2.45 debit`, `1.30 credit`. */
function netText(price: number): string {
  return price < 0
    ? `${formatDollars(-price)} credit`
    : `${formatDollars(price)}${price === 0 ? '' : ' debit'}`;
}

function describeLegs(legs: readonly OrderLeg[], units: number): string {
  return legs.map((leg) => `${leg.side} ${leg.ratio * units} ${leg.symbol}`).join(', ');
}
