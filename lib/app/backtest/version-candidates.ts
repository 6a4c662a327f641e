import { DomainError } from '../../core/errors';
import type { StrategyConfigRepository } from '../ports/strategy-config-repository';

/** A configuration's versions to backtest side by side: each one's parameters, labelled by its number. */
export interface VersionCandidates {
  type: string;
  candidates: { combination: { version: number }; parameters: Record<string, unknown> }[];
}

/** At most this many versions in one comparison. */
export const MAX_VERSIONS_COMPARED = 50;

/**
 * The versions of an account's configuration to compare (all of them, or those named), each
 * with the parameters it had: a comparison is a backtest whose runs are the versions.
 */
export async function versionCandidates(
  strategies: Pick<StrategyConfigRepository, 'versions'>,
  accountId: string,
  request: { configId: string; versions?: readonly number[] },
): Promise<VersionCandidates> {
  const all = await strategies.versions(accountId, request.configId);
  if (all.length === 0)
    throw new DomainError('STRATEGY_NOT_FOUND', `No configuration ${request.configId}`, 'invalid', [
      { field: 'versions_of.config_id', in: 'body', problem: 'is not one of your configurations' },
    ]);
  const wanted = request.versions ?? all.map((config) => config.version);
  const missing = wanted.filter((version) => !all.some((config) => config.version === version));
  if (missing.length > 0)
    throw new DomainError(
      'VERSION_NOT_FOUND',
      `${request.configId} has no version ${missing.join(', ')} (it has 1–${all.at(-1)!.version})`,
      'invalid',
      [{ field: 'versions_of.versions', in: 'body', problem: `has no version ${missing.join(', ')}` }],
    );
  if (wanted.length > MAX_VERSIONS_COMPARED)
    throw new DomainError(
      'TOO_MANY_VERSIONS',
      `${wanted.length} versions; at most ${MAX_VERSIONS_COMPARED}`,
      'invalid',
      [
        {
          field: 'versions_of.versions',
          in: 'body',
          problem: `must name at most ${MAX_VERSIONS_COMPARED} versions`,
        },
      ],
    );
  const chosen = all.filter((config) => wanted.includes(config.version));
  return {
    type: chosen[0]!.type,
    candidates: chosen.map((config) => ({
      combination: { version: config.version },
      parameters: config.parameters,
    })),
  };
}
