import { randomUUID } from 'node:crypto';
import { ConcurrencyError, DomainError, NotFoundError } from '../../core/errors';
import type { StrategyConfig, StrategyPerformance } from '../../core/strategies/config';
import { validateParameters } from '../../core/strategies/registry';
import { STRATEGY_TEMPLATES } from '../../core/strategies/templates';
import type { AccountRepository } from '../ports/account-repository';
import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { Instruments } from '../ports/instruments';
import type { StrategyConfigRepository } from '../ports/strategy-config-repository';

export interface StrategyDependencies {
  strategies: StrategyConfigRepository;
  audit: AuditLog;
  instruments: Instruments;
  accounts: AccountRepository;
  clock: Clock;
}

export interface NewStrategyConfig {
  type?: string;
  templateId?: string;
  name: string;
  parameters?: Record<string, unknown>;
  symbols?: string[];
  note?: string;
}

/**
 * Saves version 1 of a configuration: from a type and parameters, or from a template (whose
 * type, parameters and symbols the request may override). Parameters are validated by the
 * type's schema; symbols must be known instruments.
 */
export async function createStrategyConfig(
  deps: StrategyDependencies,
  accountId: string,
  actor: string,
  request: NewStrategyConfig,
): Promise<StrategyConfig> {
  const template =
    request.templateId === undefined
      ? undefined
      : STRATEGY_TEMPLATES.find((t) => t.templateId === request.templateId);
  if (request.templateId !== undefined && !template) {
    throw new DomainError('UNKNOWN_TEMPLATE', `No template ${request.templateId}`, 'invalid', [
      {
        field: 'template_id',
        problem: `must be one of ${STRATEGY_TEMPLATES.map((t) => t.templateId).join(', ')}`,
      },
    ]);
  }
  const type = request.type ?? template?.type;
  if (!type) {
    throw new DomainError('STRATEGY_TYPE_REQUIRED', 'Name a type or a template', 'invalid', [
      { field: 'type', in: 'body', problem: 'is required unless template_id is given' },
    ]);
  }
  if (template && request.type !== undefined && request.type !== template.type) {
    throw new DomainError(
      'TEMPLATE_TYPE_MISMATCH',
      `Template ${template.templateId} is a ${template.type}`,
      'invalid',
      [{ field: 'type', in: 'body', problem: `must be ${template.type} for this template, or left out` }],
    );
  }
  const parameters = validateParameters(type, { ...template?.parameters, ...request.parameters });
  const symbols = await validSymbols(deps, request.symbols ?? template?.symbols ?? [], parameters);
  const config: StrategyConfig = {
    accountId,
    configId: `${type.replace(/_/g, '-')}-${randomUUID().slice(0, 8)}`,
    version: 1,
    type,
    name: request.name,
    parameters,
    symbols,
    archived: false,
    note: request.note ?? (template ? `from template ${template.templateId}` : 'created'),
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
    ...(template ? { templateId: template.templateId } : {}),
  };
  if (!(await deps.strategies.create(config)))
    throw new Error(`configuration id ${config.configId} collided`);
  await deps.audit.append({
    accountId,
    at: config.createdAt,
    actor,
    action: 'strategy_config_created',
    after: config,
  });
  return config;
}

export interface StrategyConfigChange {
  name?: string;
  parameters?: Record<string, unknown>;
  symbols?: string[];
  archived?: boolean;
  note: string;
}

/**
 * Saves a new version with the change applied (parameters merged over the current ones and
 * validated again). `expectedVersion`, when given, must be the latest (else 409): an editor
 * working from an old version cannot overwrite a newer one unknowingly.
 */
export async function updateStrategyConfig(
  deps: StrategyDependencies,
  accountId: string,
  actor: string,
  configId: string,
  change: StrategyConfigChange,
  expectedVersion?: number,
): Promise<StrategyConfig> {
  const current = await deps.strategies.get(accountId, configId);
  if (!current) throw new NotFoundError(`strategy configuration ${configId}`);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw versionConflict(configId, current.version);
  }
  const parameters = validateParameters(current.type, { ...current.parameters, ...change.parameters });
  const next: StrategyConfig = {
    ...current,
    version: current.version + 1,
    name: change.name ?? current.name,
    parameters,
    symbols: await validSymbols(deps, change.symbols ?? current.symbols, parameters),
    archived: change.archived ?? current.archived,
    note: change.note,
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
  };
  try {
    await deps.strategies.addVersion(next);
  } catch (error) {
    if (error instanceof ConcurrencyError) throw versionConflict(configId, current.version);
    throw error;
  }
  await deps.audit.append({
    accountId,
    at: next.createdAt,
    actor,
    action: 'strategy_config_updated',
    before: current,
    after: next,
  });
  return next;
}

/** A configuration with its history and how it has traded for the account. */
export async function getStrategyConfig(
  deps: StrategyDependencies,
  accountId: string,
  configId: string,
  version?: number,
): Promise<{ config: StrategyConfig; versions: StrategyConfig[]; performance: StrategyPerformance | null }> {
  const config = await deps.strategies.get(accountId, configId, version);
  if (!config)
    throw new NotFoundError(`strategy configuration ${configId}${version ? ` version ${version}` : ''}`);
  const [versions, account] = await Promise.all([
    deps.strategies.versions(accountId, configId),
    deps.accounts.get(accountId),
  ]);
  return { config, versions, performance: account?.risk?.performance?.[configId] ?? null };
}

async function validSymbols(
  deps: StrategyDependencies,
  symbols: readonly string[],
  parameters: Record<string, unknown>,
): Promise<string[]> {
  // Options strategies trade their underlying; momentum its watchlist: those count as symbols too.
  const implied = [
    ...(typeof parameters.underlying === 'string' ? [parameters.underlying] : []),
    ...(Array.isArray(parameters.watchlist) ? (parameters.watchlist as string[]) : []),
  ];
  const all = [...new Set([...symbols, ...implied])];
  if (all.length === 0) {
    throw new DomainError('SYMBOLS_REQUIRED', 'A strategy needs at least one symbol', 'invalid', [
      { field: 'symbols', in: 'body', problem: 'must name at least one symbol' },
    ]);
  }
  const unknown: string[] = [];
  for (const symbol of all) if (!(await deps.instruments.get(symbol))?.tradable) unknown.push(symbol);
  if (unknown.length > 0) {
    throw new DomainError('UNKNOWN_SYMBOL', `Not tradable: ${unknown.join(', ')}`, 'invalid', [
      {
        field: 'symbols',
        problem: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not tradable`,
      },
    ]);
  }
  return all;
}

function versionConflict(configId: string, latest: number): DomainError {
  return new DomainError(
    'STRATEGY_VERSION_CONFLICT',
    `Configuration ${configId} is at version ${latest}; read it again before changing it`,
    'conflict',
    [{ field: 'version', in: 'body', problem: `must be the latest version ${latest}` }],
  );
}
