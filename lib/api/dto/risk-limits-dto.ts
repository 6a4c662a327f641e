import { snakeKey as toSnake } from './snake-case';
import type { RiskLimits, RiskLimitSet, StrategyLimits, SymbolLimits } from '../../core/risk/limits';

/** camelCase limit keys ↔ the API's snake_case. */
const toCamel = (key: string) => key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

function mapKeys<T extends object>(value: T, rename: (key: string) => string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key), item]));
}

export function toLimitsDto(set: RiskLimitSet, isDefault: boolean) {
  return {
    account: mapKeys(set.account, toSnake),
    strategies: Object.fromEntries(
      Object.entries(set.strategies).map(([id, limits]) => [id, mapKeys(limits, toSnake)]),
    ),
    symbols: Object.fromEntries(
      Object.entries(set.symbols).map(([symbol, limits]) => [symbol, mapKeys(limits, toSnake)]),
    ),
    version: set.version,
    updated_at: set.updatedAt,
    updated_by: set.updatedBy,
    is_default: isDefault,
  };
}

/** The validated PUT body as domain limits: account fields over the defaults. */
export function fromLimitsBody(
  body: { account: object; strategies: Record<string, object>; symbols: Record<string, object> },
  defaults: RiskLimits,
): Pick<RiskLimitSet, 'account' | 'strategies' | 'symbols'> {
  const defined = (value: object) =>
    Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
  return {
    account: { ...defaults, ...(mapKeys(defined(body.account), toCamel) as Partial<RiskLimits>) },
    strategies: Object.fromEntries(
      Object.entries(body.strategies).map(([id, limits]) => [
        id,
        mapKeys(defined(limits), toCamel) as StrategyLimits,
      ]),
    ),
    symbols: Object.fromEntries(
      Object.entries(body.symbols).map(([symbol, limits]) => [
        symbol,
        mapKeys(defined(limits), toCamel) as SymbolLimits,
      ]),
    ),
  };
}
