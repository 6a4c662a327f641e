import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkClientSettings, withoutSdkLogging } from '../../lib/adapters/sdk-client';
import { SfnSweepFanOut } from '../../lib/adapters/sfn/sfn-sweep-fan-out';
import { WORKFLOWS } from '../../lib/workflows/workflow-specs';
import { dependencies } from './dependencies';

/**
 * The sweep state machine of the function's environment (the runner's only: it starts sweeps),
 * kept with the container's other clients — rebuilt with them when the environment changes.
 */
export function sweepFanOut(): SfnSweepFanOut {
  const deps = dependencies();
  return deps.once(
    'sweep-fan-out',
    () =>
      new SfnSweepFanOut(
        withoutSdkLogging(new SFNClient(sdkClientSettings('SFN', deps.env))),
        deps.required(WORKFLOWS.sweep.envVar),
      ),
  );
}
