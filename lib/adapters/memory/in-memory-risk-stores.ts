import type { AuditLog, AuditRecord } from '../../app/ports/audit-log';
import type { TradingStateRepository } from '../../app/ports/trading-state-repository';
import { ConcurrencyError } from '../../core/errors';
import { initialTradingState, type TradingState } from '../../core/risk/trading-state';

/** Trading states in memory, with the DynamoDB adapter's version rules. `failReads` simulates an outage. */
export class InMemoryTradingStateRepository implements TradingStateRepository {
  private readonly states = new Map<string, TradingState>();
  failReads = false;

  async get(accountId: string): Promise<TradingState> {
    if (this.failReads) throw new Error('trading state store unreachable');
    return structuredClone(this.states.get(accountId) ?? initialTradingState(accountId, new Date(0)));
  }

  async save(state: TradingState): Promise<void> {
    const stored = this.states.get(state.accountId)?.version ?? 0;
    if (stored !== state.version - 1) throw new ConcurrencyError(`trading state of ${state.accountId}`);
    this.states.set(state.accountId, structuredClone(state));
  }
}

export class InMemoryAuditLog implements AuditLog {
  readonly records: AuditRecord[] = [];

  async append(record: AuditRecord): Promise<void> {
    this.records.push(structuredClone(record));
  }

  async list(accountId: string, options: { limit?: number } = {}): Promise<AuditRecord[]> {
    return this.records
      .filter((record) => record.accountId === accountId)
      .reverse()
      .slice(0, options.limit ?? 100);
  }
}
