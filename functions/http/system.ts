import { apiFunction } from '../../lib/api/api-function';
import { toHealthDto } from '../../lib/api/dto/health-dto';
import { logger } from '../../lib/api/observability';
import { openApiDocument } from '../../lib/api/openapi';
import { ok } from '../../lib/api/responses';
import { checkHealth } from '../../lib/app/use-cases/check-health';
import { marketStatus } from '../../lib/core/market/nyse-calendar';
import { dependencies } from '../shared/dependencies';

export const handler = apiFunction<'system'>({
  'GET /api/health': async () => {
    const deps = dependencies();
    const report = await checkHealth(deps.healthChecks, {
      version: deps.settings.version,
      clock: deps.clock,
      onFailure: (name, error) =>
        logger.warn('health check failed', { dependency: name, error: error as Error }),
    });
    const market = marketStatus(report.checkedAt);
    return {
      status: report.status === 'ok' ? 200 : 503,
      body: toHealthDto(report, market, deps.clock.offsetMs),
    };
  },
  'GET /api/openapi.json': async () => ok(openApiDocument(dependencies().settings.version)),
});
