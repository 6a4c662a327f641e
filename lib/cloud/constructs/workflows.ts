import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { FunctionName } from '../../platform/function-catalog';
import { ALL_WORKFLOWS, hasDistributedMap, type WorkflowSpec } from '../../workflows/workflow-specs';

/**
 * The state machines — Standard ones that work TWAP and iceberg parents, the Express one that
 * runs the engine's minute — deployed from the very ASL
 * objects the local host runs (lib/workflows): the `${Placeholder}` resources become function
 * ARNs through definitionSubstitutions, and each machine may invoke exactly those functions.
 * Full execution logging and X-Ray tracing.
 */
export class StratusWorkflows extends Construct {
  readonly bySpec: ReadonlyMap<WorkflowSpec, StateMachine>;

  constructor(scope: Construct, id: string, props: { functions: ReadonlyMap<FunctionName, IFunction> }) {
    super(scope, id);
    const machines = new Map<WorkflowSpec, StateMachine>();
    for (const spec of ALL_WORKFLOWS) {
      const substitutions: Record<string, string> = {};
      const invoked: IFunction[] = [];
      for (const [placeholder, name] of Object.entries(spec.tasks)) {
        const fn = props.functions.get(name);
        if (!fn) throw new Error(`workflow ${spec.name} needs function ${name}, which was not created`);
        substitutions[placeholder] = fn.functionArn;
        invoked.push(fn);
      }
      // A Distributed Map's children are executions of the machine itself: its role starts them
      // and watches them, on ARNs built from a fixed name (the machine's own ARN would be a cycle).
      const distributed = hasDistributedMap(spec.definition);
      const stateMachineName = distributed ? `${Stack.of(this).stackName}-${spec.name}` : undefined;
      const machine = new StateMachine(this, spec.name, {
        ...(stateMachineName ? { stateMachineName } : {}),
        stateMachineType: spec.type === 'EXPRESS' ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromString(JSON.stringify(spec.definition)),
        definitionSubstitutions: substitutions,
        tracingEnabled: true,
        logs: {
          destination: new LogGroup(this, `${spec.name}-logs`, {
            retention: RetentionDays.ONE_MONTH,
            removalPolicy: RemovalPolicy.DESTROY,
          }),
          level: LogLevel.ALL,
          includeExecutionData: true,
        },
      });
      for (const fn of invoked) fn.grantInvoke(machine.role);
      if (stateMachineName) {
        const stack = Stack.of(this);
        machine.addToRolePolicy(
          new PolicyStatement({
            actions: ['states:StartExecution'],
            resources: [
              stack.formatArn({
                service: 'states',
                resource: 'stateMachine',
                resourceName: stateMachineName,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        );
        machine.addToRolePolicy(
          new PolicyStatement({
            actions: ['states:DescribeExecution', 'states:StopExecution'],
            resources: [
              stack.formatArn({
                service: 'states',
                resource: 'execution',
                resourceName: `${stateMachineName}/*`,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        );
        Validations.of(machine.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stateMachineName}/*]`,
          reason:
            'A Distributed Map describes and stops its own child executions, named by the map run (AWS docs).',
        });
      }
      Validations.of(machine.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'CloudWatch Logs delivery and X-Ray actions for the state machine support no resource-level permissions (AWS docs).',
      });
      for (const fn of invoked) {
        Validations.of(machine.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
          reason:
            'Invoking a task function includes its versions and aliases (function-arn:*); no other function.',
        });
      }
      machines.set(spec, machine);
    }
    this.bySpec = machines;
  }
}
