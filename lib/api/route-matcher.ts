import { ROUTES, type Route } from './routes';

export type RouteMatch =
  | { kind: 'matched'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

const COMPILED: CompiledRoute[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  return { route, pattern: new RegExp(`^${source}$`), names };
}).sort((a, b) => bySpecificity(a.route.path, b.route.path));

/**
 * As API Gateway does, a literal segment wins over a parameter: /api/strategies/templates is never
 * read as /api/strategies/{id}, and /api/strategies/backtest/{id} comes before
 * /api/strategies/{id}/cancel-orders. Compared segment by segment, the first difference decides.
 */
function bySpecificity(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const leftParameter = left[index]?.startsWith('{') ?? false;
    const rightParameter = right[index]?.startsWith('{') ?? false;
    if (leftParameter !== rightParameter) return leftParameter ? 1 : -1;
  }
  return 0;
}

/**
 * Finds the route for a method and path. The path names one template, the most literal that
 * matches (`/api/orders/metrics`, never `/api/orders/{id}` with id "metrics"); if that template
 * lacks the method the answer is a 405 listing exactly its methods, and no template is a 404.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const normalised = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  let template: string | undefined;
  const allowed: string[] = [];
  for (const { route, pattern, names } of COMPILED) {
    if (template !== undefined && route.path !== template) continue;
    const found = pattern.exec(normalised);
    if (!found) continue;
    template = route.path;
    if (route.method !== method.toUpperCase()) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    names.forEach((name, index) => {
      params[name] = safeDecode(found[index + 1] ?? '');
    });
    return { kind: 'matched', route, params };
  }
  return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
}

/** The route API Gateway matched, by its route key ("GET /api/portfolio"). */
export function routeByKey(key: string): Route | undefined {
  return ROUTES.find((route) => `${route.method} ${route.path}` === key);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
