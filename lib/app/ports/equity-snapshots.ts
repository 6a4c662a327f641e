/** An account's equity at the end of each New York trading date (the last measurement of the day). */
export interface EquitySnapshot {
  date: string;
  equityCents: number;
}

export interface EquitySnapshotStore {
  /** Records (or replaces) the day's equity. */
  record(accountId: string, snapshot: EquitySnapshot): Promise<void>;
  /** Oldest first. */
  list(accountId: string): Promise<EquitySnapshot[]>;
}
