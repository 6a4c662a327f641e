import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolDomain,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Role } from '../../app/principal';

const ROLE_GROUPS: Record<Role, string> = {
  viewer: 'Read-only: portfolio, orders, risk, analytics',
  trader: 'Place and cancel orders; manage strategies and sessions',
  admin: 'Risk limits, emergency-stop reset, users',
};

/**
 * Who may use the API: a Cognito user pool whose ID tokens the HTTP API's JWT authorizer
 * checks. Users are created by an administrator (no self sign-up), must use TOTP MFA, and get
 * roles through the groups viewer, trader and admin. `custom:account_id` names the account.
 */
export class StratusAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  /** Cognito's hosted login for the web UI (authorization code with PKCE). */
  readonly loginDomain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: { webUrl: string }) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      featurePlan: FeaturePlan.ESSENTIALS,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      customAttributes: { account_id: new StringAttribute({ mutable: false, minLen: 1, maxLen: 64 }) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus tier bills threat protection per active user; a trader-owned deployment has a handful of admin-created users with TOTP MFA required. Switch featurePlan to PLUS for a multi-user fund.',
    });
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // The web UI signs in through the hosted login and returns to the site with a code (PKCE, no secret).
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.webUrl}/`],
        logoutUrls: [`${props.webUrl}/`],
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
    this.loginDomain = this.userPool.addDomain('Login', {
      // One per account and region; Cognito prefixes must be unique in a region.
      cognitoDomain: { domainPrefix: `stratus-${Aws.ACCOUNT_ID}` },
    });
    for (const [role, description] of Object.entries(ROLE_GROUPS)) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description,
      });
    }
  }
}
