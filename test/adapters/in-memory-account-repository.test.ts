import { InMemoryAccountRepository } from '../../lib/adapters/memory/in-memory-account-repository';
import { accountRepositoryContract } from './account-repository.contract';

accountRepositoryContract('InMemoryAccountRepository', async () => new InMemoryAccountRepository());
