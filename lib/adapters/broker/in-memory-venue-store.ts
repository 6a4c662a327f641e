import { ConcurrencyError } from '../../core/errors';
import { UNTOUCHED } from '../../core/execution/impact-book';
import type { StoredDepth, VenueOrderRecord, VenueStore } from './venue-store';

export class InMemoryVenueStore implements VenueStore {
  private readonly records = new Map<string, VenueOrderRecord>();
  private readonly depths = new Map<string, StoredDepth>();

  async depthTaken(symbol: string): Promise<StoredDepth> {
    return structuredClone(this.depths.get(symbol) ?? { taken: UNTOUCHED, version: 0 });
  }

  async saveDepthTaken(symbol: string, stored: StoredDepth): Promise<void> {
    if ((this.depths.get(symbol)?.version ?? 0) !== stored.version)
      throw new ConcurrencyError(`book depth of ${symbol}`);
    this.depths.set(symbol, structuredClone({ taken: stored.taken, version: stored.version + 1 }));
  }

  async create(record: VenueOrderRecord): Promise<boolean> {
    const id = `${record.accountId}\u0000${record.clientOrderId}`;
    if (this.records.has(id)) return false;
    this.records.set(id, structuredClone(record));
    return true;
  }

  async get(accountId: string, clientOrderId: string): Promise<VenueOrderRecord | null> {
    const record = this.records.get(`${accountId}\u0000${clientOrderId}`);
    return record ? structuredClone(record) : null;
  }

  async save(record: VenueOrderRecord): Promise<void> {
    const id = `${record.accountId}\u0000${record.clientOrderId}`;
    if (this.records.get(id)?.version !== record.version - 1)
      throw new ConcurrencyError(`venue order ${record.clientOrderId}`);
    this.records.set(id, structuredClone(record));
  }

  async unsettled(): Promise<VenueOrderRecord[]> {
    return structuredClone([...this.records.values()].filter(isUnsettled));
  }
}

export function isUnsettled(record: VenueOrderRecord): boolean {
  return record.status === 'open';
}
