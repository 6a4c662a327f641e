import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHost } from '../../lib/local/local-host';
import {
  accessDifferences,
  type HostAccessView,
  localAccessView,
  templateAccessView,
} from '../support/host-access-views';
import { startTestHost } from '../support/local-host';
import { synthTemplate } from '../support/synth';

/**
 * The two hosts cannot drift: per function, the environment variables that locate resources and
 * the IAM statements of the synthesized template are exactly what the local host gives each
 * container and enforces on it.
 */
describe('host conformance: the template and the strict local host', () => {
  let host: LocalHost;
  let cloud: HostAccessView;
  let local: HostAccessView;
  beforeAll(async () => {
    host = await startTestHost();
    cloud = templateAccessView(synthTemplate().template);
    local = localAccessView(host);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('gives every function the same resource variables and grants in both hosts', () => {
    expect(accessDifferences(cloud, local)).toEqual([]);
    // Not vacuous: the views hold what they should.
    expect(cloud.orders.grants).toContain('dynamodb:PutItem on table:accounts');
    expect(cloud.orders.grants).toContain('states:StartExecution on state-machine:twap');
    expect(cloud.orders.variables.STRATUS_TABLE_ACCOUNTS).toBe('table:accounts');
    expect(cloud.riskMonitor.grants).toContain('sqs:SendMessage on queue:failed-invocations');
  });

  const copy = (view: HostAccessView): HostAccessView =>
    Object.fromEntries(
      Object.entries(view).map(([name, fn]) => [
        name,
        { variables: { ...fn.variables }, grants: new Set(fn.grants) },
      ]),
    ) as HostAccessView;

  it.each([
    [
      'a grant removed from the template',
      'cloud',
      'grant',
      /orders: the local host allows dynamodb:PutItem on table:orders, AWS does not/,
    ],
    [
      'a grant removed from the local host',
      'local',
      'grant',
      /orders: AWS allows dynamodb:PutItem on table:orders, the local host does not/,
    ],
    [
      'a variable removed from the template',
      'cloud',
      'variable',
      /orders: STRATUS_TABLE_ORDERS is absent in AWS, table:orders locally/,
    ],
    [
      'a variable removed from the local host',
      'local',
      'variable',
      /orders: STRATUS_TABLE_ORDERS is table:orders in AWS, absent locally/,
    ],
  ] as const)('fails with %s', (_case, side, what, expected) => {
    const [template, here] = [copy(cloud), copy(local)];
    const changed = side === 'cloud' ? template : here;
    if (what === 'grant') changed.orders.grants.delete('dynamodb:PutItem on table:orders');
    else delete changed.orders.variables.STRATUS_TABLE_ORDERS;
    const differences = accessDifferences(template, here);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(expected);
  });
});
