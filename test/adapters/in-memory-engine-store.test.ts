import { InMemoryEngineStore } from '../../lib/adapters/memory/in-memory-engine-store';
import { engineStoreContract } from './engine-store.contract';

engineStoreContract('InMemoryEngineStore', async () => new InMemoryEngineStore());
