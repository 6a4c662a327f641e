import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Principal, Role } from '../app/principal';

/** Custom claim naming the account a user trades; falls back to the subject. */
export const ACCOUNT_CLAIM = 'custom:account_id';
/** Cognito puts group membership here; the groups named like roles grant them. */
export const GROUPS_CLAIM = 'cognito:groups';

const ROLES: readonly Role[] = ['viewer', 'trader', 'admin'];

/**
 * Reads the caller from the JWT claims that API Gateway's authorizer (or the local host,
 * which builds the same event) put on the request. Returns null when there are none.
 * A signed-in user in no group is a viewer: read-only until someone grants more.
 */
export function principalFromEvent(
  event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>,
): Principal | null {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) return null;
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject.length === 0) return null;
  const account = claims[ACCOUNT_CLAIM];
  const groups = parseGroups(claims[GROUPS_CLAIM]);
  const roles = ROLES.filter((role) => groups.includes(role));
  return {
    subject,
    accountId: typeof account === 'string' && account.length > 0 ? account : subject,
    roles: roles.length > 0 ? roles : ['viewer'],
  };
}

/** API Gateway flattens array claims to "[a b]"; accept that, a JSON array, or a comma list. */
function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((group) => group.replace(/^"|"$/g, ''))
    .filter(Boolean);
}
