import { SystemClock } from '../../lib/adapters/clock/system-clock';
import { createDocumentClient } from '../../lib/adapters/dynamodb/document-client';
import { DynamoDbAccountRepository } from '../../lib/adapters/dynamodb/dynamodb-account-repository';
import { DynamoDbTableCheck } from '../../lib/adapters/dynamodb/dynamodb-table-check';
import { ALL_TABLES, TABLES, tableNameFromEnv } from '../../lib/adapters/dynamodb/table-specs';
import { SimulatedMarketData } from '../../lib/adapters/market-data/simulated-market-data';
import type { Clock } from '../../lib/app/ports/clock';
import type { DependencyCheck } from '../../lib/app/ports/dependency-check';
import type { MarketData } from '../../lib/app/ports/market-data';
import { toCents } from '../../lib/core/money';
import { readSettings, type Settings } from './settings';

/**
 * The composition root of the Lambda functions: adapters built from the environment.
 * Built once per distinct environment (a Lambda container has one; a test process that
 * starts a second local host gets fresh clients pointed at the new endpoints).
 */
export interface Dependencies {
  settings: Settings;
  clock: Clock;
  marketData: MarketData;
  accounts: DynamoDbAccountRepository;
  healthChecks: DependencyCheck[];
  startingCashCents: number;
}

let cached: { fingerprint: string; deps: Dependencies } | undefined;

export function dependencies(env: NodeJS.ProcessEnv = process.env): Dependencies {
  const fingerprint = [
    env.AWS_ENDPOINT_URL_DYNAMODB,
    env.AWS_ENDPOINT_URL,
    env.AWS_REGION,
    ...ALL_TABLES.map((table) => env[table.envVar]),
  ].join('|');
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, deps: build(env) };
  return cached.deps;
}

function build(env: NodeJS.ProcessEnv): Dependencies {
  const settings = readSettings(env);
  const documents = createDocumentClient();
  const clock = new SystemClock();
  return {
    settings,
    clock,
    marketData: new SimulatedMarketData(clock, settings.marketSeed),
    accounts: new DynamoDbAccountRepository(documents, tableNameFromEnv(TABLES.accounts, env)),
    healthChecks: ALL_TABLES.map(
      (spec) => new DynamoDbTableCheck(documents, spec, tableNameFromEnv(spec, env)),
    ),
    startingCashCents: toCents(settings.startingCash),
  };
}
