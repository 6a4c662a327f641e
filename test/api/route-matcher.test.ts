import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../lib/api/route-matcher';
import { ROUTES } from '../../lib/api/routes';

describe('matchRoute', () => {
  it.each(ROUTES.map((route) => [route.method, route.path]))(
    'matches %s %s to its own route',
    (method, path) => {
      const match = matchRoute(method, path);
      expect(match.kind).toBe('matched');
      if (match.kind === 'matched')
        expect(`${match.route.method} ${match.route.path}`).toBe(`${method} ${path}`);
    },
  );

  it('ignores one trailing slash', () => {
    expect(matchRoute('GET', '/api/portfolio/').kind).toBe('matched');
  });

  it('answers 405 with the allowed methods for a known path', () => {
    expect(matchRoute('DELETE', '/api/portfolio')).toEqual({ kind: 'method_not_allowed', allowed: ['GET'] });
  });

  it.each([
    ['PUT', '/api/orders/metrics', ['GET']],
    ['DELETE', '/api/orders/metrics', ['GET']],
    ['GET', '/api/strategies/backtest', ['POST']],
    ['PUT', '/api/strategies/templates', ['GET']],
    ['GET', '/api/strategies/create', ['POST']],
    ['PUT', '/api/strategies/execution-status', ['GET']],
  ])(
    'answers %s %s with 405 and only the literal path’s methods, never the {id} route',
    (method, path, allowed) => {
      expect(matchRoute(method, path)).toEqual({ kind: 'method_not_allowed', allowed });
    },
  );

  it('prefers the template whose first differing segment is literal', () => {
    const match = matchRoute('GET', '/api/strategies/backtest/cancel-orders');
    expect(match.kind === 'matched' && match.route.path).toBe('/api/strategies/backtest/{id}');
  });

  it.each(['/api/portfolios', '/api', '/api/portfolio/ledger/x', '/api/health/../portfolio'])(
    'answers 404 for %s',
    (path) => {
      expect(matchRoute('GET', path).kind).toBe('not_found');
    },
  );

  it('declares each route once', () => {
    const keys = ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
