import { apiFunction } from '../../lib/api/api-function';
import { ok } from '../../lib/api/responses';
import { emergencyStop, resetEmergencyStop } from '../../lib/app/risk/emergency-stop';
import { readTradingState } from '../../lib/app/risk/pre-trade';
import type { TradingState } from '../../lib/core/risk/trading-state';
import { riskDependencies } from '../shared/trading-dependencies';

export const handler = apiFunction<'risk'>({
  'GET /api/risk': async ({ principal }) =>
    ok(toStateDto(await readTradingState(riskDependencies(), principal.accountId))),
  'POST /api/risk/emergency-stop': async ({ principal, body }) => {
    const result = await emergencyStop(riskDependencies(), principal.accountId, principal.subject, {
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      ...(body.flatten === undefined ? {} : { flatten: body.flatten }),
    });
    return ok({
      trading_state: result.state.state,
      reason: result.state.reason,
      orders_canceled: result.ordersCanceled,
      executions_stopped: result.executionsStopped,
      flattened: result.flattened.map((f) => ({
        symbol: f.symbol,
        quantity: f.quantity,
        order_id: f.orderId ?? null,
        error: f.error ?? null,
      })),
    });
  },
  'GET /api/audit': async ({ principal, query }) => {
    const records = await riskDependencies().audit.list(principal.accountId, { limit: query.limit ?? 100 });
    return ok({ records: records.map(({ accountId: _account, ...record }) => record) });
  },
  'POST /api/risk/emergency-stop/reset': async ({ principal, body }) =>
    ok(
      toStateDto(
        await resetEmergencyStop(riskDependencies(), principal.accountId, principal.subject, body.reason),
      ),
    ),
});

function toStateDto(state: TradingState) {
  return {
    trading_state: state.state,
    reason: state.reason,
    changed_at: state.changedAt,
    changed_by: state.changedBy,
  };
}
