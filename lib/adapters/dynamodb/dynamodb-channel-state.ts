import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelStateStore } from '../../app/ports/channel-gate';
import { ConcurrencyError } from '../../core/errors';
import { EMPTY_GATE, type GateState } from '../../core/notifications/digest-gate';
import { putIfAbsent, putIfVersion } from './conditional-writes';
import type { DocumentClient } from './document-client';

/** Each channel's gate state, one item in the `risk` table (`CHANNEL#<name>`), versioned. */
export class DynamoDbChannelStateStore implements ChannelStateStore {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async read(channel: string): Promise<{ state: GateState; version: number }> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(channel), ConsistentRead: true }),
    );
    if (!Item) return { state: EMPTY_GATE, version: 0 };
    return { state: Item.state as GateState, version: Item.version as number };
  }

  async write(channel: string, state: GateState, version: number): Promise<boolean> {
    const item = { ...keyOf(channel), state, version: version + 1 };
    if (version === 0) return putIfAbsent(this.client, this.tableName, item);
    try {
      await putIfVersion(this.client, this.tableName, item, `channel ${channel}`);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }
}

function keyOf(channel: string) {
  return { pk: `CHANNEL#${channel}`, sk: 'STATE' };
}
