import type { EquitySnapshot, EquitySnapshotStore } from '../../app/ports/equity-snapshots';
import type { AlertPublisher, AlertStore } from '../../app/ports/risk-alerts';
import type { RiskLimitsRepository, RiskProfile } from '../../app/ports/risk-limits-repository';
import type { AlertLevel, RiskAlert } from '../../core/risk/alerts';
import type { RiskLimitSet } from '../../core/risk/limits';
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

/** Limits in memory beside the trading states (the profile fails when the states do). */
export class InMemoryRiskLimitsRepository implements RiskLimitsRepository {
  private readonly sets = new Map<string, RiskLimitSet>();

  constructor(private readonly states: InMemoryTradingStateRepository) {}

  async profile(accountId: string): Promise<RiskProfile> {
    const tradingState = await this.states.get(accountId);
    const limits = this.sets.get(accountId);
    return { tradingState, limits: limits ? structuredClone(limits) : null };
  }

  async save(set: RiskLimitSet): Promise<void> {
    const stored = this.sets.get(set.accountId)?.version ?? 0;
    if (stored !== set.version - 1) throw new ConcurrencyError(`risk limits of ${set.accountId}`);
    this.sets.set(set.accountId, structuredClone(set));
  }
}

export class InMemoryAlertStore implements AlertStore {
  readonly alerts: RiskAlert[] = [];

  async raise(alert: RiskAlert): Promise<boolean> {
    if (this.alerts.some((a) => a.accountId === alert.accountId && a.alertId === alert.alertId)) return false;
    this.alerts.push(structuredClone(alert));
    return true;
  }

  async list(accountId: string, options: { limit?: number; level?: AlertLevel } = {}): Promise<RiskAlert[]> {
    return this.alerts
      .filter(
        (alert) =>
          alert.accountId === accountId && (options.level === undefined || alert.level === options.level),
      )
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, options.limit ?? 100);
  }
}

/** Collects what would be sent to people (tests; the local host logs instead). */
export class RecordingAlertPublisher implements AlertPublisher {
  readonly published: RiskAlert[] = [];

  async publish(alert: RiskAlert): Promise<void> {
    this.published.push(alert);
  }
}

export class InMemoryEquitySnapshots implements EquitySnapshotStore {
  private readonly byAccount = new Map<string, Map<string, EquitySnapshot>>();

  async record(accountId: string, snapshot: EquitySnapshot): Promise<void> {
    const days = this.byAccount.get(accountId) ?? new Map<string, EquitySnapshot>();
    days.set(snapshot.date, { ...snapshot });
    this.byAccount.set(accountId, days);
  }

  async list(accountId: string): Promise<EquitySnapshot[]> {
    return [...(this.byAccount.get(accountId)?.values() ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  }
}
