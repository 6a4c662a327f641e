import { apiFunction } from '../../lib/api/api-function';
import {
  toSignalDto,
  toStrategyConfigDto,
  toStrategyDetailDto,
  toStrategyTypeDto,
  toTemplateDto,
} from '../../lib/api/dto/strategy-dto';
import { created, ok } from '../../lib/api/responses';
import { latestSignals } from '../../lib/app/strategies/latest-signals';
import {
  createStrategyConfig,
  getStrategyConfig,
  updateStrategyConfig,
} from '../../lib/app/strategies/strategy-configs';
import { STRATEGY_TYPES } from '../../lib/core/strategies/registry';
import { STRATEGY_TEMPLATES } from '../../lib/core/strategies/templates';
import { strategyDependencies } from '../shared/dependencies';

export const handler = apiFunction<'strategies'>({
  'GET /api/strategies': async ({ principal }) => {
    const configurations = await strategyDependencies().strategies.list(principal.accountId);
    return ok({
      types: STRATEGY_TYPES.map(toStrategyTypeDto),
      configurations: configurations
        .sort((a, b) => a.name.localeCompare(b.name) || a.configId.localeCompare(b.configId))
        .map(toStrategyConfigDto),
    });
  },
  'POST /api/strategies/create': async ({ principal, body }) =>
    created(
      toStrategyConfigDto(
        await createStrategyConfig(strategyDependencies(), principal.accountId, principal.subject, {
          name: body.name,
          ...(body.type === undefined ? {} : { type: body.type }),
          ...(body.template_id === undefined ? {} : { templateId: body.template_id }),
          ...(body.parameters === undefined ? {} : { parameters: body.parameters }),
          ...(body.symbols === undefined ? {} : { symbols: body.symbols }),
          ...(body.note === undefined ? {} : { note: body.note }),
        }),
      ),
    ),
  'GET /api/strategies/templates': async () => ok({ templates: STRATEGY_TEMPLATES.map(toTemplateDto) }),
  'GET /api/strategies/{id}': async ({ principal, params, query }) =>
    ok(
      toStrategyDetailDto(
        await getStrategyConfig(strategyDependencies(), principal.accountId, params.id, query.version),
      ),
    ),
  'PUT /api/strategies/{id}': async ({ principal, params, body }) =>
    ok(
      toStrategyConfigDto(
        await updateStrategyConfig(
          strategyDependencies(),
          principal.accountId,
          principal.subject,
          params.id,
          {
            note: body.note,
            ...(body.name === undefined ? {} : { name: body.name }),
            ...(body.parameters === undefined ? {} : { parameters: body.parameters }),
            ...(body.symbols === undefined ? {} : { symbols: body.symbols }),
            ...(body.archived === undefined ? {} : { archived: body.archived }),
          },
          body.version,
        ),
      ),
    ),
  'GET /api/signals': async ({ principal, query }) => {
    const signals = await latestSignals(strategyDependencies(), principal.accountId);
    return ok({
      signals: signals
        .filter((signal) => query.config_id === undefined || signal.configId === query.config_id)
        .map(toSignalDto),
    });
  },
});
