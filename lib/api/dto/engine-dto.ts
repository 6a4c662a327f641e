import { toPriceTick } from '../../core/money';
import type { WatchlistQuotes } from '../../app/engine/watchlist-quotes';
import { midPrice } from '../../core/market/quote';
import type { ExecutionStatus } from '../../app/engine/sessions';
import type { SessionPlan } from '../../app/ports/engine-store';
import type { ClosePositionResult } from '../../app/orders/close-position';
import type { MarketConditionsReport } from '../../core/engine/market-conditions';
import type { CycleError, CycleSummary, StrategySession } from '../../core/engine/session';
import { toOrderDto } from './order-dto';
import { toSnakeJson } from './snake-case';
import { toPerformanceDto } from './strategy-dto';

const errorDto = (error: CycleError) => ({
  config_id: error.configId ?? null,
  symbol: error.symbol ?? null,
  message: error.message,
});

function toCycleDto(cycle: CycleSummary) {
  return {
    cycle_id: cycle.cycleId,
    at: cycle.at,
    duration_ms: cycle.durationMs,
    strategies_run: cycle.strategiesRun,
    signals: cycle.signals,
    orders: cycle.orders,
    exits: cycle.exits,
    errors: cycle.errors.map(errorDto),
  };
}

export function toSessionDto(session: StrategySession) {
  return {
    session_id: session.sessionId,
    state: session.state,
    close_on_stop: session.closeOnStop,
    start_at: session.startAt ?? null,
    cycles: session.cycles,
    last_cycle: session.lastCycle ? toCycleDto(session.lastCycle) : null,
    errors: session.errors.map((error) => ({ at: error.at, ...errorDto(error) })),
    history: session.history.map((change) => ({ ...change })),
    stop_orders: session.stopOrders ?? [],
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

export function toExecutionStatusDto(status: ExecutionStatus) {
  const acted = status.session?.acted ?? {};
  return {
    session: status.session ? toSessionDto(status.session) : null,
    strategies: status.strategies.map((strategy) => ({
      config_id: strategy.configId,
      version: strategy.version,
      type: strategy.type,
      name: strategy.name,
      symbols: strategy.symbols,
      allocation: strategy.allocation,
      state: strategy.state,
      active_since: strategy.activeSince,
      positions: Object.entries(strategy.positions).map(([symbol, position]) => ({
        symbol,
        quantity: position.quantity,
        average_price: Math.round((position.costBasisCents / position.quantity) * 100) / 10_000,
        opened_at: position.openedAt,
      })),
      open_orders: strategy.openOrders,
      performance: toPerformanceDto(strategy.performance),
      signals: Object.entries(acted)
        .filter(([key]) => key.startsWith(`${strategy.configId}|`))
        .map(([key, signal]) => ({
          symbol: key.slice(strategy.configId.length + 1),
          at: signal.at,
          direction: signal.direction,
          outcome: signal.outcome,
          order_id: signal.orderId ?? null,
          reason: signal.reason ?? null,
        })),
    })),
    recent_cycles: status.recentCycles.map(toCycleDto),
  };
}

export function toPlanDto(plan: SessionPlan) {
  return {
    date: plan.date,
    strategies: plan.strategies.map((entry) => ({
      config_id: entry.configId,
      allocation: entry.allocation,
      parameters: entry.parameters ?? null,
    })),
    close_on_stop: plan.closeOnStop,
    status: plan.status,
    outcome: plan.outcome ?? null,
    session_id: plan.sessionId ?? null,
    updated_at: plan.updatedAt,
    updated_by: plan.updatedBy,
  };
}

export function toConditionsDto(report: MarketConditionsReport) {
  return toSnakeJson(report) as Record<string, unknown>;
}

export function toClosePositionDto(result: ClosePositionResult) {
  return {
    order: toOrderDto(result.order, []),
    realized_pnl: result.realizedPnlCents === null ? null : result.realizedPnlCents / 100,
    remaining_quantity: result.remainingQuantity,
  };
}

export function toQuotesDto(result: WatchlistQuotes) {
  return {
    quotes: result.quotes.map((quote) => {
      const mid = toPriceTick(midPrice(quote));
      return {
        symbol: quote.symbol,
        bid: quote.bid,
        ask: quote.ask,
        last: quote.last,
        mid,
        spread_bps: mid > 0 ? Math.round(((quote.ask - quote.bid) / mid) * 1e6) / 100 : 0,
        at: quote.at.toISOString(),
      };
    }),
    unpriced_symbols: result.unpriced,
  };
}
