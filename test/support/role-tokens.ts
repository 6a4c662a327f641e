/** Local tokens standing in for Cognito users: one per role on account A, a trader on account B. */
export const TOKENS = {
  viewerA: 'viewer-token-aaaaaaaaaaaa',
  traderA: 'trader-token-aaaaaaaaaaaa',
  adminA: 'admin-token-aaaaaaaaaaaaa',
  traderB: 'trader-token-bbbbbbbbbbbb',
} as const;

export const TOKEN_SPEC = [
  `${TOKENS.viewerA}:viewer:acct-a`,
  `${TOKENS.traderA}:trader:acct-a`,
  `${TOKENS.adminA}:admin:acct-a`,
  `${TOKENS.traderB}:trader:acct-b`,
].join(',');

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
