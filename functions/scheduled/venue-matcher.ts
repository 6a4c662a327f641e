import { paperBroker } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

/** Paper venue upkeep: match resting orders, expire day orders after the close, re-send unsent reports. */
export const handler = taskHandler(async () => ({ touched: await paperBroker().matchResting() }));
