import {
  finishParentWork,
  planTwapWork,
  runIcebergStep,
  runTwapSlice,
  type WorkInput,
} from '../../lib/app/orders/work-parent-order';
import { orderDependencies } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

/** The input Step Functions passes: which step, and for which parent order. */
type StepEvent = WorkInput &
  (
    | { action: 'twap_plan' }
    | { action: 'twap_slice'; index: number; slice_count: number }
    | { action: 'iceberg_step'; steps?: number }
    | { action: 'finish' }
  );

export const handler = taskHandler(async (event: StepEvent) => {
  const deps = orderDependencies();
  switch (event.action) {
    case 'twap_plan':
      return planTwapWork(deps, event);
    case 'twap_slice':
      return runTwapSlice(deps, event);
    case 'iceberg_step':
      return runIcebergStep(deps, event);
    case 'finish':
      return finishParentWork(deps, event);
    default:
      throw new Error(`unknown workflow action ${(event as { action: string }).action}`);
  }
});
