import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Rule, Schedule as EventsSchedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../../platform/function-catalog';

/**
 * What runs on a clock: EventBridge rules for the periodic jobs; EventBridge Scheduler, in New
 * York time (daylight saving handled by the scheduler), for the engine — every minute of the
 * regular session starts the Express state machine that cycles at +0/15/30/45 s — and for the
 * daily pre-market run. Holidays and early closes are the functions' own calendar check.
 */
export class StratusSchedules extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { functions: ReadonlyMap<FunctionName, IFunction>; engineCycle: IStateMachine },
  ) {
    super(scope, id);
    for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, FunctionSpec][]) {
      const fn = props.functions.get(name);
      if (!fn) continue;
      if (spec.scheduleSeconds !== undefined) {
        new Rule(this, name, {
          description: `Runs ${name} on schedule`,
          schedule: EventsSchedule.rate(Duration.seconds(Math.max(60, spec.scheduleSeconds))),
          targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
        });
      }
      if (spec.dailyAt !== undefined) {
        const [hour, minute] = spec.dailyAt.split(':');
        const until = spec.dailyUntil ?? '15:55';
        new Schedule(this, `${name}-daily`, {
          description: `Asks ${name} every 5 minutes from ${spec.dailyAt} to ${until} New York time on weekdays (it works once a day)`,
          schedule: ScheduleExpression.cron({
            minute: `${Number(minute) % 5}/5`,
            hour: `${Number(hour)}-${Number(until.split(':')[0])}`,
            weekDay: 'MON-FRI',
            timeZone: TimeZone.AMERICA_NEW_YORK,
          }),
          target: new LambdaInvoke(fn, { retryAttempts: 2 }),
        });
        // The scheduler's role is made by CDK at stack level, one per target function.
        Validations.of(Stack.of(this)).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
          reason: `EventBridge Scheduler may invoke ${name} (its versions and aliases: function-arn:*) and no other function.`,
        });
      }
    }
    // 09:30–09:59 and 10:00–15:59 New York: one start a minute, only inside the regular session.
    const sessionMinutes = [
      { id: 'engine-cycle-opening', minute: '30-59', hour: '9' },
      { id: 'engine-cycle-day', minute: '*', hour: '10-15' },
    ];
    for (const window of sessionMinutes) {
      new Schedule(this, window.id, {
        description: `Starts the engine's minute (four 15-second cycles), ${window.hour}:${window.minute} New York, weekdays`,
        schedule: ScheduleExpression.cron({
          minute: window.minute,
          hour: window.hour,
          weekDay: 'MON-FRI',
          timeZone: TimeZone.AMERICA_NEW_YORK,
        }),
        // A minute not started is not made up later: the next one is due anyway.
        target: new StepFunctionsStartExecution(props.engineCycle, { retryAttempts: 0 }),
      });
    }
  }
}
