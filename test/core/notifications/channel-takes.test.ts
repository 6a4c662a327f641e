import { describe, expect, it } from 'vitest';
import { channelTakes } from '../../../lib/core/notifications/channel-policies';

describe('channelTakes: a subscription’s level filter (SNS filter policy in AWS, the local topic the same)', () => {
  it('takes the levels from the floor up, and messages without a level (an alarm’s own notification)', () => {
    const table = (['info', 'warning', 'critical'] as const).map((floor) =>
      [undefined, 'info', 'warning', 'critical', 'loud'].map((level) => channelTakes(floor, level)),
    );
    expect(table).toEqual([
      [true, true, true, true, false],
      [true, false, true, true, false],
      [true, false, false, true, false],
    ]);
  });
});
