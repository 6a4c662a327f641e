import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import { call, startTestHost } from '../support/local-host';

/** A sign-in as Cognito reports it to its post-authentication trigger (the documented event shape). */
const signIn = {
  version: '1',
  region: 'us-east-1',
  userPoolId: 'us-east-1_Example',
  userName: 'trader@example.com',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'web-client-id' },
  triggerSource: 'PostAuthentication_Authentication',
  request: {
    userAttributes: { sub: 'user-sub-1', email: 'trader@example.com', 'custom:account_id': 'paper' },
    newDeviceUsed: false,
  },
  response: {},
};

describe('sign-ins are audited (Cognito post-authentication trigger, run on the local host)', () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await startTestHost();
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('appends a login record (who, when, how) to the account’s audit log and lets the sign-in through', async () => {
    const returned = await host.invoker.invoke('postAuthentication', signIn);
    expect(returned).toEqual(signIn); // Cognito continues the sign-in with the event it gets back
    const audit = (await call(`${host.url}/api/audit`)).body as {
      records: { action: string; actor: string; at: string; detail?: Record<string, unknown> }[];
    };
    const login = audit.records.find((record) => record.action === 'login');
    expect(login).toMatchObject({
      actor: 'user-sub-1',
      detail: { source: 'PostAuthentication_Authentication', clientId: 'web-client-id' },
    });
    expect(Number.isNaN(Date.parse(login!.at))).toBe(false);
  });
});
