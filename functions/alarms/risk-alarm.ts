import { haltOnAlarm } from '../../lib/app/risk/halt-on-alarm';
import type { AlarmEvent } from '../../lib/app/risk/risk-alarms';
import { riskDependencies } from '../shared/trading-dependencies';
import { taskHandler } from '../shared/task-handler';

/** Target of the CloudWatch alarms that halt trading (a Lambda alarm action, or the local host's evaluator). */
export const handler = taskHandler(async (event: AlarmEvent) => haltOnAlarm(riskDependencies(), event));
