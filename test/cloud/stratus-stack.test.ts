import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, invokedAsynchronously } from '../../lib/platform/function-catalog';
import { ALL_TABLES } from '../../lib/adapters/dynamodb/table-specs';
import { ALL_QUEUES } from '../../lib/adapters/sqs/queue-specs';
import { ROUTES } from '../../lib/api/routes';
import { RISK_ALARMS, RISK_METRICS_NAMESPACE, RISK_METRICS_SERVICE } from '../../lib/app/risk/risk-alarms';
import { API_THROTTLE } from '../../lib/cloud/constructs/http-api';
import { ALL_WORKFLOWS, WORKFLOWS } from '../../lib/workflows/workflow-specs';
import { synthTemplate } from '../support/synth';

const { template } = synthTemplate();

type Resource = { Properties: Record<string, unknown> };
const resources = (type: string) => Object.entries(template.findResources(type)) as [string, Resource][];

describe('StratusStack: the HTTP API', () => {
  const routes = resources('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

  it('has one route per entry of the route table, plus $default', () => {
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(
      [...ROUTES.map((route) => `${route.method} ${route.path}`), '$default'].sort(),
    );
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route.auth]))(
    '%s is %s: JWT-authorized unless public',
    (key, auth) => {
      const route = routes.find((candidate) => candidate.RouteKey === key);
      if (auth === 'public') expect(route?.AuthorizationType ?? 'NONE').toBe('NONE');
      else expect(route?.AuthorizationType).toBe('JWT');
    },
  );

  it('authorizes $default too, so unknown paths reveal nothing to strangers', () => {
    expect(routes.find((route) => route.RouteKey === '$default')?.AuthorizationType).toBe('JWT');
  });

  it('checks JWTs issued by the Cognito user pool for the web client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        Audience: [Match.objectLike({ Ref: Match.stringLikeRegexp('WebClient') })],
      },
    });
  });

  it('throttles the stage and writes JSON access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });
});

describe('StratusStack: functions', () => {
  // Stratus's own functions (CDK adds its deploy-time bucket-deployment handler beside them).
  const functions = resources('AWS::Lambda::Function')
    .map(([, r]) => r.Properties)
    .filter((fn) => String(fn.Description ?? '').startsWith('Stratus '));

  it('deploys one function per catalog entry', () => {
    expect(functions).toHaveLength(Object.keys(FUNCTIONS).length);
  });

  it.each(functions.map((fn) => [fn.Description, fn]))(
    '%s runs Node 22 on arm64 with tracing and the names of its own tables only',
    (description, fn) => {
      expect(fn).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
      const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      const name = /^Stratus (\w+):/.exec(String(description))![1] as keyof typeof FUNCTIONS;
      const own = Object.keys(FUNCTIONS[name].tables);
      for (const table of ALL_TABLES) {
        if (own.includes(table.name)) expect(variables).toHaveProperty(table.envVar);
        else expect(variables).not.toHaveProperty(table.envVar);
      }
      expect(variables).toMatchObject({ STRATUS_VERSION: '9.9.9', POWERTOOLS_SERVICE_NAME: 'stratus' });
    },
  );

  it('gives each function its own role with no AWS managed policy', () => {
    for (const [id, role] of resources('AWS::IAM::Role')) {
      if (id.startsWith('CustomCDKBucketDeployment')) continue; // CDK's deploy-time handler
      expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
    }
  });

  it('grants each function only the tables its catalog entry names', () => {
    const policies = resources('AWS::IAM::Policy').map(([, policy]) => JSON.stringify(policy.Properties));
    const portfolioPolicy = policies.find((policy) => policy.includes('Fnportfolio'));
    expect(portfolioPolicy).toBeDefined();
    expect(portfolioPolicy).toMatch(/TablesaccountsA?[0-9A-F]*/);
    expect(portfolioPolicy).toContain('dynamodb:PutItem');
    const systemPolicy = policies.find((policy) => policy.includes('Fnsystem'));
    expect(systemPolicy).not.toContain('dynamodb:PutItem');
  });
});

describe('StratusStack: data', () => {
  it('creates every table on demand, encrypted, with point-in-time recovery, retained', () => {
    const tables = resources('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(ALL_TABLES.length);
    template.allResourcesProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    for (const [, table] of resources('AWS::DynamoDB::Table'))
      expect(table).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('creates each work queue encrypted with a dead-letter queue, and the failed-invocations queue', () => {
    const queues = resources('AWS::SQS::Queue').map(([, queue]) => queue.Properties);
    const work = ALL_QUEUES.filter((spec) => !spec.holdsFailures);
    expect(queues).toHaveLength(work.length * 2 + (ALL_QUEUES.length - work.length));
    for (const queue of queues) expect(queue).toMatchObject({ SqsManagedSseEnabled: true });
    const main = queues.filter((queue) => queue.RedrivePolicy);
    expect(main).toHaveLength(work.length);
    expect(main[0]).toMatchObject({ FifoQueue: true, RedrivePolicy: { maxReceiveCount: 5 } });
  });

  it('requires TOTP MFA and admin-created users in the user pool, with the three role groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const groups = resources('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'trader', 'viewer']);
  });
});

describe('StratusStack: workflows, queue consumer, schedules', () => {
  it.each(ALL_WORKFLOWS.map((spec) => [spec.name, spec]))(
    'deploys the %s state machine from the very ASL the local host runs, tasks bound to their functions',
    (_name, spec) => {
      const machines = resources('AWS::StepFunctions::StateMachine').map(([, machine]) => machine.Properties);
      const deployed = machines.find(
        (machine) => JSON.parse(machine.DefinitionString as string).Comment === spec.definition.Comment,
      );
      expect(deployed).toBeDefined();
      expect(JSON.parse(deployed!.DefinitionString as string)).toEqual(
        JSON.parse(JSON.stringify(spec.definition)),
      );
      const substitutions = deployed!.DefinitionSubstitutions as Record<
        string,
        { 'Fn::GetAtt': [string, string] }
      >;
      for (const [placeholder, fn] of Object.entries(spec.tasks)) {
        expect(substitutions[placeholder]?.['Fn::GetAtt'][0]).toMatch(new RegExp(`^Fn${fn}Function`));
      }
      expect(deployed).toMatchObject({
        StateMachineType: spec.type,
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      });
    },
  );

  it('feeds the execution-report queue to its consumer with partial batch responses', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FunctionName: { Ref: Match.stringLikeRegexp('^FnexecutionReportsFunction') },
    });
  });

  it('feeds queued backtests to the runner one at a time, at most two runners at once, within the queue’s visibility', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionName: { Ref: Match.stringLikeRegexp('^FnbacktestRunnerFunction') },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Stratus backtestRunner:'),
      Timeout: 900,
      MemorySize: 3008,
    });
    // AWS advises a visibility timeout of at least six times the consumer's timeout.
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 6 * 900,
      RedrivePolicy: { maxReceiveCount: 2 },
    });
  });

  it('gives the state machine ARNs only to the functions that start and stop executions', () => {
    const functions = resources('AWS::Lambda::Function').map(([, fn]) => fn.Properties);
    const withArns = functions
      .filter((fn) => JSON.stringify(fn.Environment).includes('STRATUS_STATE_MACHINE_TWAP'))
      .map((fn) => /^Stratus (\w+):/.exec(fn.Description as string)?.[1])
      .sort();
    const managing = Object.entries(FUNCTIONS)
      .filter(([, spec]) => 'managesWorkflows' in spec && spec.managesWorkflows)
      .map(([name]) => name)
      .sort();
    expect(withArns).toEqual(managing);
    expect(managing.length).toBeGreaterThan(0);
  });

  it('fans large sweeps out on a Distributed Map whose role starts and watches its own child executions', () => {
    const sweep = resources('AWS::StepFunctions::StateMachine').find(
      ([, machine]) =>
        JSON.parse(machine.Properties.DefinitionString as string).Comment ===
        WORKFLOWS.sweep.definition.Comment,
    );
    expect(sweep).toBeDefined();
    const definition = JSON.parse(sweep![1].Properties.DefinitionString as string) as {
      States: Record<string, { ItemProcessor?: { ProcessorConfig: unknown } }>;
    };
    expect(definition.States['Run chunks']!.ItemProcessor!.ProcessorConfig).toEqual({
      Mode: 'DISTRIBUTED',
      ExecutionType: 'STANDARD',
    });
    const name = sweep![1].Properties.StateMachineName as string;
    expect(name).toMatch(/-sweep$/);
    const roleId = (sweep![1].Properties.RoleArn as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const statements = resources('AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(roleId))
      .flatMap(
        ([, policy]) =>
          (policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
            .Statement,
      );
    const text = JSON.stringify(statements);
    expect(text).toContain('"states:StartExecution"');
    expect(text).toContain(`:stateMachine:${name}`);
    expect(text).toContain(`:execution:${name}/*`);
    // Only the runner starts sweeps: it alone is told the machine.
    const told = resources('AWS::Lambda::Function')
      .filter(([, fn]) => JSON.stringify(fn.Properties.Environment).includes(WORKFLOWS.sweep.envVar))
      .map(([, fn]) => /^Stratus (\w+):/.exec(fn.Properties.Description as string)?.[1]);
    expect(told).toEqual(['backtestRunner']);
  });

  it('starts the engine-cycle Express machine every minute of the regular session, New York time', () => {
    const engine = resources('AWS::StepFunctions::StateMachine').find(
      ([, machine]) => machine.Properties.StateMachineType === 'EXPRESS',
    );
    expect(engine).toBeDefined();
    const definition = JSON.parse(engine![1].Properties.DefinitionString as string) as {
      States: Record<string, { Type: string; Seconds?: number }>;
    };
    expect(Object.values(definition.States).filter((state) => state.Type === 'Task')).toHaveLength(4);
    expect(
      Object.values(definition.States)
        .filter((state) => state.Type === 'Wait')
        .map((w) => w.Seconds),
    ).toEqual([15, 15, 15]);
    const schedules = resources('AWS::Scheduler::Schedule').map(([, schedule]) => schedule.Properties);
    const engineStarts = schedules.filter((schedule) => JSON.stringify(schedule.Target).includes(engine![0]));
    expect(engineStarts.map((schedule) => schedule.ScheduleExpression).sort()).toEqual([
      'cron(* 10-15 ? * MON-FRI *)',
      'cron(30-59 9 ? * MON-FRI *)',
    ]);
    for (const schedule of engineStarts) {
      expect(schedule).toMatchObject({ ScheduleExpressionTimezone: 'America/New_York', State: 'ENABLED' });
    }
  });

  it('asks the pre-market job every 5 minutes from 09:00 New York on weekdays (a late deploy catches up)', () => {
    const schedules = resources('AWS::Scheduler::Schedule').map(([, schedule]) => schedule.Properties);
    const preMarket = schedules.find((schedule) =>
      JSON.stringify(schedule.Target).includes('FnpreMarketFunction'),
    );
    expect(preMarket).toMatchObject({
      ScheduleExpression: 'cron(0/5 9-15 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'America/New_York',
    });
  });

  it('keeps the engine in its own table: sessions, cycles, plans and the cycle lease, with TTL and recovery', () => {
    const engine = resources('AWS::DynamoDB::Table').find(([id]) => /^Tablesengine/.test(id))?.[1].Properties;
    expect(engine).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    const cycle = resources('AWS::Lambda::Function')
      .map(([, fn]) => fn.Properties)
      .find((fn) => /^Stratus engineCycle:/.test(fn.Description as string));
    expect(JSON.stringify(cycle!.Environment)).toContain('STRATUS_TABLE_ENGINE');
    expect(cycle).toMatchObject({ Timeout: 14 });
  });

  it('runs the paper venue matcher every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnvenueMatcherFunction'), 'Arn'] },
        }),
      ],
    });
  });
});

describe('StratusStack: risk alarms and alerts', () => {
  const alarms = resources('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
  const fnRef = (name: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^Fn${name}Function`), 'Arn'] });

  it('creates one alarm per risk alarm spec, on the metric the monitor publishes, as the spec says', () => {
    for (const spec of RISK_ALARMS) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `stratus-${spec.id}`,
        Namespace: RISK_METRICS_NAMESPACE,
        MetricName: spec.metric,
        Dimensions: [{ Name: 'service', Value: RISK_METRICS_SERVICE }],
        Statistic: spec.statistic,
        Period: 60,
        Threshold: spec.threshold,
        EvaluationPeriods: spec.periods,
        DatapointsToAlarm: spec.periods,
        ComparisonOperator:
          spec.comparison === 'atOrAbove' ? 'GreaterThanOrEqualToThreshold' : 'LessThanThreshold',
        TreatMissingData: spec.missingData === 'breaching' ? 'breaching' : 'ignore',
      });
    }
  });

  it('fails closed: no risk alarm is cleared by missing data, and a silent risk monitor halts trading', () => {
    const risk = alarms.filter((alarm) =>
      RISK_ALARMS.some((spec) => `stratus-${spec.id}` === alarm.AlarmName),
    );
    for (const alarm of risk) expect(alarm.TreatMissingData).not.toBe('notBreaching');
    const silent = alarms.find((alarm) => alarm.AlarmName === 'stratus-RiskMonitorSilent')!;
    expect(silent).toMatchObject({
      MetricName: 'DailyLossLimitUtilization',
      Statistic: 'SampleCount',
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect(JSON.stringify(silent.AlarmActions)).toContain('FnriskAlarmFunction');
  });

  it('the daily-loss alarm invokes the emergency-stop function directly and notifies the topic', () => {
    const alarm = alarms.find((a) => a.AlarmName === 'stratus-DailyLossLimitBreached')!;
    expect(JSON.stringify(alarm.AlarmActions)).toContain('FnriskAlarmFunction');
    expect(JSON.stringify(alarm.AlarmActions)).toMatch(/"Ref":"Alerts[0-9A-F]{8}"/);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'lambda.alarms.cloudwatch.amazonaws.com',
      FunctionName: fnRef('riskAlarm'),
    });
    const notifyOnly = alarms.find((a) => a.AlarmName === 'stratus-RiskLimitBreached')!;
    expect(JSON.stringify(notifyOnly.AlarmActions)).not.toContain('FnriskAlarmFunction');
  });

  it.each(Object.keys(FUNCTIONS))('alarms on %s errors and throttles, notifying the topic', (name) => {
    for (const metric of ['Errors', 'Throttles']) {
      const alarm = alarms.find(
        (candidate) =>
          candidate.MetricName === metric &&
          JSON.stringify(candidate.Dimensions).includes(`Fn${name}Function`),
      );
      expect(alarm, `${name} ${metric}`).toBeDefined();
      expect(alarm).toMatchObject({ Threshold: 1, Namespace: 'AWS/Lambda' });
      expect(JSON.stringify(alarm!.AlarmActions)).toMatch(/"Ref":"Alerts[0-9A-F]{8}"/);
    }
  });

  it('halts trading when the risk monitor fails, not only when it falls silent', () => {
    const alarm = alarms.find(
      (candidate) =>
        candidate.MetricName === 'Errors' &&
        JSON.stringify(candidate.Dimensions).includes('FnriskMonitorFunction'),
    )!;
    expect(JSON.stringify(alarm.AlarmActions)).toContain('FnriskAlarmFunction');
  });

  it('alarms on the depth of every dead-letter queue and of the failed-invocations queue', () => {
    const depth = alarms.filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible');
    const queues = resources('AWS::SQS::Queue').filter(([, queue]) => !queue.Properties.RedrivePolicy);
    expect(depth.map((alarm) => JSON.stringify(alarm.Dimensions)).sort()).toEqual(
      queues
        .map(([id]) => JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }]))
        .sort(),
    );
  });

  it('sends every asynchronously invoked function’s failures to the failed-invocations queue', () => {
    const configs = resources('AWS::Lambda::EventInvokeConfig').map(([, config]) => config.Properties);
    const expected = Object.entries(FUNCTIONS)
      .filter(([, spec]) => invokedAsynchronously(spec))
      .map(([name]) => name);
    expect(expected).toEqual(
      expect.arrayContaining(['riskMonitor', 'riskAlarm', 'preMarket', 'venueMatcher']),
    );
    expect(configs).toHaveLength(expected.length);
    for (const name of expected) {
      const config = configs.find((candidate) =>
        JSON.stringify(candidate.FunctionName).includes(`Fn${name}Function`),
      );
      expect(config, name).toMatchObject({
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [expect.stringMatching(/^Queuesfailedinvocations/), 'Arn'] },
          },
        },
      });
    }
  });

  it('lets CloudWatch alarms of this account publish to the alert topic (the topic policy replaces the default one)', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': Match.anyValue() } }),
          }),
        ]),
      },
    });
  });

  it('encrypts the alert topic with a rotating customer key and gives publish rights only to alerting functions', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const publishers = resources('AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties).includes('sns:Publish'))
      .map(([id]) => id.replace(/Role.*$/, '').replace(/^Fn/, ''))
      .sort();
    expect(publishers).toEqual(
      Object.entries(FUNCTIONS)
        .filter(([, spec]) => 'publishesAlerts' in spec && spec.publishesAlerts)
        .map(([name]) => name)
        .sort(),
    );
  });
});

describe('StratusStack: the web UI on S3 and CloudFront', () => {
  const distributions = resources('AWS::CloudFront::Distribution');
  const config = () => distributions[0]![1].Properties.DistributionConfig as Record<string, unknown>;
  const siteBucket = () => {
    const found = resources('AWS::S3::Bucket').find(([id]) => id.startsWith('WebSite'));
    expect(found, 'the site bucket').toBeDefined();
    return found!;
  };

  it('keeps the site in a private, encrypted, versioned, access-logged bucket that refuses plain HTTP', () => {
    const [id, bucket] = siteBucket();
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'site/' },
    });
    const policies = resources('AWS::S3::BucketPolicy').filter(
      ([, policy]) => (policy.Properties.Bucket as { Ref?: string }).Ref === id,
    );
    const statements = policies.flatMap(
      ([, policy]) =>
        (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Only CloudFront (this distribution, through origin access control) may read it.
    const reads = statements.filter((statement) => statement.Effect === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
  });

  it('serves it through one HTTPS-only distribution with origin access control, security headers and logs', () => {
    expect(distributions).toHaveLength(1);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    expect(config()).toMatchObject({
      Enabled: true,
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https', Compress: true },
      Logging: { Prefix: 'cloudfront/' },
    });
    const origins = config().Origins as { S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[];
    expect(origins).toHaveLength(1);
    expect(origins[0]!.OriginAccessControlId).toBeDefined();
    const [, headers] = resources('AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const security = (
      headers.Properties.ResponseHeadersPolicyConfig as Record<string, Record<string, unknown>>
    ).SecurityHeadersConfig!;
    expect(security).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      StrictTransportSecurity: { Override: true },
    });
    expect(JSON.stringify(security.ContentSecurityPolicy)).toContain("default-src 'self'");
  });

  it('deploys the built app with a config.json naming the API and the hosted login, and invalidates the cache', () => {
    const deployments = resources('Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    const properties = deployments[0]![1].Properties;
    expect(properties.DistributionPaths).toEqual(['/*']);
    expect((properties.SourceObjectKeys as unknown[]).length).toBe(2);
    expect(properties.DestinationBucketName).toEqual({ Ref: siteBucket()[0] });
    const markers = JSON.stringify(properties.SourceMarkers);
    expect(markers).toContain('ApiEndpoint'); // config.json: the API's URL…
    expect(markers).toMatch(/UsersLogin/); // …the hosted login domain…
    expect(markers).toMatch(/UsersWebClient/); // …and the client the API's authorizer accepts
  });

  it('lets the site sign in through Cognito’s hosted login and call the API from its origin only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const [, api] = resources('AWS::ApiGatewayV2::Api')[0]!;
    const cors = api.Properties.CorsConfiguration as { AllowOrigins: unknown[]; AllowHeaders: string[] };
    expect(cors.AllowOrigins).toHaveLength(1);
    expect(JSON.stringify(cors.AllowOrigins[0])).toContain('DomainName');
    expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type']));
  });
});

describe('StratusStack with Alpaca as the broker', () => {
  const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:stratus/alpaca-AbCdEf';
  const alpaca = synthTemplate({ broker: { mode: 'alpaca-paper', secretArn, accountId: 'main' } }).template;
  const functions = Object.values(alpaca.findResources('AWS::Lambda::Function')).filter((fn) =>
    String(fn.Properties.Description ?? '').startsWith('Stratus '),
  );

  it('tells every function the broker, the secret’s ARN and the account — never a key', () => {
    for (const fn of functions) {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(variables).toMatchObject({
        STRATUS_BROKER: 'alpaca-paper',
        STRATUS_ALPACA_SECRET_ARN: secretArn,
        STRATUS_ACCOUNT_ID: 'main',
      });
      expect(Object.keys(variables).filter((name) => /SECRET_KEY|KEY_ID/.test(name))).toEqual([]);
    }
  });

  it('lets each function read that one secret and no other', () => {
    const statements = Object.values(alpaca.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
    );
    const reads = statements.filter((statement) => statement.Action === 'secretsmanager:GetSecretValue');
    expect(reads.length).toBe(functions.length);
    for (const read of reads) expect(read.Resource).toBe(secretArn);
  });

  it('is the paper venue, with no secret access at all, by default', () => {
    const statements = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(statements).not.toContain('secretsmanager');
  });
});

describe('StratusStack: sign-ins audited', () => {
  it('wires the post-authentication trigger of the user pool to the audit function, with audit-table access only', () => {
    const pools = resources('AWS::Cognito::UserPool');
    const config = pools[0]![1].Properties.LambdaConfig as {
      PostAuthentication?: { 'Fn::GetAtt': [string, string] };
    };
    const target = config.PostAuthentication?.['Fn::GetAtt']?.[0];
    expect(target).toMatch(/^FnpostAuthentication/);
    const policies = resources('AWS::IAM::Policy').filter(([id]) => id.startsWith('FnpostAuthentication'));
    const tables = JSON.stringify(policies).match(/"Tables[a-z]+[A-F0-9]{8}"/g) ?? [];
    expect(new Set(tables.map((t) => t.replace(/[A-F0-9]{8}"$/, '').slice(1)))).toEqual(
      new Set(['Tablesaudit']),
    );
  });
});
