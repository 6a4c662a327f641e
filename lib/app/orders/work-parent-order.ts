import type { PreTradeOrder } from '../../core/risk/pre-trade/types';
import { SLICE_CHECKS } from '../../core/risk/pre-trade/pre-trade-check';
import { decide, decisionInputs, recordDecision } from '../risk/pre-trade';
import { marketSnapshot } from '../risk/risk-context';
import { ICEBERG_MAX_STEPS, icebergPollSeconds, nextIcebergClip } from '../../core/execution/iceberg-planner';
import { nextTwapChildQuantity, planTwap } from '../../core/execution/twap-planner';
import { NotFoundError } from '../../core/errors';
import { marketStatus } from '../../core/market/nyse-calendar';
import { newOrder, type Order } from '../../core/orders/order';
import { isTerminal, transition } from '../../core/orders/order-lifecycle';
import { cancelChildren } from './cancel-order';
import { finalizeIfDone } from './finalize-order';
import type { OrderDependencies } from './order-dependencies';
import { childOrderId } from './order-ids';
import { updateOrder } from './retrying';

/** Input of every workflow step: which parent to work. */
export interface WorkInput {
  account_id: string;
  order_id: string;
}

/** The TWAP schedule for the state machine's Map: one item per slice, with the wait before it. */
export async function planTwapWork(deps: OrderDependencies, input: WorkInput) {
  const parent = await load(deps, input);
  const lot = (await deps.instruments.get(parent.symbol))?.lotSize ?? 1;
  const plan = planTwap(parent.quantity, parent.twap?.slices ?? 1, parent.twap?.durationSeconds ?? 0, lot);
  return {
    slices: plan.map((slice) => ({
      ...input,
      index: slice.index,
      slice_count: plan.length,
      wait_seconds: slice.waitSeconds,
    })),
  };
}

/**
 * One TWAP slice: re-checks the parent, sizes the child to catch up with the schedule (so the
 * parent never over- or under-fills), then sends it as an immediate-or-cancel marketable limit
 * at the parent's protection price. Safe to retry: the child's id is `{parent}-{n}`.
 */
export async function runTwapSlice(
  deps: OrderDependencies,
  input: WorkInput & { index: number; slice_count: number },
) {
  const parent = await load(deps, input);
  if (!isActive(parent) || !marketStatus(deps.clock.now()).isOpen)
    return { sent: 0, reason: 'parent not active or market closed' };
  const children = await deps.orders.children(parent.accountId, parent.orderId);
  const existing = children.find((child) => child.childIndex === input.index);
  const lot = (await deps.instruments.get(parent.symbol))?.lotSize ?? 1;
  const quantity =
    existing?.quantity ??
    nextTwapChildQuantity({
      quantity: parent.quantity,
      sliceCount: input.slice_count,
      index: input.index,
      filledQuantity: finishedFills(children),
      workingQuantity: workingQuantity(children),
      lotSize: lot,
    });
  if (quantity === 0) return { sent: 0, reason: 'on schedule' };
  const sent = await sendChild(deps, parent, input.index, quantity, 'ioc');
  return { sent: sent ? quantity : 0 };
}

/** After the last slice: the parent ends when its children have. */
export async function finishParentWork(deps: OrderDependencies, input: WorkInput) {
  const parent = await updateOrder(deps.orders, input.account_id, input.order_id, (current) =>
    current.workComplete
      ? null
      : { ...current, workComplete: true, updatedAt: deps.clock.now().toISOString() },
  );
  const final = await finalizeIfDone(deps, parent);
  return { status: final.status };
}

/**
 * One look at an iceberg: if no clip is working, shows the next one (the display quantity, or
 * what is left) as a day limit at the protection price. Returns whether the work is done, how
 * many looks have been taken, and how long to wait before the next (icebergPollSeconds: within
 * the execution's history budget until the close). At the close the parent's day is over: its
 * working clip is cancelled and the parent ends with what it filled; so does a parent whose
 * looks are used up.
 */
export async function runIcebergStep(deps: OrderDependencies, input: WorkInput & { steps?: number }) {
  const steps = (input.steps ?? 0) + 1;
  const parent = await load(deps, input);
  if (!isActive(parent)) return { done: true, wait_seconds: 0, steps };
  const children = await deps.orders.children(parent.accountId, parent.orderId);
  const clip = nextIcebergClip({
    quantity: parent.quantity,
    filledQuantity: finishedFills(children),
    workingQuantity: workingQuantity(children),
    displayQuantity: parent.iceberg?.displayQuantity ?? parent.quantity,
    lotSize: (await deps.instruments.get(parent.symbol))?.lotSize ?? 1,
  });
  const committed = finishedFills(children) + workingQuantity(children);
  if (clip === 0 && committed >= parent.quantity && workingQuantity(children) === 0) {
    await finishParentWork(deps, input);
    return { done: true, wait_seconds: 0, steps };
  }
  const now = deps.clock.now();
  const market = marketStatus(now);
  if (!market.isOpen || steps >= ICEBERG_MAX_STEPS) {
    await endIcebergDay(deps, parent, children);
    return { done: true, wait_seconds: 0, steps };
  }
  if (clip > 0) await sendChild(deps, parent, children.length + 1, clip, 'day');
  const secondsToClose = (market.nextClose.getTime() - now.getTime()) / 1000;
  return { done: false, wait_seconds: icebergPollSeconds({ secondsToClose, stepsTaken: steps }), steps };
}

/** The iceberg's day is over: its working clips are cancelled at the venue and the parent ends when they have. */
async function endIcebergDay(deps: OrderDependencies, parent: Order, children: readonly Order[]) {
  await cancelChildren(deps, parent.accountId, children, 'the session closed before the clip was sent');
  await finishParentWork(deps, { account_id: parent.accountId, order_id: parent.orderId });
}

/**
 * Creates child `index` (or finds it, on a retry), claims it (`new` → `accepted`, a
 * conditional write a concurrent cancel cannot also win), checks the parent once more, and
 * only then sends it. Returns whether it was sent.
 */
async function sendChild(
  deps: OrderDependencies,
  parent: Order,
  index: number,
  quantity: number,
  timeInForce: 'ioc' | 'day',
): Promise<boolean> {
  const orderId = await createChild(deps, parent, index, quantity, timeInForce);
  if (!(await claimChild(deps, parent.accountId, orderId))) return false;
  const latestParent = await deps.orders.get(parent.accountId, parent.orderId);
  const halted =
    latestParent && isActive(latestParent) ? await sliceRefusal(deps, latestParent, quantity) : null;
  if (halted?.stopsParent) await stopParent(deps, parent, halted.reason);
  if (!latestParent || !isActive(latestParent) || halted) {
    await withdrawChild(
      deps,
      latestParent ?? parent,
      orderId,
      halted ? `not sent: ${halted.reason}` : 'parent canceled before the slice was sent',
    );
    return false;
  }
  const result = await deps.broker.submit({
    accountId: parent.accountId,
    orderId,
    clientOrderId: orderId,
    parentId: parent.orderId,
    symbol: parent.symbol,
    side: parent.side,
    quantity,
    limitPrice: parent.protectionPrice,
    timeInForce,
  });
  if (result.status === 'rejected') {
    const rejected = await updateOrder(deps.orders, parent.accountId, orderId, (current) =>
      isTerminal(current.status)
        ? null
        : transition(current, 'rejected', `venue: ${result.reason}`, deps.clock.now()),
    );
    await finalizeIfDone(deps, rejected);
    return false;
  }
  return true;
}

/** Child `index` of the parent, stored (found, on a retry) and counted on the parent; its id. */
async function createChild(
  deps: OrderDependencies,
  parent: Order,
  index: number,
  quantity: number,
  timeInForce: 'ioc' | 'day',
): Promise<string> {
  const orderId = childOrderId(parent.orderId, index);
  const child = newOrder(
    {
      orderId,
      accountId: parent.accountId,
      clientOrderId: orderId,
      parentId: parent.orderId,
      childIndex: index,
      symbol: parent.symbol,
      side: parent.side,
      quantity,
      orderType: 'limit',
      limitPrice: parent.protectionPrice,
      timeInForce,
      execution: 'immediate',
      maxSlippageBps: parent.maxSlippageBps,
      arrivalPrice: parent.arrivalPrice,
      protectionPrice: parent.protectionPrice,
      ...(parent.strategyId ? { strategyId: parent.strategyId } : {}),
      requestHash: parent.requestHash,
    },
    deps.clock.now(),
    `slice ${index} of ${parent.orderId}`,
  );
  if (await deps.orders.create(child)) {
    await updateOrder(deps.orders, parent.accountId, parent.orderId, (current) =>
      current.childCount >= index ? null : { ...current, childCount: index },
    );
  }
  return orderId;
}

/** Claims a new child for sending (`new` → `accepted`): false when another step or a cancel has it. */
async function claimChild(deps: OrderDependencies, accountId: string, orderId: string): Promise<boolean> {
  let claimed = false;
  await updateOrder(deps.orders, accountId, orderId, (current) => {
    claimed = false;
    if (current.status !== 'new') return null;
    claimed = true;
    return transition(current, 'accepted', 'sent to the venue', deps.clock.now());
  });
  return claimed;
}

/** A claimed child that may not go out: a venue tombstone (a late submit is refused), then canceled. */
async function withdrawChild(deps: OrderDependencies, parent: Order, orderId: string, reason: string) {
  await deps.broker.cancel(parent.accountId, orderId);
  await updateOrder(deps.orders, parent.accountId, orderId, (current) =>
    isTerminal(current.status) ? null : transition(current, 'canceled', reason, deps.clock.now()),
  );
  await finalizeIfDone(deps, parent);
}

/**
 * Why this slice may not go out now, or null: the slice checks of the risk engine on the
 * current account (fail closed: an unreadable state refuses). A refusal other than the halt —
 * which the emergency stop handles itself — also stops the parent: its remaining slices would
 * meet the same refusal.
 */
async function sliceRefusal(
  deps: OrderDependencies,
  parent: Order,
  quantity: number,
): Promise<{ reason: string; stopsParent: boolean } | null> {
  let profile;
  try {
    profile = await deps.riskLimits.profile(parent.accountId);
  } catch {
    return { reason: 'the trading state could not be read', stopsParent: false };
  }
  if (profile.tradingState.state === 'HALTED') {
    return { reason: `trading halted (${profile.tradingState.reason})`, stopsParent: false };
  }
  const account = await deps.accounts.get(parent.accountId);
  const instrument = await deps.instruments.get(parent.symbol);
  if (!account || !instrument) return { reason: 'the account or instrument is gone', stopsParent: true };
  const now = deps.clock.now();
  const order: PreTradeOrder = {
    symbol: parent.symbol,
    side: parent.side,
    quantity,
    orderType: 'limit',
    limitPrice: parent.protectionPrice,
    ...(parent.strategyId ? { strategyId: parent.strategyId } : {}),
    lotSize: instrument.lotSize,
  };
  const snapshot = await marketSnapshot(deps, account, parent.symbol, now);
  if (!snapshot.quotes.has(parent.symbol))
    return { reason: `no quote for ${parent.symbol}`, stopsParent: false };
  const decided = decide(deps, {
    account,
    profile,
    order,
    snapshot,
    now,
    buyCostCents: () => 0, // the parent's reservation pays for its slices
    checks: SLICE_CHECKS,
  });
  if (decided.decision.outcome !== 'reject') return null;
  await recordDecision(
    deps,
    parent.accountId,
    'slice',
    order,
    { decision: decided.decision, inputs: decisionInputs(decided.context) },
    parent.orderId,
  );
  return { reason: `${decided.decision.code}: ${decided.decision.detail}`, stopsParent: true };
}

/** Ends the parent's work after a risk refusal: pending_cancel, so no further slice is planned. */
async function stopParent(deps: OrderDependencies, parent: Order, reason: string): Promise<void> {
  await updateOrder(deps.orders, parent.accountId, parent.orderId, (current) =>
    isTerminal(current.status) || current.status === 'pending_cancel'
      ? null
      : transition(current, 'pending_cancel', `risk: ${reason}`, deps.clock.now()),
  );
}

function isActive(order: Order): boolean {
  return !isTerminal(order.status) && order.status !== 'pending_cancel' && !order.workComplete;
}

/*
 * What a parent has committed is read from its children alone — never mixed with the parent's
 * own filled total, which is updated in a separate write and may lag or lead them. A child
 * still working counts in full (it may yet fill completely); a finished child counts what it
 * filled. So a slice can never be sized on a half-applied fill.
 */
function workingQuantity(children: readonly Order[]): number {
  return children
    .filter((child) => !isTerminal(child.status))
    .reduce((sum, child) => sum + child.quantity, 0);
}

function finishedFills(children: readonly Order[]): number {
  return children
    .filter((child) => isTerminal(child.status))
    .reduce((sum, child) => sum + child.filledQuantity, 0);
}

async function load(deps: OrderDependencies, input: WorkInput): Promise<Order> {
  const order = await deps.orders.get(input.account_id, input.order_id);
  if (!order) throw new NotFoundError(`order ${input.order_id}`);
  return order;
}
