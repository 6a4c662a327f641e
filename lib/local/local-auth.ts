import { timingSafeEqual } from 'node:crypto';
import type { Role } from '../app/principal';
import { ACCOUNT_CLAIM, GROUPS_CLAIM } from '../api/principal-from-event';
import type { Claims } from './api-gateway-event';

const ROLES: readonly Role[] = ['viewer', 'trader', 'admin'];
const MIN_TOKEN_LENGTH = 16;

/** One local API token: whom it signs in, with which role, for which account. */
export interface LocalToken {
  token: string;
  role: Role;
  accountId: string;
  subject: string;
}

/**
 * Reads STRATUS_API_TOKENS: `<token>:<role>[:<account>]`, comma-separated — local stand-ins for
 * Cognito users in the groups viewer, trader and admin (e.g. a read-only token for a dashboard
 * screen). Tokens must be at least 16 characters; a malformed entry stops the host, naming the
 * entry by position only (never echoing a token).
 */
export function parseLocalTokens(spec: string | undefined, defaultAccountId: string): LocalToken[] {
  if (!spec?.trim()) return [];
  return spec.split(',').map((entry, index) => {
    const [token = '', role = '', accountId = defaultAccountId, ...rest] = entry.trim().split(':');
    if (token.length < MIN_TOKEN_LENGTH || !ROLES.includes(role as Role) || rest.length > 0 || !accountId)
      throw new Error(
        `STRATUS_API_TOKENS entry ${index + 1} must be <token of ${MIN_TOKEN_LENGTH}+ characters>:<viewer|trader|admin>[:<account>]`,
      );
    return { token, role: role as Role, accountId, subject: `local-${role}-${index + 1}` };
  });
}

/**
 * Authentication on the local host, standing in for API Gateway's JWT authorizer.
 * Paper trading on loopback with no token configured is open (one trader, one machine);
 * with STRATUS_API_TOKEN (an admin of the local account) or STRATUS_API_TOKENS (tokens with
 * roles and accounts) set, every route but public ones needs `Authorization: Bearer <token>`.
 * The result is the same claims shape the JWT authorizer produces in AWS.
 */
export class LocalAuth {
  private readonly tokens: { secret: Buffer; claims: Claims }[];

  constructor(token: string | undefined, accountId: string, extra: readonly LocalToken[] = []) {
    const all: LocalToken[] = [
      ...(token ? [{ token, role: 'admin' as const, accountId, subject: 'local-trader' }] : []),
      ...extra,
    ];
    this.tokens = all.map((entry) => ({
      secret: Buffer.from(entry.token, 'utf8'),
      claims: { sub: entry.subject, [ACCOUNT_CLAIM]: entry.accountId, [GROUPS_CLAIM]: `[${entry.role}]` },
    }));
    this.openClaims = { sub: 'local-trader', [ACCOUNT_CLAIM]: accountId, [GROUPS_CLAIM]: '[admin]' };
  }

  private readonly openClaims: Claims;

  get open(): boolean {
    return this.tokens.length === 0;
  }

  /** Claims for an authenticated request, or null if the credentials are missing or wrong. */
  authenticate(authorization: string | undefined): Claims | null {
    if (this.open) return this.openClaims;
    const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    if (!presented) return null;
    const candidate = Buffer.from(presented.trim(), 'utf8');
    // Compare against every token, in constant time each, so timing tells nothing about which matched.
    let found: Claims | null = null;
    for (const { secret, claims } of this.tokens) {
      if (candidate.length === secret.length && timingSafeEqual(candidate, secret)) found = claims;
    }
    return found;
  }
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
