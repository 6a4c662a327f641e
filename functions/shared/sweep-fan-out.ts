import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkClientSettings, withoutSdkLogging } from '../../lib/adapters/sdk-client';
import { SfnSweepFanOut } from '../../lib/adapters/sfn/sfn-sweep-fan-out';
import { WORKFLOWS } from '../../lib/workflows/workflow-specs';
import { dependencies } from './dependencies';

let fanOut: SfnSweepFanOut | undefined;

/** The sweep state machine of the function's environment (the runner's only: it starts sweeps). */
export function sweepFanOut(): SfnSweepFanOut {
  const deps = dependencies();
  fanOut ??= new SfnSweepFanOut(
    withoutSdkLogging(new SFNClient(sdkClientSettings('SFN', deps.env))),
    deps.required(WORKFLOWS.sweep.envVar),
  );
  return fanOut;
}
