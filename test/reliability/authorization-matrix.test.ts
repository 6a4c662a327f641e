import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '../../lib/api/routes';
import type { Role } from '../../lib/app/principal';
import type { LocalHost } from '../../lib/local/local-host';
import { call, errorOf, startTestHost } from '../support/local-host';
import { bearer, TOKEN_SPEC, TOKENS } from '../support/role-tokens';

const NEVER_MS = 2_147_483_647;
const TOKEN_OF: Record<Role, string> = {
  viewer: TOKENS.viewerA,
  trader: TOKENS.traderA,
  admin: TOKENS.adminA,
};
const BELOW: Record<Role, Role[]> = { viewer: [], trader: ['viewer'], admin: ['viewer', 'trader'] };

/** A concrete path for a route: placeholders get ids of the right shape that exist nowhere. */
function pathOf(route: RouteSpec): string {
  return route.path
    .replace('{symbol}', 'AAPL')
    .replace(
      '{id}',
      route.path.includes('backtest')
        ? 'bt-000000'
        : route.path.startsWith('/api/orders')
          ? 'o-nowhere'
          : 'no-such-config',
    );
}

const guarded = (ROUTES as readonly RouteSpec[]).filter((route) => route.auth !== 'public');

describe('the authorization matrix: every route’s role from the one route table, enforced', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost({
      apiTokens: TOKEN_SPEC,
      scheduleIntervalMs: NEVER_MS,
      cycleIntervalMs: NEVER_MS,
    });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it.each(guarded.map((route) => [`${route.method} ${route.path}`, route]))(
    '%s: no token → 401',
    async (_key, route) => {
      const response = await call(`${host.url}${pathOf(route)}`, { method: route.method });
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('UNAUTHENTICATED');
    },
  );

  it.each(
    guarded.flatMap((route) =>
      BELOW[route.auth as Role].map((role) => [`${route.method} ${route.path}`, role, route] as const),
    ),
  )('%s: a %s → 403', async (_key, role, route) => {
    const response = await call(`${host.url}${pathOf(route)}`, {
      method: route.method,
      headers: bearer(TOKEN_OF[role]),
    });
    expect(response.status).toBe(403);
    expect(errorOf(response)).toMatchObject({
      code: 'FORBIDDEN',
      message: `This route needs the ${route.auth} role`,
    });
  });

  it.each(guarded.map((route) => [`${route.method} ${route.path}`, route.auth, route]))(
    '%s: a %s gets past authorization',
    async (_key, role, route) => {
      // No body: the route answers by its own rules (400, 404, 200…) — never 401 or 403.
      const response = await call(`${host.url}${pathOf(route)}`, {
        method: route.method,
        headers: bearer(TOKEN_OF[role as Role]),
      });
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    },
  );

  it('keeps health public', async () => {
    expect((await call(`${host.url}/api/health`)).status).toBe(200);
  });
});
