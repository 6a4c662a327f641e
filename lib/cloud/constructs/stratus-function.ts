import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName, type FunctionSpec } from '../../platform/function-catalog';
import { cdkBundlingOptions } from '../bundling';

const PROJECT_ROOT = join(new URL('../../..', import.meta.url).pathname);

/**
 * A Lambda function of Stratus with the platform's defaults: Node 22 on arm64, minified ESM
 * bundle, X-Ray tracing, Powertools settings, a log group kept for a month. Table access is
 * granted by the caller from the function catalog, never wider.
 */
export class StratusFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(
    scope: Construct,
    id: string,
    props: { name: FunctionName; environment: Record<string, string>; version: string },
  ) {
    super(scope, id);
    const spec: FunctionSpec = FUNCTIONS[props.name];
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role, not AWSLambdaBasicExecutionRole: logs may go only to this function's group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Stratus ${props.name} function`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      role,
      entry: join(PROJECT_ROOT, spec.entry),
      handler: 'handler',
      description: `Stratus ${props.name}: ${spec.description}`.slice(0, 256),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        ...props.environment,
        STRATUS_VERSION: props.version,
        POWERTOOLS_SERVICE_NAME: 'stratus',
        POWERTOOLS_METRICS_NAMESPACE: 'Stratus',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--disable-warning=ExperimentalWarning',
      },
      bundling: cdkBundlingOptions(),
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (AWS docs); nothing else is granted on *.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to Node.js 22 (DESIGN.md): a runtime change is a tested, deliberate upgrade, not an automatic one.',
    });
  }
}
