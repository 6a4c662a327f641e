import { FUNCTIONS, type FunctionName } from '../platform/function-catalog';
import {
  type AccessResource,
  grantsOf,
  type SecretOptions,
  resourceMatches,
} from '../platform/function-access';

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'us-east-1';

/** The access key a function's container signs with: it names the function, as a role's credentials do. */
export function functionAccessKey(name: FunctionName): string {
  return `LOCALFN${name}`;
}

/**
 * The key the host itself and tests use to administer the embedded services (create tables,
 * inspect items): the account's administrator, allowed everything — never given to a function.
 */
export const ADMIN_ACCESS_KEY = 'local';

/** Allows a caller's action on every resource named, or throws AccessDenied: what each service stand-in asks. */
export type Authorize = (accessKeyId: string, action: string, resources: readonly string[]) => void;

/** One statement of a function's policy, with the host's ARNs. */
export interface LocalStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** A refusal, worded as AWS words it. */
export class AccessDenied extends Error {
  readonly code = 'AccessDeniedException';
  constructor(
    readonly principal: string,
    readonly action: string,
    readonly resource: string,
  ) {
    super(
      `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    );
  }
}

/**
 * IAM for the local host: each function's policy is its grants from lib/platform/function-access.ts
 * (the statements CDK writes into its role), with this host's ARNs; every call a function makes
 * to an embedded service is allowed only when one statement allows its action on every resource
 * it touches. Unknown keys are refused like unknown credentials.
 */
export class LocalIam {
  private readonly policies = new Map<string, { name: FunctionName; statements: LocalStatement[] }>();
  /** Decisions already taken (key, action, resource): an order repeats the same few calls. */
  private readonly allowed = new Set<string>();

  constructor(
    arnOf: (resource: AccessResource) => string,
    /** A broker secret is configured (Alpaca): every function may read it, as in the stack. */
    options: SecretOptions = { brokerSecret: false },
  ) {
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      this.policies.set(functionAccessKey(name), {
        name,
        statements: grantsOf(name, options).map((grant) => ({
          actions: grant.actions,
          resources: grant.resources.map(arnOf),
        })),
      });
    }
  }

  /** The statements a function's role has on this host (the conformance test reads them). */
  statementsOf(name: FunctionName): readonly LocalStatement[] {
    return this.policies.get(functionAccessKey(name))!.statements;
  }

  /** Throws AccessDenied unless the key's policy allows `action` on each of `resources`. */
  authorize(accessKeyId: string, action: string, resources: readonly string[]): void {
    if (accessKeyId === ADMIN_ACCESS_KEY) return;
    const policy = this.policies.get(accessKeyId);
    const principal = () =>
      policy
        ? `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/stratus-${policy.name}/stratus-${policy.name}`
        : `arn:aws:iam::${LOCAL_ACCOUNT}:user/unknown-${accessKeyId}`;
    for (const resource of resources) {
      const decision = `${accessKeyId} ${action} ${resource}`;
      if (this.allowed.has(decision)) continue;
      const allowed = policy?.statements.some(
        (statement) =>
          statement.actions.includes(action) &&
          statement.resources.some((pattern) => resourceMatches(pattern, resource)),
      );
      if (!allowed) throw new AccessDenied(principal(), action, resource);
      // Policies never change while the host runs; the set is bounded by functions × actions × resources.
      this.allowed.add(decision);
    }
  }
}

/** The access key of a SigV4 `Authorization` header (`Credential=<key>/<scope>`). */
export function accessKeyOf(authorization: string | undefined): string {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? '';
}
