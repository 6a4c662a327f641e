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
  // As API Gateway does, a literal segment wins over a parameter: /api/strategies/templates is
  // never read as /api/strategies/{id}. Fewer parameters first; the table's order otherwise.
}).sort((a, b) => a.names.length - b.names.length);

/**
 * Finds the route for a method and path, as API Gateway would: path parameters are single
 * segments; a path that exists under another method is a 405, anything else a 404.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const normalised = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const allowed: string[] = [];
  for (const { route, pattern, names } of COMPILED) {
    const found = pattern.exec(normalised);
    if (!found) continue;
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
