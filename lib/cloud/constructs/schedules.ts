import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../../../functions/catalog';

/** EventBridge rules for the functions the catalog schedules (the local host runs them on timers). */
export class StratusSchedules extends Construct {
  constructor(scope: Construct, id: string, props: { functions: ReadonlyMap<FunctionName, IFunction> }) {
    super(scope, id);
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      if (spec.scheduleSeconds === undefined) continue;
      const fn = props.functions.get(name);
      if (!fn) continue;
      new Rule(this, name, {
        description: `Runs ${name} on schedule`,
        schedule: Schedule.rate(Duration.seconds(Math.max(60, spec.scheduleSeconds))),
        targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
      });
    }
  }
}
