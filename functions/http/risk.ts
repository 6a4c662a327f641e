import {
  notificationSettingsOf,
  updateNotificationSettings,
} from '../../lib/app/notifications/notification-settings';
import {
  fromNotificationSettingsBody,
  toNotificationSettingsDto,
} from '../../lib/api/dto/notification-settings-dto';
import { apiFunction } from '../../lib/api/api-function';
import { fromLimitsBody, toLimitsDto } from '../../lib/api/dto/risk-limits-dto';
import { toAlertDto, toRiskOverviewDto, toTradingStateDto } from '../../lib/api/dto/risk-dto';
import { ok } from '../../lib/api/responses';
import { emergencyStop, resetEmergencyStop } from '../../lib/app/risk/emergency-stop';
import { measureRisk } from '../../lib/app/risk/measure-risk';
import { defaultAccountLimits } from '../../lib/app/risk/risk-context';
import { getRiskLimits, updateRiskLimits } from '../../lib/app/risk/risk-limits';
import { dependencies } from '../shared/dependencies';
import { DynamoDbDeliveryLog } from '../../lib/adapters/dynamodb/dynamodb-delivery-log';
import { tableNameFromEnv, TABLES } from '../../lib/adapters/dynamodb/table-specs';
import { riskDependencies } from '../shared/trading-dependencies';

export const handler = apiFunction<'risk'>({
  'GET /api/risk': async ({ principal }) => {
    const deps = riskDependencies();
    const [measures, alerts] = await Promise.all([
      measureRisk(deps, principal.accountId),
      deps.alerts.list(principal.accountId, { limit: 10 }),
    ]);
    return ok(toRiskOverviewDto(measures, alerts));
  },
  'GET /api/risk/limits': async ({ principal }) => {
    const { limits, isDefault } = await getRiskLimits(riskDependencies(), principal.accountId);
    return ok(toLimitsDto(limits, isDefault));
  },
  'PUT /api/risk/limits': async ({ principal, body }) => {
    const deps = { ...riskDependencies(), strategies: dependencies().strategies };
    const change = fromLimitsBody(body, defaultAccountLimits(deps.settings));
    const limits = await updateRiskLimits(deps, principal.accountId, principal.subject, change, body.version);
    return ok(toLimitsDto(limits, false));
  },
  'GET /api/risk/alerts': async ({ principal, query }) => {
    const alerts = await riskDependencies().alerts.list(principal.accountId, {
      limit: query.limit ?? 100,
      ...(query.level === undefined ? {} : { level: query.level }),
    });
    return ok({ alerts: alerts.map(toAlertDto) });
  },
  'GET /api/notifications/settings': async ({ principal }) =>
    ok(
      toNotificationSettingsDto(
        await notificationSettingsOf(dependencies().notificationSettings, principal.accountId),
      ),
    ),
  'PUT /api/notifications/settings': async ({ principal, body }) =>
    ok(
      toNotificationSettingsDto(
        await updateNotificationSettings(
          dependencies().notificationSettings,
          principal.accountId,
          fromNotificationSettingsBody(body),
        ),
      ),
    ),
  'GET /api/notifications/deliveries': async ({ principal, query }) => {
    const deps = dependencies();
    const log = new DynamoDbDeliveryLog(deps.documents, tableNameFromEnv(TABLES.risk, deps.env));
    const deliveries = await log.recent(principal.accountId, query.limit ?? 50);
    return ok({ deliveries: deliveries.map((delivery) => ({ ...delivery, error: delivery.error ?? null })) });
  },
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
      session_paused: result.sessionPaused,
      venue_cancels: {
        results: result.venueCancels.results.map((r) => ({
          client_order_id: r.clientOrderId,
          accepted: r.accepted,
          reason: r.reason ?? null,
        })),
        error: result.venueCancels.error ?? null,
      },
    });
  },
  'GET /api/audit': async ({ principal, query }) => {
    const records = await riskDependencies().audit.list(principal.accountId, { limit: query.limit ?? 100 });
    return ok({ records: records.map(({ accountId: _account, ...record }) => record) });
  },
  'POST /api/risk/emergency-stop/reset': async ({ principal, body }) =>
    ok(
      toTradingStateDto(
        await resetEmergencyStop(riskDependencies(), principal.accountId, principal.subject, body.reason),
      ),
    ),
});
