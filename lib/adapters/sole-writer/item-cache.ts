/**
 * The items a sole writer last stored, by key, most recently used last; the oldest is dropped
 * past `capacity`. Items are kept as JSON and handed out parsed afresh, as a table would: a
 * caller that changes the object it saved, or one it was given, changes neither what is cached
 * nor what others see. (JSON, not structuredClone: several times faster for these plain items,
 * and it drops `undefined` fields just as the DynamoDB adapters' marshalling does.)
 */
export class ItemCache<V> {
  private readonly items = new Map<string, string>();
  /** Counts writes (sets and deletes), so a read that a write overtook is not cached. */
  private writes = 0;

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const json = this.items.get(key);
    if (json === undefined) return undefined;
    this.items.delete(key);
    this.items.set(key, json);
    return JSON.parse(json) as V;
  }

  /** The cached value, or the table's (cached unless a write landed while it was read). */
  async read(key: string, fromTable: () => Promise<V | null>): Promise<V | null> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const before = this.writes;
    const value = await fromTable();
    // A write that landed while the table was read may have made `value` old: keep it uncached.
    if (value !== null && this.writes === before) this.store(key, value);
    return value;
  }

  /** What this process has just written (or learnt it holds). */
  set(key: string, value: V): void {
    this.writes++;
    this.store(key, value);
  }

  delete(key: string): void {
    this.writes++;
    this.items.delete(key);
  }

  private store(key: string, value: V): void {
    this.items.delete(key);
    this.items.set(key, JSON.stringify(value));
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as string);
  }
}
