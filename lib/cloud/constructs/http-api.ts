import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName } from '../../platform/function-catalog';
import { FALLBACK_FUNCTION, ROUTES } from '../../api/routes';

/** Sustained and burst requests per second across the API; per-account business limits are the risk engine's job. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 };

/**
 * The public HTTPS API: an HTTP API whose routes come from the shared route table, each
 * sent to its function. Every route but the public ones (health) goes through a JWT
 * authorizer on the Cognito user pool; unknown paths reach the fallback function through
 * `$default`, which is authorized too. Access logs are JSON, kept for a year.
 */
export class StratusHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(
    scope: Construct,
    id: string,
    props: {
      functions: ReadonlyMap<FunctionName, IFunction>;
      userPool: UserPool;
      client: UserPoolClient;
      /** The web UI's origin: the only one browsers may call the API from. */
      webOrigin: string;
    },
  ) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Stratus trading API',
      createDefaultStage: false,
      disableExecuteApiEndpoint: false,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            user: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      userPoolClients: [props.client],
      identitySource: ['$request.header.Authorization'],
    });
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        const fn = props.functions.get(name);
        if (!fn) throw new Error(`route needs function ${name}, which was not created`);
        integration = new HttpLambdaIntegration(`${name}-integration`, fn);
        integrations.set(name, integration);
      }
      return integration;
    };
    for (const route of ROUTES) {
      const httpRoute = new HttpRoute(this, `${route.method} ${route.path}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(route.function),
        ...(route.auth === 'public' ? {} : { authorizer }),
      });
      if (route.auth === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (liveness for monitors); it returns no account data.`,
        });
      }
    }
    new HttpRoute(this, 'default', {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrationFor(FALLBACK_FUNCTION),
      authorizer,
    });
    new CfnOutput(this, 'Url', { value: this.api.apiEndpoint, description: 'Base URL of the Stratus API' });
  }
}
