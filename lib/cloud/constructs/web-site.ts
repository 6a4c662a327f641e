import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { writeWebAssets } from '../../platform/web-assets';

/** What the browser app needs to find the API and sign in (written to /config.json at deploy). */
export interface WebSiteConfig {
  readonly apiUrl: string;
  readonly cognito: { readonly domain: string; readonly clientId: string; readonly redirectUri: string };
}

/**
 * The web UI in AWS: a private, encrypted S3 bucket that only CloudFront can read (origin access
 * control), served over HTTPS with security headers, access-logged. The app calls the API on its
 * own origin (CORS allows this site only) and signs in through Cognito's hosted login.
 */
export class StratusWebSite extends Construct {
  readonly bucket: Bucket;
  /** The access-log bucket: the site's and the distribution's logs (other buckets may log here too). */
  readonly logs: Bucket;
  readonly distribution: Distribution;
  /** https://<distribution domain>, no trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logs = (this.logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own access would loop.',
    });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Stratus web UI security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          // The app talks to the API (execute-api) and Cognito's hosted login; nothing else.
          contentSecurityPolicy: `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self' https://*.execute-api.${Aws.REGION}.amazonaws.com https://*.auth.${Aws.REGION}.amazoncognito.com; frame-ancestors 'none'`,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Stratus web UI',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // The single-page app routes by hash; a deep link to an unknown key still gets the app.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    for (const acknowledgement of [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'A trader’s own console: who may use it is decided by Cognito sign-in with MFA, not by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The site is static files; every API call is authorized by Cognito JWTs and throttled at API Gateway. Attach a WAF web ACL for a multi-user deployment.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate is used (no custom domain), for which CloudFront fixes the TLS policy; with a custom domain the TLSv1.2_2021 minimum set here applies.',
      },
    ])
      Validations.of(this.distribution).acknowledge(acknowledgement);
    this.url = `https://${this.distribution.distributionDomainName}`;
  }

  /** Uploads the built app and its config.json, then invalidates the distribution's cache. */
  deploy(config: WebSiteConfig): BucketDeployment {
    const built = writeWebAssets(mkdtempSync(join(tmpdir(), 'stratus-web-')));
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(built), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    acknowledgeDeploymentHandler(deployment, this.bucket);
    return deployment;
  }
}

/**
 * CDK's bucket-deployment handler (one per stack, owned by CDK) runs only at deploy time: its
 * findings are acknowledged on it alone, not stack-wide, so the same rules still catch Stratus's
 * own functions and roles.
 */
function acknowledgeDeploymentHandler(deployment: BucketDeployment, site: Bucket): void {
  const siteBucketId = Stack.of(site).getLogicalId(site.node.defaultChild as CfnBucket);
  const reasons: { id: string; reason: string }[] = [
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK’s deploy-time bucket-deployment handler writes its logs with the basic execution role.',
    },
    ...[
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      `Resource::<${siteBucketId}.Arn>/*`,
      'Resource::*',
    ].map((finding) => ({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason:
        'CDK’s deploy-time bucket-deployment handler reads the web assets from the CDK asset bucket, replaces the objects of the site bucket, and invalidates the distribution (CloudFront invalidation has no narrower resource in CDK’s grant).',
    })),
    { id: 'AwsSolutions-L1', reason: 'The runtime of CDK’s bucket-deployment handler is chosen by CDK.' },
  ];
  const stack = Stack.of(deployment);
  const handlers = stack.node.children.filter((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  for (const scope of [deployment.handlerRole, ...handlers])
    for (const acknowledgement of reasons) Validations.of(scope).acknowledge(acknowledgement);
}
