import { InMemoryOrderRepository } from '../../lib/adapters/memory/in-memory-order-repository';
import { orderRepositoryContract } from './order-repository.contract';

orderRepositoryContract('InMemoryOrderRepository', async () => new InMemoryOrderRepository());
