import type { RiskMeasures } from '../../app/risk/measure-risk';
import type { RiskAlert } from '../../core/risk/alerts';
import type { TradingState } from '../../core/risk/trading-state';

const dollars = (cents: number) => Math.round(cents) / 100;
const money = (value: number) => Math.round(value * 100) / 100;
const ratio = (value: number) => (Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : 1e6);

export function toTradingStateDto(state: TradingState) {
  return {
    trading_state: state.state,
    reason: state.reason,
    changed_at: state.changedAt,
    changed_by: state.changedBy,
  };
}

export function toAlertDto(alert: RiskAlert) {
  return {
    alert_id: alert.alertId,
    level: alert.level,
    code: alert.code,
    message: alert.message,
    at: alert.at,
    limit: alert.limit ?? null,
    utilization: alert.utilization === undefined ? null : ratio(alert.utilization),
  };
}

export function toRiskOverviewDto(measures: RiskMeasures, alerts: readonly RiskAlert[]) {
  const { limits } = measures;
  return {
    ...toTradingStateDto(measures.tradingState),
    as_of: measures.at,
    equity: dollars(measures.equityCents),
    daily_pnl: {
      session_open_equity: dollars(measures.sessionOpenEquityCents),
      pnl: dollars(measures.dailyPnlCents),
      loss_limit: limits.dailyLossLimit,
      utilization: ratio(measures.dailyLossUtilization),
      drawdown_pct: ratio(measures.drawdownFraction * 100),
    },
    var: {
      horizon_days: 1 as const,
      history_days: measures.var.days,
      historical: {
        var_95: money(measures.var.historical95),
        var_99: money(measures.var.historical99),
        cvar_95: money(measures.var.cvar95),
        cvar_99: money(measures.var.cvar99),
      },
      parametric: { var_95: money(measures.var.parametric95), var_99: money(measures.var.parametric99) },
      full_revaluation: measures.var.fullRevaluation
        ? {
            var_95: money(measures.var.fullRevaluation.var95),
            var_99: money(measures.var.fullRevaluation.var99),
            cvar_95: money(measures.var.fullRevaluation.cvar95),
            cvar_99: money(measures.var.fullRevaluation.cvar99),
            worst: money(measures.var.fullRevaluation.worst),
            scenarios: measures.var.fullRevaluation.scenarios,
          }
        : null,
      limit: money(limits.maxVarFraction * dollars(measures.equityCents)),
      utilization: ratio(measures.varUtilization),
    },
    book: {
      symbols: measures.book.symbols,
      correlation: measures.book.correlation.map((row) => row.map((value) => Math.round(value * 1e4) / 1e4)),
      diversification_ratio: Math.round(measures.book.diversificationRatio * 1e4) / 1e4,
      var_95: money(measures.book.var95),
      by_symbol: measures.book.bySymbol.map((part) => ({
        symbol: part.symbol,
        component_var_95: money(part.component),
        marginal_var_95: Math.round(part.marginal * 1e6) / 1e6,
      })),
      by_strategy: measures.book.byStrategy.map((part) => ({
        strategy_id: part.strategyId,
        component_var_95: money(part.component),
      })),
      beta: measures.book.beta && { ...measures.book.beta, dollars: money(measures.book.beta.dollars) },
    },
    exposure: {
      gross: dollars(measures.grossExposureCents),
      by_symbol: measures.exposures.map((exposure) => ({
        symbol: exposure.symbol,
        sector: exposure.sector,
        quantity: exposure.quantity,
        market_value: dollars(exposure.marketValueCents),
        weight: ratio(exposure.weight),
        concentration_limit: exposure.concentrationLimit,
        utilization: ratio(exposure.utilization),
      })),
      by_sector: measures.sectors.map((sector) => ({
        sector: sector.sector,
        market_value: dollars(sector.marketValueCents),
        weight: ratio(sector.weight),
      })),
    },
    losing_streak: {
      account: measures.lossStreak.account,
      by_strategy: measures.lossStreak.strategies,
      limit: limits.maxConsecutiveLosses,
      action: limits.consecutiveLossAction,
    },
    order_rate: {
      in_window: measures.ordersInWindow,
      limit: limits.maxOrdersPerWindow,
      window_seconds: limits.orderWindowSeconds,
    },
    breaches: measures.breaches,
    limits_version: measures.limitSet.version,
    recent_alerts: alerts.map(toAlertDto),
  };
}
