import { describe, expect, it } from 'vitest';
import { principalFromEvent } from '../../lib/api/principal-from-event';

const withClaims = (claims: Record<string, unknown> | undefined) =>
  ({ requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined } }) as never;

describe('principalFromEvent', () => {
  it('returns null without claims or a subject', () => {
    expect(principalFromEvent(withClaims(undefined))).toBeNull();
    expect(principalFromEvent(withClaims({ 'cognito:groups': '[admin]' }))).toBeNull();
  });

  it.each([
    ['[trader admin]', ['trader', 'admin']],
    ['["trader"]', ['trader']],
    ['viewer,trader', ['viewer', 'trader']],
    ['[superuser]', ['viewer']],
    [undefined, ['viewer']],
  ])('reads groups %j as roles %j (no recognised group means viewer)', (groups, roles) => {
    const claims: Record<string, unknown> = { sub: 'user-1' };
    if (groups !== undefined) claims['cognito:groups'] = groups;
    expect(principalFromEvent(withClaims(claims))?.roles).toEqual(roles);
  });

  it('takes the account from custom:account_id, else the subject', () => {
    expect(principalFromEvent(withClaims({ sub: 'u1', 'custom:account_id': 'fund-7' }))?.accountId).toBe(
      'fund-7',
    );
    expect(principalFromEvent(withClaims({ sub: 'u1' }))?.accountId).toBe('u1');
  });
});
