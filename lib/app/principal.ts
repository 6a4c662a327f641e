/** What a caller may do. Each route declares the least role it needs (lib/api/routes.ts). */
export type Role = 'viewer' | 'trader' | 'admin';

const ROLE_RANK: Record<Role, number> = { viewer: 1, trader: 2, admin: 3 };

/** The authenticated caller, as established by the JWT authorizer (AWS) or the local host. */
export interface Principal {
  subject: string;
  accountId: string;
  roles: readonly Role[];
}

export function hasRole(principal: Principal, needed: Role): boolean {
  return principal.roles.some((role) => ROLE_RANK[role] >= ROLE_RANK[needed]);
}
