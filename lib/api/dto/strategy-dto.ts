import { toPriceTick } from '../../core/money';
import type { LatestSignal } from '../../app/strategies/latest-signals';
import type { StrategyConfig, StrategyPerformance } from '../../core/strategies/config';
import { winRate } from '../../core/strategies/config';
import type { StrategyType } from '../../core/strategies/registry';
import type { StrategyTemplate } from '../../core/strategies/templates';
import * as z from '../zod';

export function toStrategyConfigDto(config: StrategyConfig) {
  return {
    id: config.configId,
    version: config.version,
    type: config.type,
    name: config.name,
    parameters: config.parameters,
    symbols: config.symbols,
    archived: config.archived,
    note: config.note,
    created_at: config.createdAt,
    created_by: config.createdBy,
    template_id: config.templateId ?? null,
  };
}

export function toStrategyDetailDto(detail: {
  config: StrategyConfig;
  versions: StrategyConfig[];
  performance: StrategyPerformance | null;
}) {
  const { performance } = detail;
  return {
    ...toStrategyConfigDto(detail.config),
    versions: detail.versions.map(toStrategyConfigDto),
    performance: toPerformanceDto(performance),
  };
}

/** How a configuration has traded (fed by its orders' fills), in dollars. */
export function toPerformanceDto(performance: StrategyPerformance | null) {
  return (
    performance && {
      realized_pnl: performance.realizedPnlCents / 100,
      trades: performance.trades,
      wins: performance.wins,
      win_rate: winRate(performance),
    }
  );
}

/** A strategy type with its parameters as JSON Schema (defaults, bounds, descriptions): what a form is built from. */
export function toStrategyTypeDto(type: StrategyType) {
  const { $schema: _schema, ...parameters } = z.toJSONSchema(type.parameters, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    type: type.type,
    name: type.name,
    asset_class: type.assetClass,
    description: type.description,
    regime: type.regime,
    parameters,
  };
}

export function toTemplateDto(template: StrategyTemplate) {
  return {
    template_id: template.templateId,
    name: template.name,
    description: template.description,
    type: template.type,
    parameters: template.parameters,
    symbols: template.symbols,
  };
}

export function toSignalDto({ configId, version, type, signal }: LatestSignal) {
  return {
    config_id: configId,
    config_version: version,
    type,
    symbol: signal.symbol,
    direction: signal.direction,
    strength: Math.round(signal.strength * 1000) / 1000,
    rationale: signal.rationale,
    at: signal.at,
    position_id: signal.positionId ?? null,
    legs:
      signal.legs?.map((leg) => ({
        ...leg,
        strike: toPriceTick(leg.strike),
        price: toPriceTick(leg.price),
      })) ?? null,
  };
}
