import { dependencies } from '../shared/dependencies';
import { taskHandler } from '../shared/task-handler';

/** Paper venue upkeep: match resting orders, expire day orders after the close, re-send unsent reports. */
export const handler = taskHandler(async () => ({ touched: await dependencies().broker.matchResting() }));
