import { timingSafeEqual } from 'node:crypto';
import { ACCOUNT_CLAIM, GROUPS_CLAIM } from '../api/principal-from-event';
import type { Claims } from './api-gateway-event';

/**
 * Authentication on the local host, standing in for API Gateway's JWT authorizer.
 * Paper trading on loopback with no token configured is open (one trader, one machine);
 * with STRATUS_API_TOKEN set, every route but public ones needs `Authorization: Bearer <token>`.
 * The result is the same claims shape the JWT authorizer produces in AWS.
 */
export class LocalAuth {
  private readonly token: Buffer | null;

  constructor(
    token: string | undefined,
    private readonly accountId: string,
  ) {
    this.token = token ? Buffer.from(token, 'utf8') : null;
  }

  get open(): boolean {
    return this.token === null;
  }

  /** Claims for an authenticated request, or null if the credentials are missing or wrong. */
  authenticate(authorization: string | undefined): Claims | null {
    if (this.token === null) return this.claims();
    const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    if (!presented) return null;
    const candidate = Buffer.from(presented.trim(), 'utf8');
    if (candidate.length !== this.token.length || !timingSafeEqual(candidate, this.token)) return null;
    return this.claims();
  }

  private claims(): Claims {
    return { sub: 'local-trader', [ACCOUNT_CLAIM]: this.accountId, [GROUPS_CLAIM]: '[admin]' };
  }
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
