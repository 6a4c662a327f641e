import { DynamoDbBacktestStore } from '../../lib/adapters/dynamodb/dynamodb-backtest-store';
import { InMemoryBacktestStore } from '../../lib/adapters/memory/in-memory-backtest-store';
import { useDynalite } from '../support/dynalite';
import { backtestStoreContract } from './backtest-store.contract';

backtestStoreContract('in memory', async () => new InMemoryBacktestStore());

const dynamo = useDynalite();
backtestStoreContract(
  'DynamoDB on dynalite',
  async () => new DynamoDbBacktestStore(dynamo.documents(), dynamo.tableName('backtests')),
);
