import { DynamoDbEngineStore } from '../../../lib/adapters/dynamodb/dynamodb-engine-store';
import { useDynalite } from '../../support/dynalite';
import { engineStoreContract } from '../engine-store.contract';

const dynamo = useDynalite();

engineStoreContract(
  'DynamoDbEngineStore on dynalite',
  async () => new DynamoDbEngineStore(dynamo.documents(), dynamo.tableName('engine')),
);
