import { apiFunction } from '../../lib/api/api-function';
import {
  toClosePositionDto,
  toConditionsDto,
  toExecutionStatusDto,
  toPlanDto,
  toQuotesDto,
  toSessionDto,
} from '../../lib/api/dto/engine-dto';
import { created, ok } from '../../lib/api/responses';
import {
  cancelStrategyOrders,
  executionStatus,
  pauseSession,
  resumeSession,
  startSession,
  stopSession,
} from '../../lib/app/engine/sessions';
import { getSessionPlan, putSessionPlan } from '../../lib/app/engine/session-plan';
import { closePosition } from '../../lib/app/orders/close-position';
import { watchlistQuotes } from '../../lib/app/engine/watchlist-quotes';
import { chainExpiry } from '../../lib/app/options/option-chain';
import { toChainDto } from '../../lib/api/dto/option-chain-dto';
import { dependencies } from '../shared/dependencies';
import { NotFoundError } from '../../lib/core/errors';
import { engineDependencies } from '../shared/trading-dependencies';

const exitsOf = (exits?: { take_profit?: number; stop_loss?: number; max_hold_minutes?: number }) =>
  exits && {
    ...(exits.take_profit === undefined ? {} : { takeProfit: exits.take_profit }),
    ...(exits.stop_loss === undefined ? {} : { stopLoss: exits.stop_loss }),
    ...(exits.max_hold_minutes === undefined ? {} : { maxHoldMinutes: exits.max_hold_minutes }),
  };

export const handler = apiFunction<'engine'>({
  'GET /api/strategies/execution-status': async ({ principal }) =>
    ok(toExecutionStatusDto(await executionStatus(engineDependencies(), principal.accountId))),
  'POST /api/strategies/start-execution': async ({ principal, body }) =>
    created(
      toSessionDto(
        await startSession(engineDependencies(), principal.accountId, principal.subject, {
          strategies: body.strategies.map((entry) => ({
            configId: entry.config_id,
            ...(entry.allocation === undefined ? {} : { allocation: entry.allocation }),
            ...(entry.exits ? { exits: exitsOf(entry.exits)! } : {}),
          })),
          ...(body.close_on_stop === undefined ? {} : { closeOnStop: body.close_on_stop }),
        }),
      ),
    ),
  'POST /api/strategies/stop-execution': async ({ principal, body }) =>
    ok(
      toSessionDto(
        await stopSession(engineDependencies(), principal.accountId, principal.subject, {
          ...(body?.close_positions === undefined ? {} : { closePositions: body.close_positions }),
          ...(body?.reason === undefined ? {} : { reason: body.reason }),
        }),
      ),
    ),
  'POST /api/strategies/pause': async ({ principal, body }) =>
    ok(
      toSessionDto(
        await pauseSession(engineDependencies(), principal.accountId, principal.subject, body?.config_id),
      ),
    ),
  'POST /api/strategies/resume': async ({ principal, body }) =>
    ok(
      toSessionDto(
        await resumeSession(engineDependencies(), principal.accountId, principal.subject, body?.config_id),
      ),
    ),
  'POST /api/strategies/{id}/cancel-orders': async ({ principal, params }) =>
    ok({ canceled: await cancelStrategyOrders(engineDependencies(), principal.accountId, [params.id]) }),
  'PUT /api/sessions/plan': async ({ principal, body }) =>
    ok(
      toPlanDto(
        await putSessionPlan(engineDependencies(), principal.accountId, principal.subject, {
          ...(body.date === undefined ? {} : { date: body.date }),
          strategies: body.strategies.map((entry) => ({
            configId: entry.config_id,
            allocation: entry.allocation,
            ...(entry.parameters ? { parameters: entry.parameters } : {}),
          })),
          ...(body.close_on_stop === undefined ? {} : { closeOnStop: body.close_on_stop }),
        }),
      ),
    ),
  'GET /api/sessions/plan': async ({ principal, query }) =>
    ok(toPlanDto(await getSessionPlan(engineDependencies(), principal.accountId, query.date))),
  'GET /api/market/conditions': async ({ query }) => {
    const report = await engineDependencies().engine.conditions(query.date);
    if (!report)
      throw new NotFoundError(`a market-conditions report${query.date ? ` for ${query.date}` : ''}`);
    return ok(toConditionsDto(report));
  },
  'GET /api/options/chain': async ({ query }) =>
    ok(toChainDto(await chainExpiry(dependencies().optionChains, query.underlying, query.expiration))),
  'GET /api/market/quotes': async ({ query }) => {
    const symbols = query.symbols?.split(',') ?? dependencies().settings.preMarket.watchlist;
    return ok(toQuotesDto(await watchlistQuotes(engineDependencies(), symbols)));
  },
  'POST /api/positions/{symbol}/close': async ({ principal, params, body }) =>
    ok(
      toClosePositionDto(
        await closePosition(engineDependencies(), principal.accountId, {
          symbol: params.symbol,
          ...(body?.quantity === undefined ? {} : { quantity: body.quantity }),
          ...(body?.client_order_id === undefined ? {} : { clientOrderId: body.client_order_id }),
        }),
      ),
    ),
});
