/*
 * The cycle's options strategies: their spreads entered as one multi-leg order, held, and closed
 * as one when the strategy's profit target, loss limit or days-to-expiry say so.
 */
import { newYorkDate } from '../../core/market/nyse-calendar';
import { OPTION_MULTIPLIER, parseOccSymbol } from '../../core/options/occ-symbol';
import { expiryClose } from '../../core/options/option-chain';
import { optionExitReason, type OptionExitRules } from '../../core/engine/option-exits';
import { actedKey, type SessionStrategy } from '../../core/engine/session';
import type { Signal } from '../../core/strategies/strategy';
import { derivedClientOrderId } from '../orders/order-ids';
import { placeOptionClosingOrder } from '../orders/closing-order';
import { commonUnits } from '../../core/options/option-order';
import { placeOptionOrder } from '../options/place-option-order';
import { type CycleContext, sendOnce, signalOutcome, type SymbolOutcome } from './act-on-signals';

const DAY_MS = 86_400_000;

/**
 * One options strategy on one underlying: a held spread is watched for its exits (and closed
 * whole); with none held and none working, the strategy's newest entry signal is sent as one
 * order — at most once a day for the same contracts, so a refusal is not retried every cycle.
 */
export async function actOnOptions(
  context: CycleContext,
  strategy: SessionStrategy,
  underlying: string,
  signal: Signal | null,
  rules: OptionExitRules,
): Promise<SymbolOutcome> {
  const { account, session, now } = context;
  const working = Object.values(account.openOrders).some(
    (exposure) => exposure.strategyId === strategy.configId && exposure.legs !== undefined,
  );
  if (working) return {};
  const held = heldLegs(context, strategy, underlying);
  if (held.length > 0) return exitIfDue(context, strategy, underlying, held, rules);
  if (!signal?.legs || signal.direction === 'flat') return {};
  if (session.acted[actedKey(strategy.configId, underlying)]?.at === signal.at) return {};
  const units = commonUnits(signal.legs.map((leg) => leg.quantity));
  const legs = signal.legs.map((leg) => ({
    symbol: leg.symbol,
    side: leg.quantity > 0 ? ('buy' as const) : ('sell' as const),
    ratio: Math.abs(leg.quantity) / units,
    positionIntent: leg.quantity > 0 ? ('buy_to_open' as const) : ('sell_to_open' as const),
  }));
  const contracts = legs.map((leg) => leg.symbol).sort();
  const clientOrderId = derivedClientOrderId(
    's',
    session.sessionId,
    strategy.configId,
    ...contracts,
    newYorkDate(now),
  );
  const result = await sendOnce(context, strategy, underlying, clientOrderId, () =>
    placeOptionOrder(context.deps, session.accountId, {
      orderClass: legs.length > 1 ? 'mleg' : 'simple',
      legs,
      quantity: units,
      orderType: 'market',
      clientOrderId,
      strategyId: strategy.configId,
    }),
  );
  return signalOutcome(signal, result);
}

interface HeldLeg {
  symbol: string;
  quantity: number;
  costBasisCents: number;
  openedAt: string;
  expiry: string;
}

/** The option legs the strategy holds on the underlying (its own fills, within what the account holds). */
function heldLegs(context: CycleContext, strategy: SessionStrategy, underlying: string): HeldLeg[] {
  const book = context.account.strategyPositions?.[strategy.configId] ?? {};
  const legs: HeldLeg[] = [];
  for (const [symbol, position] of Object.entries(book)) {
    const contract = parseOccSymbol(symbol);
    const inAccount = context.account.positions[symbol]?.quantity ?? 0;
    if (
      !contract ||
      contract.underlying !== underlying ||
      Math.sign(inAccount) !== Math.sign(position.quantity)
    )
      continue;
    legs.push({
      symbol,
      quantity: position.quantity,
      costBasisCents: position.costBasisCents,
      openedAt: position.openedAt,
      expiry: contract.expiry,
    });
  }
  return legs.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
}

/** Closes the held spread in one order when its exit rule fires. */
async function exitIfDue(
  context: CycleContext,
  strategy: SessionStrategy,
  underlying: string,
  held: readonly HeldLeg[],
  rules: OptionExitRules,
): Promise<SymbolOutcome> {
  const { quotes, now, session } = context;
  // Valued at what closing it would fetch (longs at the bid, shorts at the ask): a profit target
  // is the profit the exit keeps, not a mark the spread cannot be closed at.
  let valueCents = 0;
  for (const leg of held) {
    const quote = quotes.get(leg.symbol);
    if (!quote)
      return {
        error: { configId: strategy.configId, symbol: underlying, message: `no quote for ${leg.symbol}` },
      };
    const price = leg.quantity > 0 ? quote.bid : quote.ask;
    valueCents += Math.round(price * leg.quantity * OPTION_MULTIPLIER * 100);
  }
  const costCents = held.reduce((sum, leg) => sum + leg.costBasisCents, 0);
  const daysToExpiry = Math.min(
    ...held.map((leg) => (expiryClose(leg.expiry).getTime() - now.getTime()) / DAY_MS),
  );
  const reason = optionExitReason(rules, { costCents, valueCents, daysToExpiry });
  if (!reason) return {};
  const openedAt = held.map((leg) => leg.openedAt).sort()[0]!;
  const clientOrderId = derivedClientOrderId('x', session.sessionId, strategy.configId, underlying, openedAt);
  const legs = held.map((leg) => ({ symbol: leg.symbol, held: leg.quantity }));
  const result = await sendOnce(context, strategy, underlying, clientOrderId, () =>
    placeOptionClosingOrder(
      context.deps,
      session.accountId,
      { legs, units: commonUnits(legs.map((leg) => leg.held)) },
      { clientOrderId, strategyId: strategy.configId },
    ),
  );
  return {
    ...(result.error ? { error: { ...result.error, message: `${reason}: ${result.error.message}` } } : {}),
    exited: result.ordered && !result.replayed,
  };
}
