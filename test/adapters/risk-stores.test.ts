import { DynamoDbAlertStore } from '../../lib/adapters/dynamodb/dynamodb-alert-store';
import { DynamoDbRiskLimitsRepository } from '../../lib/adapters/dynamodb/dynamodb-risk-limits-repository';
import { DynamoDbTradingStateRepository } from '../../lib/adapters/dynamodb/dynamodb-trading-state-repository';
import {
  InMemoryAlertStore,
  InMemoryRiskLimitsRepository,
  InMemoryTradingStateRepository,
} from '../../lib/adapters/memory/in-memory-risk-stores';
import { useDynalite } from '../support/dynalite';
import { riskStoresContract } from './risk-stores.contract';

riskStoresContract('in-memory risk stores', async () => {
  const states = new InMemoryTradingStateRepository();
  return { states, limits: new InMemoryRiskLimitsRepository(states), alerts: new InMemoryAlertStore() };
});

const dynamo = useDynalite();
riskStoresContract('DynamoDB risk stores on dynalite', async () => {
  // One shared table: each test uses its own account ids, as the contract's do.
  const now = () => new Date('2026-11-20T15:00:00Z');
  return {
    states: new DynamoDbTradingStateRepository(dynamo.documents(), dynamo.tableName('risk'), now),
    limits: new DynamoDbRiskLimitsRepository(dynamo.documents(), dynamo.tableName('risk'), now),
    alerts: new DynamoDbAlertStore(dynamo.documents(), dynamo.tableName('risk')),
  };
});
