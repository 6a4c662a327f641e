import { formatDollars } from '../../core/money';
import { utilizationStep } from '../../core/risk/alerts';
import { newYorkDate } from '../../core/market/nyse-calendar';
import { forSession } from '../../core/risk/account-risk-state';
import type { OrderDependencies } from '../orders/order-dependencies';
import { updateAccount } from '../orders/retrying';
import { setTradingState } from './emergency-stop';
import { measureRisk, type RiskMeasures } from './measure-risk';
import { raiseAlert } from './raise-alert';
import type { RiskMetricName } from './risk-alarms';

export type RiskMetrics = Record<RiskMetricName, number>;

/**
 * One run of the risk monitor (every minute in AWS, on the local host's timer): measures every
 * account, raises an alert the first time in a session a limit reaches 50/75/90/100 %, trips
 * the account-wide losing-streak breaker (REDUCING), and returns the metrics to publish — per
 * account and the worst across accounts, which the alarms watch.
 */
export async function monitorRisk(
  deps: OrderDependencies,
): Promise<{ accounts: { accountId: string; metrics: RiskMetrics }[]; worst: RiskMetrics }> {
  const accounts: { accountId: string; metrics: RiskMetrics }[] = [];
  for (const accountId of await deps.accounts.listAccountIds()) {
    const measures = await measureRisk(deps, accountId);
    await rememberSessionOpen(deps, measures);
    await deps.equitySnapshots.record(accountId, {
      date: newYorkDate(new Date(measures.at)),
      equityCents: measures.equityCents,
    });
    await raiseLimitAlerts(deps, measures);
    await tripLosingStreakBreaker(deps, measures);
    accounts.push({ accountId, metrics: metricsOf(measures) });
  }
  const worst = {
    DailyPnl: Math.min(0, ...accounts.map((a) => a.metrics.DailyPnl)),
    DailyLossLimitUtilization: Math.max(0, ...accounts.map((a) => a.metrics.DailyLossLimitUtilization)),
    DrawdownPercent: Math.max(0, ...accounts.map((a) => a.metrics.DrawdownPercent)),
    VarLimitUtilization: Math.max(0, ...accounts.map((a) => a.metrics.VarLimitUtilization)),
    MaxConcentrationUtilization: Math.max(0, ...accounts.map((a) => a.metrics.MaxConcentrationUtilization)),
    LimitBreaches: accounts.reduce((sum, a) => sum + a.metrics.LimitBreaches, 0),
  };
  return { accounts, worst };
}

function metricsOf(measures: RiskMeasures): RiskMetrics {
  const percent = (fraction: number) => Math.round(fraction * 10_000) / 100;
  return {
    DailyPnl: measures.dailyPnlCents / 100,
    DailyLossLimitUtilization: percent(measures.dailyLossUtilization),
    DrawdownPercent: percent(measures.drawdownFraction),
    VarLimitUtilization: percent(Number.isFinite(measures.varUtilization) ? measures.varUtilization : 10),
    MaxConcentrationUtilization: percent(measures.maxConcentrationUtilization),
    LimitBreaches: measures.breaches.length,
  };
}

async function raiseLimitAlerts(deps: OrderDependencies, measures: RiskMeasures): Promise<void> {
  const session = newYorkDate(new Date(measures.at));
  const { limits } = measures;
  const watched = [
    {
      limit: 'daily_loss',
      code: 'DAILY_LOSS_LIMIT',
      utilization: measures.dailyLossUtilization,
      what: `Loss since the open ${formatDollars(Math.max(0, -measures.dailyPnlCents) / 100)} of the ${formatDollars(limits.dailyLossLimit)} daily limit`,
    },
    {
      limit: 'var',
      code: 'VAR_LIMIT',
      utilization: measures.varUtilization,
      what: `1-day 95% VaR ${formatDollars(measures.var.parametric95)} against a limit of ${limits.maxVarFraction * 100}% of equity`,
    },
    {
      limit: 'order_rate',
      code: 'ORDER_RATE_EXCEEDED',
      utilization: measures.ordersInWindow / limits.maxOrdersPerWindow,
      what: `${measures.ordersInWindow} orders in the last ${limits.orderWindowSeconds} s of ${limits.maxOrdersPerWindow} allowed`,
    },
    {
      limit: 'consecutive_losses',
      code: 'CONSECUTIVE_LOSSES',
      utilization: measures.lossStreak.account / limits.maxConsecutiveLosses,
      what: `${measures.lossStreak.account} losing trades in a row of ${limits.maxConsecutiveLosses}`,
    },
    ...measures.exposures.map((exposure) => ({
      limit: `concentration:${exposure.symbol}`,
      code: 'CONCENTRATION_LIMIT',
      utilization: exposure.utilization,
      what: `${exposure.symbol} is ${(exposure.weight * 100).toFixed(1)}% of equity (limit ${exposure.concentrationLimit * 100}%)`,
    })),
  ];
  for (const item of watched) {
    const step = utilizationStep(item.utilization);
    if (!step) continue;
    await raiseAlert(deps, {
      accountId: measures.accountId,
      alertId: `${session}#${item.limit}#${step.threshold}`,
      level: step.level,
      code: item.code,
      message: `${item.what}: ${Math.round(item.utilization * 100)}% used (${step.threshold * 100}% step)`,
      at: measures.at,
      limit: item.limit,
      utilization: item.utilization,
    });
  }
}

/**
 * The first measurement of a session fixes the session-open equity on the account (the daily
 * loss limit counts from it); the first order of the session does the same if it comes first.
 */
async function rememberSessionOpen(deps: OrderDependencies, measures: RiskMeasures): Promise<void> {
  const session = newYorkDate(new Date(measures.at));
  await updateAccount(
    deps.accounts,
    measures.accountId,
    (account) =>
      account.risk?.session === session
        ? null
        : {
            account: {
              ...account,
              risk: forSession(account.risk, session, measures.equityCents),
              version: account.version + 1,
            },
            result: true,
          },
    measures.account,
  );
}

/** N losing trades in a row with the account-wide action: the account may only reduce, durably. */
async function tripLosingStreakBreaker(deps: OrderDependencies, measures: RiskMeasures): Promise<void> {
  const { limits } = measures;
  if (
    limits.consecutiveLossAction !== 'reduce_account' ||
    measures.lossStreak.account < limits.maxConsecutiveLosses ||
    measures.tradingState.state !== 'ACTIVE'
  ) {
    return;
  }
  const reason = `${measures.lossStreak.account} losing trades in a row (limit ${limits.maxConsecutiveLosses})`;
  const { before, after } = await setTradingState(
    deps,
    measures.accountId,
    'REDUCING',
    reason,
    'risk-monitor',
  );
  await deps.audit.append({
    accountId: measures.accountId,
    at: measures.at,
    actor: 'risk-monitor',
    action: 'circuit_breaker',
    before,
    after,
  });
  await raiseAlert(deps, {
    accountId: measures.accountId,
    alertId: `${measures.at}#circuit_breaker`,
    level: 'critical',
    code: 'CONSECUTIVE_LOSSES',
    message: `Circuit breaker: ${reason}; the account may only reduce positions until an administrator resets it`,
    at: measures.at,
  });
}
