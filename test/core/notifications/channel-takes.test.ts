import { describe, expect, it } from 'vitest';
import { ALERT_LEVELS } from '../../../lib/core/risk/alerts';
import { CHANNEL_LEVELS, channelTakes } from '../../../lib/platform/alert-channels';

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

  it('knows the alerts’ own levels, in their order', () => {
    expect(CHANNEL_LEVELS).toEqual(ALERT_LEVELS);
  });
});
